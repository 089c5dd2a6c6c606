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
 * Live control-plane versions from each cluster's Proxy, for the compatibility rules: the
 * configured Proxy, else the one the cluster declares. A failure is logged and means "unknown" (the
 * declared auth_version is used). One attempt per address, and the answer (or the failure) is kept
 * for {@code ttl}, so a push is not slowed by an unreachable Proxy.
 */
final class ProxyVersions implements LiveVersions {
  private static final Logger LOG = Logger.getLogger(ProxyVersions.class);

  private record Read(long at, Optional<Version> version) {}

  private final Optional<String> configured;
  private final Duration timeout;
  private final Optional<Path> caFile;
  private final Duration ttl;
  private final Map<String, Read> cache = new ConcurrentHashMap<>();

  ProxyVersions(
      Optional<String> configured, Duration timeout, Optional<Path> caFile, Duration ttl) {
    this.configured = configured;
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
    return configured.or(
        () -> c.cluster().map(LockstepCluster::proxy).filter(p -> p != null && !p.isBlank()));
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
