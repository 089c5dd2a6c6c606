package dev.lockstep.cluster;

import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.observe.Observation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The only way the core touches a cluster (a small seam). Implementations: {@link KubernetesTarget}
 * (Teleport operator CRs), {@link TctlTarget} ({@code tctl}), {@link FileTarget} (a directory).
 *
 * <p>Every implementation is idempotent and writes only what differs from the live resource: an
 * {@link #apply} whose desired spec equals the observed one writes nothing and returns {@link
 * ChangeKind#NOOP}.
 */
public interface ClusterTarget {

  /** A short label for messages, e.g. {@code kubernetes}, {@code tctl}, {@code file}. */
  String name();

  /**
   * Reads the live resources. An id absent from the result is not present in the cluster (or cannot
   * exist on this target, such as {@code cluster_maintenance_config} on the operator).
   *
   * @throws TargetException when the cluster cannot be read; never for a resource that is absent
   */
  Map<ResourceId, Resource> observe(Set<ResourceId> ids) throws TargetException;

  /**
   * Creates or updates {@code desired} when it differs from the live resource.
   *
   * @param dryRun true to compute the change without writing anything
   * @return what changed (or would change), field by field
   * @throws TargetException when the write fails or the cluster rejects it
   */
  ApplyOutcome apply(Resource desired, boolean dryRun) throws TargetException;

  /**
   * Deletes a resource; deleting an absent resource is not an error.
   *
   * @throws TargetException when the delete fails
   */
  void delete(ResourceId id) throws TargetException;

  /**
   * The same target, stamping what it writes with {@code revision} (e.g. {@code main@1a2b3c4d})
   * where it can record it; a target that records nothing returns itself.
   */
  default ClusterTarget forRevision(String revision) {
    return this;
  }

  /**
   * Observes the live {@code autoupdate_agent_rollout} and the agent reports, as they are at {@code
   * at} (report freshness is measured from it, teleport-semantics §9). A target without a way to
   * read them returns empty; one that can only ask the Proxy returns a degraded observation of what
   * each of {@code groups} is told. Reads only; never writes to the cluster.
   *
   * @param at the instant the observation stands for
   * @param groups the update groups the schedule names, in order
   * @throws TargetException when the cluster cannot be read
   */
  default Optional<Observation> observeRollout(Instant at, List<String> groups)
      throws TargetException {
    return Optional.empty();
  }
}
