package dev.lockstep.validate;

import dev.lockstep.model.Version;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What validation knows beyond the repository.
 *
 * @param authVersion the control-plane version given on the command line ({@code --auth-version});
 *     it wins over every cluster's declared {@code auth_version}
 * @param liveAuthVersions control-plane versions read from each cluster's Proxy, by cluster name; a
 *     live version wins over a declared one
 */
public record ValidationContext(
    Optional<Version> authVersion, Map<String, Version> liveAuthVersions) {

  /** Nothing known: compatibility rules use only what cluster.yaml declares. */
  public static final ValidationContext OFFLINE = new ValidationContext(Optional.empty(), Map.of());

  public ValidationContext {
    Objects.requireNonNull(authVersion, "authVersion");
    liveAuthVersions = Map.copyOf(liveAuthVersions);
  }
}
