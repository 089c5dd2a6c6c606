package dev.lockstep.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of document Lockstep reads. For Teleport kinds, declaration order is apply order
 * (docs/targets.md, "Apply semantics"): a rollout copies the groups when it is created
 * (teleport-semantics §5.3), so the configuration must be in place before the version that starts
 * the rollout.
 */
public enum ResourceKind {
  /** Managed Updates v1 window (teleport-semantics §12). */
  CLUSTER_MAINTENANCE_CONFIG("cluster_maintenance_config", "cluster-maintenance-config", true),
  /** When agents update (teleport-semantics §2). */
  AUTOUPDATE_CONFIG("autoupdate_config", "autoupdate-config", true),
  /** Which version agents update to (teleport-semantics §3). */
  AUTOUPDATE_VERSION("autoupdate_version", "autoupdate-version", true),
  /** Lockstep's own description of a cluster ({@code cluster.yaml}). */
  LOCKSTEP_CLUSTER("lockstep_cluster", null, false),
  /** A CEL policy file. */
  LOCKSTEP_POLICY("lockstep_policy", null, false);

  private final String kind;
  private final String singletonName;
  private final boolean teleport;

  ResourceKind(String kind, String singletonName, boolean teleport) {
    this.kind = kind;
    this.singletonName = singletonName;
    this.teleport = teleport;
  }

  /** The {@code kind:} value, e.g. {@code autoupdate_config}. */
  public String kind() {
    return kind;
  }

  /**
   * The only {@code metadata.name} Teleport accepts (teleport-semantics §1); null for Lockstep
   * kinds.
   */
  public String singletonName() {
    return singletonName;
  }

  /** True for resources that are applied to a Teleport cluster. */
  public boolean isTeleport() {
    return teleport;
  }

  /** The kind for a {@code kind:} value, exactly as written. */
  public static Optional<ResourceKind> fromKind(String value) {
    return Arrays.stream(values()).filter(k -> k.kind.equals(value)).findFirst();
  }
}
