package dev.lockstep.bump;

import dev.lockstep.model.BumpPolicy;
import dev.lockstep.model.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one cluster's decision depends on; nothing else is read.
 *
 * @param cluster the cluster's name
 * @param cloud {@code cloud: true} in cluster.yaml
 * @param current the agents' current {@code target_version}, empty when the cluster has none
 * @param ceiling the control plane's version, empty when none is known
 * @param releases the GA releases ({@link Release#generallyAvailable}), any order; of a version
 *     listed twice the first is kept
 * @param policy the cluster's bump policy
 * @param cloudStable for {@code follow: cloud-stable}: Teleport Cloud's stable version per major
 *     (empty for a major Cloud publishes none for); majors that were not asked are absent
 * @param promotionHistory the status history of the {@code promote_from} cluster, oldest first;
 *     empty when it could not be found
 * @param now the time of the decision
 */
public record DecisionInput(
    String cluster,
    boolean cloud,
    Optional<Version> current,
    Optional<Ceiling> ceiling,
    List<Release> releases,
    BumpPolicy policy,
    Map<Long, Optional<Version>> cloudStable,
    Optional<List<StatusSnapshot>> promotionHistory,
    Instant now) {
  public DecisionInput {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(ceiling, "ceiling");
    java.util.Set<Version> seen = new java.util.HashSet<>();
    releases = releases.stream().filter(r -> seen.add(r.version())).toList();
    Objects.requireNonNull(policy, "policy");
    cloudStable = Map.copyOf(cloudStable);
    promotionHistory = promotionHistory.map(List::copyOf);
    Objects.requireNonNull(now, "now");
  }
}
