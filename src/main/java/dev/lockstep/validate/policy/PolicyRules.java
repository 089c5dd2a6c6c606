package dev.lockstep.validate.policy;

import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import java.util.List;

/**
 * Built-in rules about policies themselves. Findings of the policies' own rules carry {@code
 * policy/<policy name>/<rule name>} and are not listed here.
 */
public final class PolicyRules {
  private PolicyRules() {}

  /**
   * A policy document of the wrong shape: missing or unknown field, bad name, unknown kind or
   * severity.
   */
  public static final Rule INVALID_POLICY =
      new Rule(
          "policy/invalid-policy",
          Severity.ERROR,
          "A lockstep_policy document is not of the expected shape; its rules are not run.");

  /** A CEL expression that does not parse or type-check. */
  public static final Rule COMPILE_ERROR =
      new Rule(
          "policy/compile-error",
          Severity.ERROR,
          "A policy rule's CEL expression does not compile; the rule is not run.");

  /**
   * A rule that failed while evaluating one resource (missing field, bad version, wrong result
   * type).
   */
  public static final Rule EVALUATION_ERROR =
      new Rule(
          "policy/evaluation-error",
          Severity.ERROR,
          "A policy rule could not be evaluated on a resource; reported at the rule's severity.");

  /** A rule that needed more evaluation steps or iterations than allowed. */
  public static final Rule COST_LIMIT =
      new Rule(
          "policy/cost-limit",
          Severity.ERROR,
          "A policy rule exceeded the evaluation cost limit on a resource (a guard against policies that would hang CI).");

  /** Every rule of this class. */
  public static final List<Rule> ALL =
      List.of(INVALID_POLICY, COMPILE_ERROR, EVALUATION_ERROR, COST_LIMIT);
}
