package dev.lockstep.cli;

import dev.lockstep.check.LiveVersions;
import dev.lockstep.cluster.ProxyClient;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --live}: read each cluster's control-plane version from its Proxy's {@code /webapi/find}
 * ({@code spec.proxy} in cluster.yaml, or {@code --proxy}), so the compatibility rules check
 * against the real Auth version (it fills {@code ValidationContext.liveAuthVersions}). Commands add
 * the options to their model ({@link #addTo}), so they all take them the same way.
 */
public final class LiveOptions {

  boolean live;
  final ProxyOptions proxyOptions = new ProxyOptions();

  /** Adds {@code --live} and the Proxy options to {@code spec}, bound to this group. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        CommandModel.option("--live", boolean.class, v -> live = v)
            .description(
                "Read the control-plane version from each cluster's Proxy (/webapi/find) for the compatibility rules.")
            .build());
    proxyOptions.addTo(spec);
  }

  /**
   * The live versions as the revision check reads them, for the clusters it is about.
   *
   * @see #read
   */
  LiveVersions versions(CommandSpec spec) {
    return live ? clusters -> read(spec, clusters) : LiveVersions.NONE;
  }

  /**
   * The live control-plane version of each cluster, by name; empty without {@code --live}.
   *
   * @throws ParameterException (exit 2) when {@code --live} is given and a cluster has no Proxy
   * @throws LiveVersions.Unreachable (exit 3) when a Proxy cannot be read
   */
  Map<String, Version> read(CommandSpec spec, List<ClusterSource> clusters)
      throws LiveVersions.Unreachable {
    Map<String, Version> out = new TreeMap<>();
    if (!live) {
      return out;
    }
    for (ClusterSource c : clusters) {
      String address =
          proxyOptions.proxy != null
              ? proxyOptions.proxy
              : c.cluster().map(LockstepCluster::proxy).orElse("");
      if (address.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--live: cluster "
                + c.name()
                + " has no spec.proxy in cluster.yaml; pass --proxy HOST:PORT");
      }
      out.put(c.name(), proxyOptions.find(spec, "--live", address).serverVersion());
    }
    return out;
  }

  /**
   * How to reach the cluster's Proxy: {@code --proxy}, else {@code spec.proxy} of cluster.yaml;
   * empty when neither is set.
   *
   * @throws ParameterException (exit 2) for a bad address or {@code --proxy-timeout}
   */
  Optional<ProxyClient.Settings> proxySettings(CommandSpec spec, ClusterSource c) {
    String address =
        proxyOptions.proxy != null
            ? proxyOptions.proxy
            : c.cluster().map(LockstepCluster::proxy).orElse("");
    if (address.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(proxyOptions.settings(spec, "--proxy", address));
  }
}
