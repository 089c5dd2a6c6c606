package dev.lockstep.scaffold;

import dev.lockstep.model.Version;
import java.util.Objects;

/**
 * What {@code lockstep import} knows about a live cluster besides its resources.
 *
 * @param cluster the cluster's name: its folder under {@code clusters/} and {@code metadata.name}
 * @param proxy the Proxy address ({@code host:port}) the control-plane version was read from, or ""
 * @param authVersion the control-plane version: read from the Proxy, or declared
 * @param target the target the resources were read from ({@code tctl}, {@code kubernetes}, ...)
 * @param readsMaintenance false when the target cannot read {@code cluster_maintenance_config} (the
 *     Kubernetes operator has no custom resource for it)
 */
public record ImportSource(
    String cluster, String proxy, Version authVersion, String target, boolean readsMaintenance) {
  public ImportSource {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(authVersion, "authVersion");
    Objects.requireNonNull(target, "target");
  }

  /** True when the control-plane version came from the Proxy rather than the command line. */
  boolean authFromProxy() {
    return !proxy.isEmpty();
  }
}
