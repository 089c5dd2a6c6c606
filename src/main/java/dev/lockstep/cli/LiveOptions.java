package dev.lockstep.cli;

import dev.lockstep.cluster.ProxyClient;
import dev.lockstep.cluster.ProxyException;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.GoDuration;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --live}: read each cluster's control-plane version from its Proxy's {@code /webapi/find}
 * ({@code spec.proxy} in cluster.yaml, or {@code --proxy}), so the compatibility rules check
 * against the real Auth version (it fills {@code ValidationContext.liveAuthVersions}). A picocli
 * mixin, so {@code validate} and {@code plan} can take the same options.
 */
public final class LiveOptions {

  @Option(
      names = "--live",
      description =
          "Read the control-plane version from each cluster's Proxy (/webapi/find) for the compatibility rules.")
  boolean live;

  @Option(
      names = "--proxy",
      paramLabel = "HOST:PORT",
      description = "Proxy address to read with --live; overrides spec.proxy of cluster.yaml.")
  String proxy;

  @Option(
      names = "--proxy-ca",
      paramLabel = "PEM",
      description = "Trust only these CA certificates (PEM) for the Proxy, e.g. a private CA.")
  Path proxyCa;

  @Option(
      names = "--proxy-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "Timeout of one /webapi/find request (default: ${DEFAULT-VALUE}); 3 attempts with backoff.")
  String proxyTimeout;

  /** Thrown when a Proxy cannot be read: the command exits 3. */
  static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  /**
   * The live control-plane version of each cluster, by name; empty without {@code --live}.
   *
   * @throws ParameterException (exit 2) when {@code --live} is given and a cluster has no Proxy
   * @throws Unreachable (exit 3) when a Proxy cannot be read
   */
  Map<String, Version> read(CommandSpec spec, List<ClusterSource> clusters) throws Unreachable {
    Map<String, Version> out = new TreeMap<>();
    if (!live) {
      return out;
    }
    for (ClusterSource c : clusters) {
      ProxyClient.Settings settings =
          proxySettings(spec, c)
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(),
                          "--live: cluster "
                              + c.name()
                              + " has no spec.proxy in cluster.yaml; pass --proxy HOST:PORT"));
      try {
        out.put(c.name(), ProxyClient.of(settings).serverVersion());
      } catch (ProxyException e) {
        throw new Unreachable(e.getMessage());
      }
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
    String address = proxy != null ? proxy : c.cluster().map(LockstepCluster::proxy).orElse("");
    if (address.isEmpty()) {
      return Optional.empty();
    }
    Duration timeout =
        GoDuration.parse(proxyTimeout)
            .filter(d -> !d.isNegative() && !d.isZero())
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "--proxy-timeout: \"" + proxyTimeout + "\" is not a duration such as 10s"));
    try {
      return Optional.of(
          new ProxyClient.Settings(
              ProxyClient.baseUri(address),
              Duration.ofSeconds(5),
              timeout,
              3,
              Duration.ofMillis(500),
              Optional.ofNullable(proxyCa)));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--proxy: " + e.getMessage());
    }
  }
}
