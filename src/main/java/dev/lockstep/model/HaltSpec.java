package dev.lockstep.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed view of {@code spec.halt} in {@code cluster.yaml}: which rollout health checks run, their
 * thresholds, how many consecutive failing samples make a check act and what it then asks for. Read
 * leniently: a value that is missing or invalid takes its default (the validator reports invalid
 * ones with their position, {@code halt/...} rules).
 *
 * @param action the action of every check that does not set its own; empty: {@code suspend} for a
 *     halt-on-error rollout, {@code notify} for a time-based one
 * @param failureLimit consecutive failing samples before a check acts (default 3)
 * @param canaryTimeout a group in {@code canary} longer than {@code after}
 * @param stalled an {@code active} group whose up-to-date count grew less than {@code min_gain}
 *     over {@code window}
 * @param attrition a started group whose present/initial ratio fell below {@code min_present_ratio}
 * @param reconcilerError a group Teleport could not evaluate ({@code reconciler_error}) for {@code
 *     samples} samples in a row
 * @param undefinedGroups agents reporting a group the schedule does not name (default action {@code
 *     notify})
 * @param custom the repository's own checks in CEL, in file order
 */
public record HaltSpec(
    Optional<HaltAction> action,
    int failureLimit,
    CanaryTimeout canaryTimeout,
    Stalled stalled,
    Attrition attrition,
    ReconcilerError reconcilerError,
    Common undefinedGroups,
    List<Custom> custom) {

  /** Default failure limit. */
  public static final int DEFAULT_FAILURE_LIMIT = 3;

  /** Every check with its defaults: what a cluster without {@code spec.halt} gets. */
  public static final HaltSpec DEFAULT = from(null);

  /**
   * What every check has.
   *
   * @param enabled false turns the check off
   * @param action this check's action, over {@link HaltSpec#action()}
   */
  public record Common(boolean enabled, Optional<HaltAction> action) {
    /** On, with the spec-wide action. */
    public static final Common ON = new Common(true, Optional.empty());

    public Common {
      Objects.requireNonNull(action, "action");
    }
  }

  /**
   * {@code canary_timeout}.
   *
   * @param after how long a group may stay in {@code canary} (default 60m)
   */
  public record CanaryTimeout(Common common, Duration after) {
    /** Default {@code after}. */
    public static final Duration DEFAULT_AFTER = Duration.ofMinutes(60);
  }

  /**
   * {@code stalled}.
   *
   * @param window the span over which progress is measured (default 30m)
   * @param minGain agents that must become up to date within the window (default 1)
   */
  public record Stalled(Common common, Duration window, long minGain) {
    /** Default {@code window}. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
  }

  /**
   * {@code attrition}.
   *
   * @param minPresentRatio present over initial agents below which the check fails (default 0.85)
   */
  public record Attrition(Common common, double minPresentRatio) {
    /** Default ratio: under Teleport's own 0.9 done threshold, so a failing group is stuck. */
    public static final double DEFAULT_MIN_PRESENT_RATIO = 0.85;
  }

  /**
   * {@code reconciler_error}.
   *
   * @param samples consecutive samples with that reason before the check acts (default: the failure
   *     limit)
   */
  public record ReconcilerError(Common common, int samples) {}

  /**
   * One {@code custom} check.
   *
   * @param name its name; the check is reported as {@code custom/<name>}
   * @param expression CEL, true while the group is healthy
   * @param message what a failure says; "" for a default sentence
   * @param common whether it runs and its action
   */
  public record Custom(String name, String expression, String message, Common common) {
    public Custom {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(common, "common");
    }
  }

  public HaltSpec {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(canaryTimeout, "canaryTimeout");
    Objects.requireNonNull(stalled, "stalled");
    Objects.requireNonNull(attrition, "attrition");
    Objects.requireNonNull(reconcilerError, "reconcilerError");
    Objects.requireNonNull(undefinedGroups, "undefinedGroups");
    custom = List.copyOf(custom);
  }

  /** Reads {@code spec.halt} (null or absent: every default). */
  public static HaltSpec from(Map<String, Object> halt) {
    int limit = positiveInt(halt, "failure_limit", DEFAULT_FAILURE_LIMIT);
    Map<String, Object> canary = Values.map(halt, "canary_timeout");
    Map<String, Object> stalled = Values.map(halt, "stalled");
    Map<String, Object> attrition = Values.map(halt, "attrition");
    Map<String, Object> reconciler = Values.map(halt, "reconciler_error");
    List<Custom> custom = new ArrayList<>();
    for (Map<String, Object> c : Values.maps(halt, "custom")) {
      custom.add(
          new Custom(
              Values.string(c, "name"),
              Values.string(c, "expression"),
              Values.string(c, "message"),
              common(c)));
    }
    return new HaltSpec(
        HaltAction.parse(Values.string(halt, "action")),
        limit,
        new CanaryTimeout(common(canary), duration(canary, "after", CanaryTimeout.DEFAULT_AFTER)),
        new Stalled(
            common(stalled),
            duration(stalled, "window", Stalled.DEFAULT_WINDOW),
            Math.max(0, stalled != null && stalled.get("min_gain") instanceof Long l ? l : 1)),
        new Attrition(
            common(attrition),
            attrition != null
                    && attrition.get("min_present_ratio") instanceof Number n
                    && n.doubleValue() > 0
                    && n.doubleValue() <= 1
                ? n.doubleValue()
                : Attrition.DEFAULT_MIN_PRESENT_RATIO),
        new ReconcilerError(common(reconciler), positiveInt(reconciler, "samples", limit)),
        common(Values.map(halt, "undefined_groups")),
        custom);
  }

  private static Common common(Map<String, Object> m) {
    boolean enabled = m == null || !(m.get("enabled") instanceof Boolean b) || b;
    return new Common(enabled, HaltAction.parse(Values.string(m, "action")));
  }

  private static Duration duration(Map<String, Object> m, String key, Duration fallback) {
    return GoDuration.parse(Values.string(m, key))
        .filter(d -> !d.isNegative() && !d.isZero())
        .orElse(fallback);
  }

  private static int positiveInt(Map<String, Object> m, String key, int fallback) {
    return m != null && m.get(key) instanceof Long l && l >= 1 && l <= 1000
        ? l.intValue()
        : fallback;
  }
}
