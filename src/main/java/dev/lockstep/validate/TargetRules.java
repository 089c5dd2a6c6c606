package dev.lockstep.validate;

import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import java.util.List;

/**
 * Rules reported before anything is applied to a target. Defined here so the rule catalog lists
 * them without depending on the {@code cluster} package that checks them.
 */
public final class TargetRules {
  private TargetRules() {}

  /**
   * The chosen target cannot hold this kind (teleport-semantics §14: the operator has no CRD for
   * it).
   */
  public static final Rule UNSUPPORTED_KIND =
      new Rule(
          "cluster/unsupported-kind",
          Severity.ERROR,
          "The chosen target cannot apply this kind: the Kubernetes operator has no CRD for cluster_maintenance_config (use --target tctl).");

  /** Every rule of this class. */
  public static final List<Rule> ALL = List.of(UNSUPPORTED_KIND);
}
