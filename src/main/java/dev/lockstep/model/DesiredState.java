package dev.lockstep.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one revision of the GitOps repository asks for: clusters (sorted by name), release
 * channels (sorted by name), the repository's own policy documents and the repository defaults of
 * every {@code cluster.yaml}.
 *
 * @param revision what was read, e.g. {@code main@1a2b3c4} or {@code working tree}
 * @param clusterDefaults the {@code lockstep_cluster} document of {@code
 *     clusters/_defaults/cluster.yaml}, whose {@code spec.bump} is the default of every cluster's
 *     {@code spec.bump}; empty when the repository has none
 */
public record DesiredState(
    String revision,
    List<ClusterSource> clusters,
    List<Channel> channels,
    List<Resource> policies,
    Optional<Resource> clusterDefaults) {

  public DesiredState {
    Objects.requireNonNull(revision, "revision");
    clusters =
        clusters.stream().sorted(java.util.Comparator.comparing(ClusterSource::name)).toList();
    channels = channels.stream().sorted(java.util.Comparator.comparing(Channel::name)).toList();
    policies = List.copyOf(policies);
    Objects.requireNonNull(clusterDefaults, "clusterDefaults");
  }

  /** A revision without repository defaults. */
  public DesiredState(
      String revision,
      List<ClusterSource> clusters,
      List<Channel> channels,
      List<Resource> policies) {
    this(revision, clusters, channels, policies, Optional.empty());
  }

  /** The cluster of that name, if any. */
  public Optional<ClusterSource> cluster(String name) {
    return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The channel of that name, if any. */
  public Optional<Channel> channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
