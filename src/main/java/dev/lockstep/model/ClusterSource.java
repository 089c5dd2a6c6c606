package dev.lockstep.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cluster of a revision: its folder, its optional {@code cluster.yaml} and its Teleport
 * resources (sorted by {@link ResourceId}, so in apply order).
 *
 * @param name the cluster name
 * @param folder repository-relative folder ("" for a single-cluster repository at the root)
 * @param descriptor the {@code lockstep_cluster} document, or null when there is none
 * @param resources Teleport resources, in apply order
 */
public record ClusterSource(
    String name, String folder, Resource descriptor, List<Resource> resources) {

  public ClusterSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(folder, "folder");
    resources = resources.stream().sorted(java.util.Comparator.comparing(Resource::id)).toList();
  }

  /** The typed {@code lockstep_cluster} view, if the cluster has one. */
  public Optional<LockstepCluster> cluster() {
    return Optional.ofNullable(descriptor).map(LockstepCluster::from);
  }

  /** The rollout health checks of {@code spec.halt}; every default without {@code cluster.yaml}. */
  public HaltSpec haltSpec() {
    return cluster().map(LockstepCluster::halt).orElse(HaltSpec.DEFAULT);
  }

  /** The first resource of a kind, if any. */
  public Optional<Resource> find(ResourceKind kind) {
    return resources.stream().filter(r -> r.kind() == kind).findFirst();
  }

  /** The typed {@code autoupdate_config}, if present. */
  public Optional<AutoupdateConfig> autoupdateConfig() {
    return find(ResourceKind.AUTOUPDATE_CONFIG).map(AutoupdateConfig::from);
  }

  /** The typed {@code autoupdate_version}, if present. */
  public Optional<AutoupdateVersion> autoupdateVersion() {
    return find(ResourceKind.AUTOUPDATE_VERSION).map(AutoupdateVersion::from);
  }

  /** The typed {@code cluster_maintenance_config}, if present. */
  public Optional<ClusterMaintenanceConfig> maintenanceConfig() {
    return find(ResourceKind.CLUSTER_MAINTENANCE_CONFIG).map(ClusterMaintenanceConfig::from);
  }
}
