package dev.lockstep.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one revision of the GitOps repository asks for: clusters (sorted by name), release
 * channels (sorted by name) and the repository's own policy documents.
 *
 * @param revision what was read, e.g. {@code main@1a2b3c4} or {@code working tree}
 */
public record DesiredState(
    String revision,
    List<ClusterSource> clusters,
    List<Channel> channels,
    List<Resource> policies) {

  public DesiredState {
    Objects.requireNonNull(revision, "revision");
    clusters =
        clusters.stream().sorted(java.util.Comparator.comparing(ClusterSource::name)).toList();
    channels = channels.stream().sorted(java.util.Comparator.comparing(Channel::name)).toList();
    policies = List.copyOf(policies);
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
