package dev.lockstep.server;

import dev.lockstep.check.LiveVersions;
import dev.lockstep.cluster.ProxyClient;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Live control-plane versions from each cluster's Proxy, for the compatibility rules: for the
 * cluster this instance serves the configured Proxy ({@code lockstep.proxy.url}), else the one the
 * cluster declares; every other cluster only ever by the Proxy it declares, so one cluster's
 * version is never taken for another's. A failure is logged and means "unknown" (the declared
 * auth_version is used). One attempt per address, and the answer (or the failure) is kept for
 * {@code ttl}, so a push is not slowed by an unreachable Proxy.
 */
final class ProxyVersions implements LiveVersions {
  private static final Logger LOG = Logger.getLogger(ProxyVersions.class);

  private record Read(long at, Optional<Version> version) {}

  private final Optional<String> configured;
  private final Optional<String> served;
  private final Duration timeout;
  private final Optional<Path> caFile;
  private final Duration ttl;
  private final Map<String, Read> cache = new ConcurrentHashMap<>();

  /**
   * @param configured {@code lockstep.proxy.url}
   * @param served {@code lockstep.cluster}; when unset the repository has one cluster, which is the
   *     one served
   */
  ProxyVersions(
      Optional<String> configured,
      Optional<String> served,
      Duration timeout,
      Optional<Path> caFile,
      Duration ttl) {
    this.configured = configured;
    this.served = served;
    this.timeout = timeout;
    this.caFile = caFile;
    this.ttl = ttl;
  }

  @Override
  public Map<String, Version> read(List<ClusterSource> clusters) {
    Map<String, Version> out = new HashMap<>();
    for (ClusterSource c : clusters) {
      Optional<String> address = address(c);
      if (address.isEmpty()) {
        continue;
      }
      Read cached = cache.get(address.get());
      if (cached == null || System.nanoTime() - cached.at() > ttl.toNanos()) {
        cached = new Read(System.nanoTime(), version(c.name(), address.get()));
        cache.put(address.get(), cached);
      }
      cached.version().ifPresent(v -> out.put(c.name(), v));
    }
    return out;
  }

  /** The version {@link #read} last got for {@code cluster}, while it is kept; never reads. */
  Optional<Version> last(ClusterSource cluster) {
    return address(cluster)
        .map(cache::get)
        .filter(r -> System.nanoTime() - r.at() <= ttl.toNanos())
        .flatMap(Read::version);
  }

  private Optional<String> address(ClusterSource c) {
    Optional<String> declared =
        c.cluster().map(LockstepCluster::proxy).filter(p -> p != null && !p.isBlank());
    boolean isServed = served.map(c.name()::equals).orElse(true);
    return isServed ? configured.or(() -> declared) : declared;
  }

  private Optional<Version> version(String cluster, String address) {
    try {
      ProxyClient.Settings d = ProxyClient.Settings.of(address);
      ProxyClient client =
          ProxyClient.of(
              new ProxyClient.Settings(
                  d.base(), d.connectTimeout(), timeout, 1, d.backoff(), caFile));
      return Optional.of(client.serverVersion());
    } catch (Exception e) {
      LOG.warnf(
          "cannot read the control-plane version of %s from its Proxy (%s), using its declared auth_version until the next interval: %s",
          cluster, address, e.getMessage());
      return Optional.empty();
    }
  }
}
