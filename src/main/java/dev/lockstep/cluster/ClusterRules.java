package dev.lockstep.cluster;

import dev.lockstep.finding.Rule;
import dev.lockstep.validate.TargetRules;
import java.util.List;

/** Rules reported before anything is applied to a target (defined in {@link TargetRules}). */
public final class ClusterRules {
  private ClusterRules() {}

  /**
   * The chosen target cannot hold this kind (teleport-semantics §14: the operator has no CRD for
   * it).
   */
  public static final Rule UNSUPPORTED_KIND = TargetRules.UNSUPPORTED_KIND;

  /** Every rule of this class. */
  public static final List<Rule> ALL = TargetRules.ALL;
}
