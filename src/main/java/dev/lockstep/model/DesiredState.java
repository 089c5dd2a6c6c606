package dev.lockstep.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

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

  /** The same revision with other channels (e.g. only those that may be published). */
  public DesiredState withChannels(List<Channel> published) {
    return new DesiredState(revision, clusters, published, policies, clusterDefaults);
  }

  /** The cluster of that name, if any. */
  public Optional<ClusterSource> cluster(String name) {
    return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The cluster a command or {@code serve} acts on: the one named, else the only one. The one place
   * that chooses, so every caller says the same thing when it cannot.
   *
   * @param name the cluster asked for, if any
   * @param where what was read, as the message should name it (a path, {@code Revision main@1a2b})
   * @param knob how the user names a cluster ({@code --cluster NAME}, {@code lockstep.cluster})
   * @throws NoSuchCluster when the named cluster is absent, there is none, or there are several and
   *     none is named; the message lists the clusters there are
   */
  public ClusterSource select(Optional<String> name, String where, String knob)
      throws NoSuchCluster {
    String names = clusters.stream().map(ClusterSource::name).collect(Collectors.joining(", "));
    if (name.isPresent()) {
      Optional<ClusterSource> named = cluster(name.get());
      if (named.isPresent()) {
        return named.get();
      }
      throw new NoSuchCluster(
          where
              + " has no cluster \""
              + name.get()
              + "\" (its clusters: "
              + (names.isEmpty() ? "none" : names)
              + "); "
              + knob
              + " must name one of them");
    }
    if (clusters.size() == 1) {
      return clusters.get(0);
    }
    throw new NoSuchCluster(
        clusters.isEmpty()
            ? where + " has no cluster: no Teleport resources to act on"
            : where + " holds several clusters (" + names + "): choose one with " + knob);
  }

  /** The channel of that name, if any. */
  public Optional<Channel> channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
