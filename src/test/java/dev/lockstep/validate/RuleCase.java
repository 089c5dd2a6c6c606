package dev.lockstep.validate;

import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.DesiredState;
import java.util.Objects;

/**
 * One row of a rule table: a revision, what is known beyond it, and either the finding one rule
 * must produce (severity, file, field path) or the promise that the rule stays silent.
 */
record RuleCase(
    DesiredState state,
    ValidationContext context,
    String rule,
    Severity severity,
    String file,
    String path) {

  RuleCase {
    Objects.requireNonNull(state);
    Objects.requireNonNull(context);
    Objects.requireNonNull(rule);
  }

  /** The rule must report at {@code file}, field {@code path}, with its severity. */
  static RuleCase fails(Rule rule, String file, String path, DesiredState state) {
    return fails(rule, file, path, state, ValidationContext.OFFLINE);
  }

  static RuleCase fails(
      Rule rule, String file, String path, DesiredState state, ValidationContext context) {
    return new RuleCase(state, context, rule.id(), rule.severity(), file, path);
  }

  /** The rule must not report anything. */
  static RuleCase passes(Rule rule, DesiredState state) {
    return passes(rule, state, ValidationContext.OFFLINE);
  }

  static RuleCase passes(Rule rule, DesiredState state, ValidationContext context) {
    return new RuleCase(state, context, rule.id(), null, null, null);
  }

  boolean isFailing() {
    return severity != null;
  }
}
