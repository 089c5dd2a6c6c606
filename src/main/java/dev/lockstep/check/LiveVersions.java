package dev.lockstep.check;

import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.Version;
import java.util.List;
import java.util.Map;

/**
 * Reads the control-plane version each cluster runs (its Proxy's {@code /webapi/find}), for the
 * compatibility rules. The CLI's {@code --live} fails when a Proxy cannot be read; {@code serve}
 * reads best effort and leaves a cluster out instead.
 */
@FunctionalInterface
public interface LiveVersions {
  /** Reads nothing: the compatibility rules use {@code --auth-version} or the declared version. */
  LiveVersions NONE = clusters -> Map.of();

  /**
   * The live version per cluster name, for the clusters it could read.
   *
   * @param clusters the clusters the check is about (the selected one, or all)
   * @throws Unreachable when a Proxy that must be read cannot be
   */
  Map<String, Version> read(List<ClusterSource> clusters) throws Unreachable;

  /** A Proxy could not be read; the message names it and says why. */
  final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with a message for humans. */
    public Unreachable(String message) {
      super(message);
    }
  }
}
