package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.GoDuration;
import dev.lockstep.model.HaltAction;
import dev.lockstep.model.Resource;
import dev.lockstep.model.Values;
import dev.lockstep.validate.policy.CelPredicate;
import dev.lockstep.validate.policy.PolicyLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of {@code spec.halt} in {@code cluster.yaml}, the rollout health checks (README,
 * "Rollout health"): actions, thresholds and the custom CEL checks, each reported at its line with
 * the value to write. The parser has already checked the shape (types, unknown keys).
 */
public final class HaltRules {
  private HaltRules() {}

  /** The variables a {@code custom} check's expression reads (README, "Rollout health"). */
  public static final Set<String> CUSTOM_VARIABLES =
      Set.of("rollout", "group", "reports", "history");

  /** Largest failure limit or sample count: a day of samples at one a minute. */
  public static final long MAX_SAMPLES = 1440;

  /** A check's action must be one Lockstep knows. */
  public static final Rule ACTION =
      new Rule(
          "halt/action",
          Severity.ERROR,
          "spec.halt action (and each check's action) must be suspend or notify.");

  /** A threshold outside its range. */
  public static final Rule VALUE =
      new Rule(
          "halt/value",
          Severity.ERROR,
          "spec.halt thresholds must be in range: failure_limit and samples 1..1440, after and window"
              + " positive, min_gain at least 0, min_present_ratio above 0 and at most 1.");

  /** A custom check without a usable name. */
  public static final Rule CUSTOM_NAME =
      new Rule(
          "halt/custom-name",
          Severity.ERROR,
          "Every spec.halt.custom check needs a distinct name of lower-case letters, digits and -.");

  /** A custom check whose expression does not compile. */
  public static final Rule CUSTOM_EXPRESSION =
      new Rule(
          "halt/custom-expression",
          Severity.ERROR,
          "A spec.halt.custom expression must be CEL that compiles to a bool over rollout, group,"
              + " reports and history.");

  /** Every rule of this class. */
  public static final List<Rule> ALL = List.of(ACTION, VALUE, CUSTOM_NAME, CUSTOM_EXPRESSION);

  private static final List<String> CHECKS =
      List.of("canary_timeout", "stalled", "attrition", "reconciler_error", "undefined_groups");

  /** Every finding of these rules for one cluster's {@code cluster.yaml}. Pure. */
  static List<Finding> check(ClusterSource cluster) {
    Resource r = cluster.descriptor();
    FindingList out = new FindingList();
    if (r == null || !r.wellFormed()) {
      return out.items();
    }
    Map<String, Object> halt = Values.map(r.spec(), "halt");
    if (halt == null) {
      return out.items();
    }
    action(r, halt, "spec.halt", out);
    count(r, halt, "spec.halt", "failure_limit", out);
    for (String name : CHECKS) {
      Map<String, Object> check = Values.map(halt, name);
      if (check != null) {
        action(r, check, "spec.halt." + name, out);
      }
    }
    duration(r, Values.map(halt, "canary_timeout"), "spec.halt.canary_timeout", "after", out);
    Map<String, Object> stalled = Values.map(halt, "stalled");
    duration(r, stalled, "spec.halt.stalled", "window", out);
    if (stalled != null && stalled.get("min_gain") instanceof Long gain && gain < 0) {
      out.add(
          VALUE,
          r,
          "spec.halt.stalled.min_gain",
          "spec.halt.stalled.min_gain must be at least 0 (got "
              + gain
              + "; 1 means at least one more agent up to date per window)");
    }
    Map<String, Object> attrition = Values.map(halt, "attrition");
    if (attrition != null
        && attrition.get("min_present_ratio") instanceof Number ratio
        && !(ratio.doubleValue() > 0 && ratio.doubleValue() <= 1)) {
      out.add(
          VALUE,
          r,
          "spec.halt.attrition.min_present_ratio",
          "spec.halt.attrition.min_present_ratio must be above 0 and at most 1 (got "
              + ratio
              + "; write a fraction such as 0.85 for 85 %)");
    }
    count(r, Values.map(halt, "reconciler_error"), "spec.halt.reconciler_error", "samples", out);
    custom(r, halt, out);
    return out.items();
  }

  private static void action(Resource r, Map<String, Object> m, String base, FindingList out) {
    Object value = m.get("action");
    if (value instanceof String s && HaltAction.parse(s).isEmpty()) {
      out.add(
          ACTION,
          r,
          base + ".action",
          base + ".action must be suspend or notify, not \"" + s + "\"");
    }
  }

  private static void count(
      Resource r, Map<String, Object> m, String base, String key, FindingList out) {
    if (m != null && m.get(key) instanceof Long n && (n < 1 || n > MAX_SAMPLES)) {
      out.add(
          VALUE,
          r,
          base + "." + key,
          base
              + "."
              + key
              + " must be between 1 and "
              + MAX_SAMPLES
              + " consecutive samples (got "
              + n
              + "; the default is 3)");
    }
  }

  private static void duration(
      Resource r, Map<String, Object> m, String base, String key, FindingList out) {
    if (m == null || !(m.get(key) instanceof String s)) {
      return;
    }
    Duration d = GoDuration.parse(s).orElse(null);
    if (d != null && (d.isNegative() || d.isZero())) {
      out.add(
          VALUE,
          r,
          base + "." + key,
          base + "." + key + " must be a positive duration such as 30m (got \"" + s + "\")");
    }
  }

  private static void custom(Resource r, Map<String, Object> halt, FindingList out) {
    List<Map<String, Object>> checks = Values.maps(halt, "custom");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      Map<String, Object> c = checks.get(i);
      String base = "spec.halt.custom[" + i + "]";
      action(r, c, base, out);
      String name = Values.string(c, "name");
      if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
        out.add(
            CUSTOM_NAME,
            r,
            name.isEmpty() ? base : base + ".name",
            base
                + (name.isEmpty()
                    ? " needs a name (name: min-agents): the check is reported as custom/<name>"
                    : ".name \""
                        + name
                        + "\" must be lower-case letters, digits and - (such as min-agents)"));
      } else {
        Integer earlier = seen.putIfAbsent(name, i);
        if (earlier != null) {
          out.add(
              CUSTOM_NAME,
              r,
              base + ".name",
              "spec.halt.custom["
                  + earlier
                  + "] and ["
                  + i
                  + "] are both named \""
                  + name
                  + "\" (rename one: verdicts are reported by name)");
        }
      }
      String expression = Values.string(c, "expression");
      if (expression.isBlank()) {
        out.add(
            CUSTOM_EXPRESSION,
            r,
            c.containsKey("expression") ? base + ".expression" : base,
            base
                + " needs an expression, CEL that is true while the group is healthy"
                + " (expression: group.present >= 3)");
        continue;
      }
      try {
        CelPredicate.compile(expression, CUSTOM_VARIABLES, PolicyLimits.DEFAULT);
      } catch (CelPredicate.InvalidExpressionException e) {
        out.add(
            CUSTOM_EXPRESSION,
            r,
            base + ".expression",
            base
                + ".expression does not compile: "
                + e.getMessage()
                + " (it may read rollout, group, reports and history, and must return true or false)");
      }
    }
  }
}
