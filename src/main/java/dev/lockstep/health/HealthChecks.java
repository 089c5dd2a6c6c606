package dev.lockstep.health;

import dev.lockstep.model.GoDuration;
import dev.lockstep.model.HaltAction;
import dev.lockstep.model.HaltSpec;
import dev.lockstep.observe.ObservationSource;
import dev.lockstep.observe.Sample;
import dev.lockstep.observe.SampleHistory;
import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.Reasons;
import dev.lockstep.rollout.Strategy;
import dev.lockstep.validate.HaltRules;
import dev.lockstep.validate.policy.CelPredicate;
import dev.lockstep.validate.policy.PolicyLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cluster's rollout health checks ({@code spec.halt}), compiled once: {@link #judge} gives every
 * check's verdict on one sample, {@link #assess} adds what the checks ask for over the consecutive
 * samples before it. Written like {@link dev.lockstep.rollout.HaltOnError}: each check is a pure
 * function of (sample, history, settings); nothing here reads a clock or acts.
 *
 * <p>The checks, per group of the rollout (README, "Rollout health"):
 *
 * <ul>
 *   <li>{@code canary_timeout}: in {@code canary} longer than {@code after} (Teleport waits for
 *       canaries forever, teleport-semantics §7);
 *   <li>{@code stalled}: {@code active} for at least {@code window}, not every present agent up to
 *       date, and fewer than {@code min_gain} more agents up to date than a window ago (the same
 *       rollout and the same activation);
 *   <li>{@code attrition}: started ({@code canary} or {@code active}) with present/initial below
 *       {@code min_present_ratio} (Teleport's done rule needs 0.9 and then waits forever);
 *   <li>{@code reconciler_error}: Teleport could not evaluate the group;
 *   <li>{@code undefined_groups}: agents report a group the schedule does not name (they update
 *       with the last group, teleport-semantics §5.4), reported on the last group;
 *   <li>{@code custom/<name>}: the repository's CEL expression is false.
 * </ul>
 *
 * A check that needs agent counts is blind without a fresh report (teleport-semantics §9); every
 * check is blind when the cluster could not be read or only the Proxy was asked.
 */
public final class HealthChecks {

  /** Check names, in the order verdicts are listed. */
  public static final String CANARY_TIMEOUT = "canary_timeout";

  /** Check name. */
  public static final String STALLED = "stalled";

  /** Check name. */
  public static final String ATTRITION = "attrition";

  /** Check name. */
  public static final String RECONCILER_ERROR = "reconciler_error";

  /** Check name. */
  public static final String UNDEFINED_GROUPS = "undefined_groups";

  /** Prefix of the repository's checks: {@code custom/<name>}. */
  public static final String CUSTOM_PREFIX = "custom/";

  /** A newest sample older than this at assessment time is treated as missing data. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(10);

  private final HaltSpec spec;
  private final List<Custom> customs;

  private record Custom(HaltSpec.Custom spec, Optional<CelPredicate> predicate, String error) {}

  private HealthChecks(HaltSpec spec, List<Custom> customs) {
    this.spec = spec;
    this.customs = customs;
  }

  /**
   * The checks of {@code spec}, custom expressions compiled. One that does not compile (the
   * validator reports it as {@code halt/custom-expression}) judges every sample inconclusive.
   */
  public static HealthChecks of(HaltSpec spec) {
    Objects.requireNonNull(spec, "spec");
    List<Custom> customs = new ArrayList<>();
    for (HaltSpec.Custom c : spec.custom()) {
      if (!c.common().enabled()) {
        continue;
      }
      try {
        customs.add(
            new Custom(
                c,
                Optional.of(
                    CelPredicate.compile(
                        c.expression(), HaltRules.CUSTOM_VARIABLES, PolicyLimits.DEFAULT)),
                ""));
      } catch (CelPredicate.InvalidExpressionException e) {
        customs.add(new Custom(c, Optional.empty(), "does not compile: " + e.getMessage()));
      }
    }
    return new HealthChecks(spec, List.copyOf(customs));
  }

  /** The settings these checks run with. */
  public HaltSpec spec() {
    return spec;
  }

  // ---- assessment over the history

  /**
   * The verdicts on the newest sample of {@code history} and what the checks ask for. A check asks
   * to act when it failed on each of the last {@code failure_limit} samples of the same rollout
   * ({@code reconciler_error}: {@code samples}); it reports blindness when it was blind on each of
   * them. The newest sample counts as missing when it is older than {@link #STALE_AFTER} at {@code
   * now}.
   */
  public Assessment assess(SampleHistory history, Instant now) {
    Optional<Sample> latest = history.latest();
    if (latest.isEmpty()) {
      List<Verdict> none = blindAll("no sample of the rollout yet");
      return new Assessment(null, none, Overall.of(none), List.of());
    }
    if (Duration.between(latest.get().at(), now).compareTo(STALE_AFTER) > 0) {
      List<Verdict> stale =
          blindAll(
              "the newest sample is "
                  + GoDuration.human(Duration.between(latest.get().at(), now))
                  + " old");
      return new Assessment(latest.get().at(), stale, Overall.of(stale), List.of());
    }
    List<Verdict> newest = judge(history);
    int deepest = Math.max(spec.failureLimit(), spec.reconcilerError().samples());
    List<List<Verdict>> earlier = new ArrayList<>();
    Sample.RolloutSample rollout = latest.get().rollout().orElse(null);
    for (int back = 1; back < deepest && history.size() - back > 0; back++) {
      SampleHistory then = history.upTo(history.size() - back);
      Sample s = then.latest().orElseThrow();
      // a streak never spans two rollouts; a failed observation keeps the rollout's streaks
      // broken, since it holds no rollout at all
      if (rollout != null && s.rollout().isPresent() && !s.rollout().get().sameRollout(rollout)) {
        break;
      }
      earlier.add(judge(then));
    }
    List<Decision> decisions = new ArrayList<>();
    for (Verdict v : newest) {
      int limit = limitOf(v.check());
      if (v.outcome() == Outcome.FAIL) {
        int streak = 1 + streak(earlier, v, Outcome.FAIL);
        if (streak >= limit) {
          decisions.add(
              new Decision(
                  v.check(),
                  v.group(),
                  Decision.Kind.FAILING,
                  actionOf(v.check(), rollout),
                  streak,
                  v.evidence()
                      + (actionOf(v.check(), rollout) == HaltAction.NOTIFY
                              && defaultAction(v.check(), rollout) == HaltAction.SUSPEND
                              && rollout != null
                              && rollout.mode() != AgentMode.ENABLED
                          ? " (agents mode is already " + rollout.mode().label() + ")"
                          : "")));
        }
      } else if (v.blind()) {
        int streak = 1 + streak(earlier, v, null);
        if (streak >= limit
            && decisions.stream()
                .noneMatch(d -> d.kind() == Decision.Kind.BLIND && d.check().equals(v.check()))) {
          decisions.add(
              new Decision(
                  v.check(), "", Decision.Kind.BLIND, HaltAction.NOTIFY, streak, v.evidence()));
        }
      }
    }
    return new Assessment(latest.get().at(), newest, Overall.of(newest), decisions);
  }

  /** Consecutive earlier samples on which the check judged {@code v}'s group so. */
  private static int streak(List<List<Verdict>> earlier, Verdict v, Outcome outcome) {
    int n = 0;
    for (List<Verdict> verdicts : earlier) {
      boolean same =
          verdicts.stream()
              .anyMatch(
                  e ->
                      e.check().equals(v.check())
                          && (outcome == null
                              ? e.blind()
                              : e.outcome() == outcome && e.group().equals(v.group())));
      if (!same) {
        break;
      }
      n++;
    }
    return n;
  }

  private int limitOf(String check) {
    return check.equals(RECONCILER_ERROR) ? spec.reconcilerError().samples() : spec.failureLimit();
  }

  /**
   * A check's action: its own, else the spec's, else {@code notify} for {@code undefined_groups}
   * and time-based rollouts and {@code suspend} otherwise. A rollout whose agents mode is not
   * {@code enabled} is not halted again: it only notifies.
   */
  HaltAction actionOf(String check, Sample.RolloutSample rollout) {
    HaltAction a = defaultAction(check, rollout);
    return a == HaltAction.SUSPEND && rollout != null && rollout.mode() != AgentMode.ENABLED
        ? HaltAction.NOTIFY
        : a;
  }

  private HaltAction defaultAction(String check, Sample.RolloutSample rollout) {
    Optional<HaltAction> own = commonOf(check).action();
    if (own.isPresent()) {
      return own.get();
    }
    if (spec.action().isPresent()) {
      return spec.action().get();
    }
    if (check.equals(UNDEFINED_GROUPS)
        || rollout != null && rollout.strategy() == Strategy.TIME_BASED) {
      return HaltAction.NOTIFY;
    }
    return HaltAction.SUSPEND;
  }

  private HaltSpec.Common commonOf(String check) {
    return switch (check) {
      case CANARY_TIMEOUT -> spec.canaryTimeout().common();
      case STALLED -> spec.stalled().common();
      case ATTRITION -> spec.attrition().common();
      case RECONCILER_ERROR -> spec.reconcilerError().common();
      case UNDEFINED_GROUPS -> spec.undefinedGroups();
      default ->
          customs.stream()
              .filter(c -> (CUSTOM_PREFIX + c.spec().name()).equals(check))
              .map(c -> c.spec().common())
              .findFirst()
              .orElse(HaltSpec.Common.ON);
    };
  }

  // ---- one sample

  /** The enabled checks' names, in verdict order. */
  public List<String> checkNames() {
    List<String> out = new ArrayList<>();
    if (spec.canaryTimeout().common().enabled()) {
      out.add(CANARY_TIMEOUT);
    }
    if (spec.stalled().common().enabled()) {
      out.add(STALLED);
    }
    if (spec.attrition().common().enabled()) {
      out.add(ATTRITION);
    }
    if (spec.reconcilerError().common().enabled()) {
      out.add(RECONCILER_ERROR);
    }
    if (spec.undefinedGroups().enabled()) {
      out.add(UNDEFINED_GROUPS);
    }
    customs.forEach(c -> out.add(CUSTOM_PREFIX + c.spec().name()));
    return out;
  }

  private List<Verdict> blindAll(String why) {
    return checkNames().stream().map(c -> Verdict.blind(c, "", why)).toList();
  }

  /**
   * Every enabled check's verdict on the newest sample of {@code history}, which may look back at
   * the samples before it. A sample without a rollout (none exists) has no verdicts; one whose
   * observation failed or went through the Proxy is blind for every check.
   */
  public List<Verdict> judge(SampleHistory history) {
    Sample s = history.latest().orElseThrow(() -> new IllegalArgumentException("no sample"));
    if (!s.readsRollout()) {
      return blindAll(
          s.error()
              .map(e -> "the cluster could not be read: " + e)
              .orElse(
                  s.source() == ObservationSource.PROXY_FIND
                      ? "observed through the Proxy only: no rollout state, counts or reports"
                      : "the rollout was not read"));
    }
    if (s.rollout().isEmpty()) {
      return List.of();
    }
    Sample.RolloutSample rollout = s.rollout().get();
    List<Verdict> out = new ArrayList<>();
    List<Sample.GroupSample> groups = rollout.groups();
    for (String check : checkNames()) {
      if (check.equals(UNDEFINED_GROUPS)) {
        if (!groups.isEmpty()) {
          out.add(undefinedGroups(s, rollout));
        }
        continue;
      }
      for (Sample.GroupSample g : groups) {
        out.add(
            switch (check) {
              case CANARY_TIMEOUT -> canaryTimeout(s, g);
              case STALLED -> stalled(history, s, g);
              case ATTRITION -> attrition(history, s, g);
              case RECONCILER_ERROR -> reconcilerError(rollout, g);
              default -> custom(check, history, s, g);
            });
      }
    }
    return out;
  }

  private Verdict canaryTimeout(Sample s, Sample.GroupSample g) {
    if (g.state() != GroupState.CANARY) {
      return Verdict.pass(CANARY_TIMEOUT, g.name(), "not in canary (" + g.state().label() + ")");
    }
    if (g.startTime() == null) {
      return Verdict.unsure(
          CANARY_TIMEOUT, g.name(), "in canary, but Teleport recorded no start time");
    }
    Duration in = Duration.between(g.startTime(), s.at());
    Duration after = spec.canaryTimeout().after();
    String canaries =
        "canaries "
            + g.successfulCanaries()
            + "/"
            + g.canaryCount()
            + " alive"
            + (g.canaries().stream().anyMatch(c -> !c.success())
                ? ", waiting for "
                    + g.canaries().stream()
                        .filter(c -> !c.success())
                        .map(c -> c.hostname() + " (" + c.hostId() + ")")
                        .collect(Collectors.joining(", "))
                : g.canaries().size() < g.canaryCount()
                    ? ", " + (g.canaryCount() - g.canaries().size()) + " not sampled yet"
                    : "");
    String evidence =
        "in canary for "
            + GoDuration.human(round(in))
            + " since "
            + g.startTime()
            + " (limit "
            + GoDuration.human(after)
            + "); "
            + canaries;
    return in.compareTo(after) > 0
        ? Verdict.fail(CANARY_TIMEOUT, g.name(), evidence)
        : Verdict.pass(CANARY_TIMEOUT, g.name(), evidence);
  }

  private Verdict stalled(SampleHistory history, Sample s, Sample.GroupSample g) {
    if (g.state() != GroupState.ACTIVE) {
      return Verdict.pass(STALLED, g.name(), "not active (" + g.state().label() + ")");
    }
    if (!s.readsCounts()) {
      return Verdict.blind(STALLED, g.name(), noCounts(s));
    }
    String counts = upToDate(g);
    if (g.present() > 0 && g.upToDate() >= g.present()) {
      return Verdict.pass(STALLED, g.name(), counts + ": every present agent is up to date");
    }
    Duration window = spec.stalled().window();
    if (g.startTime() != null && Duration.between(g.startTime(), s.at()).compareTo(window) < 0) {
      return Verdict.pass(
          STALLED,
          g.name(),
          counts
              + "; active for "
              + GoDuration.human(round(Duration.between(g.startTime(), s.at())))
              + ", less than the "
              + GoDuration.human(window)
              + " window");
    }
    Instant before = s.at().minus(window);
    Optional<Sample.GroupSample> then = Optional.empty();
    Instant thenAt = null;
    List<Sample> samples = history.samples();
    for (int i = samples.size() - 2; i >= 0; i--) {
      Sample r = samples.get(i);
      if (r.at().isAfter(before) || !r.readsCounts() || r.rollout().isEmpty()) {
        continue;
      }
      if (!r.rollout().get().sameRollout(s.rollout().orElseThrow())) {
        break;
      }
      Optional<Sample.GroupSample> rg = r.rollout().get().group(g.name());
      if (rg.isPresent()
          && rg.get().state() == GroupState.ACTIVE
          && Objects.equals(rg.get().startTime(), g.startTime())) {
        then = rg;
        thenAt = r.at();
      }
      break;
    }
    if (then.isEmpty()) {
      return Verdict.unsure(
          STALLED,
          g.name(),
          counts
              + "; no sample of this activation from "
              + GoDuration.human(window)
              + " ago to compare with");
    }
    long gain = g.upToDate() - then.get().upToDate();
    String evidence =
        counts
            + "; "
            + (gain >= 0 ? "gained " + gain : "lost " + -gain)
            + " since "
            + thenAt
            + " ("
            + GoDuration.human(round(Duration.between(thenAt, s.at())))
            + " ago, needs "
            + spec.stalled().minGain()
            + ")";
    return gain < spec.stalled().minGain()
        ? Verdict.fail(STALLED, g.name(), evidence)
        : Verdict.pass(STALLED, g.name(), evidence);
  }

  private Verdict attrition(SampleHistory history, Sample s, Sample.GroupSample g) {
    if (g.state() != GroupState.ACTIVE && g.state() != GroupState.CANARY) {
      return Verdict.pass(
          ATTRITION, g.name(), "not started or finished (" + g.state().label() + ")");
    }
    if (!s.readsCounts()) {
      return Verdict.blind(ATTRITION, g.name(), noCounts(s));
    }
    long baseline = g.initial();
    String since = "at start";
    if (baseline == 0) {
      // time-based groups never record an initial count (teleport-semantics §8): the first
      // sample of this activation stands in for it
      Optional<Sample> first = firstOfActivation(history, s, g);
      if (first.isPresent()) {
        baseline = first.get().rollout().orElseThrow().group(g.name()).orElseThrow().present();
        since = "when first seen " + g.state().label() + " at " + first.get().at();
      }
    }
    if (baseline == 0) {
      return Verdict.unsure(
          ATTRITION,
          g.name(),
          "no agent count from the group's start (initial count 0): nothing to compare with");
    }
    double ratio = (double) g.present() / baseline;
    String evidence =
        "present "
            + g.present()
            + " of "
            + baseline
            + " "
            + since
            + " ("
            + percent(ratio)
            + ", minimum "
            + percent(spec.attrition().minPresentRatio())
            + ")";
    return ratio < spec.attrition().minPresentRatio()
        ? Verdict.fail(ATTRITION, g.name(), evidence)
        : Verdict.pass(ATTRITION, g.name(), evidence);
  }

  /** The oldest sample with counts of the same rollout where the group had this start time. */
  private static Optional<Sample> firstOfActivation(
      SampleHistory history, Sample s, Sample.GroupSample g) {
    Optional<Sample> first = Optional.empty();
    List<Sample> samples = history.samples();
    for (int i = samples.size() - 1; i >= 0; i--) {
      Sample r = samples.get(i);
      if (r.rollout().isEmpty()) {
        continue;
      }
      if (!r.rollout().get().sameRollout(s.rollout().orElseThrow())) {
        break;
      }
      Optional<Sample.GroupSample> rg = r.rollout().get().group(g.name());
      if (rg.isEmpty() || !Objects.equals(rg.get().startTime(), g.startTime())) {
        break;
      }
      if (r.readsCounts() && rg.get().present() > 0) {
        first = Optional.of(r);
      }
    }
    return first;
  }

  private static Verdict reconcilerError(Sample.RolloutSample rollout, Sample.GroupSample g) {
    if (!g.reason().equals(Reasons.RECONCILER_ERROR)) {
      return Verdict.pass(RECONCILER_ERROR, g.name(), "reason " + g.reason());
    }
    int i = rollout.groups().indexOf(g);
    if (g.state() == GroupState.UNSTARTED
        && i > 0
        && rollout.groups().get(i - 1).startTime() == null) {
      // Teleport checks wait_hours before "previous groups done" and fails while the previous
      // group has never started (teleport-semantics §7): expected, not a failure
      return Verdict.pass(
          RECONCILER_ERROR,
          g.name(),
          "reason reconciler_error while the previous group \""
              + rollout.groups().get(i - 1).name()
              + "\" has not started: Teleport's wait_hours check, expected until it starts");
    }
    return Verdict.fail(
        RECONCILER_ERROR,
        g.name(),
        "Teleport could not evaluate the group (reason reconciler_error since "
            + g.lastUpdateTime()
            + ", state "
            + g.state().label()
            + ")");
  }

  private static Verdict undefinedGroups(Sample s, Sample.RolloutSample rollout) {
    String last = rollout.catchAll();
    if (!s.readsCounts()) {
      return Verdict.blind(UNDEFINED_GROUPS, last, noCounts(s));
    }
    Map<String, Long> undefined = s.reports().undefinedGroups();
    if (undefined.isEmpty()) {
      return Verdict.pass(
          UNDEFINED_GROUPS, last, "every reporting agent's group is in the schedule");
    }
    long n = undefined.values().stream().mapToLong(Long::longValue).sum();
    return Verdict.fail(
        UNDEFINED_GROUPS,
        last,
        n
            + " agent(s) report groups the schedule does not name: "
            + undefined.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "))
            + "; they update with the last group \""
            + last
            + "\"");
  }

  private Verdict custom(String check, SampleHistory history, Sample s, Sample.GroupSample g) {
    Custom c =
        customs.stream()
            .filter(x -> (CUSTOM_PREFIX + x.spec().name()).equals(check))
            .findFirst()
            .orElseThrow();
    if (c.predicate().isEmpty()) {
      return Verdict.unsure(check, g.name(), "the expression " + c.error());
    }
    Map<String, Object> vars = new HashMap<>();
    Map<String, Object> sampleDoc = SampleHistory.sampleDocument(s);
    @SuppressWarnings("unchecked")
    Map<String, Object> rollout =
        new LinkedHashMap<>((Map<String, Object>) sampleDoc.get("rollout"));
    rollout.put("observed_at", s.at().toString());
    vars.put("rollout", rollout);
    vars.put("group", groupVariable(s, g, rollout));
    vars.put("reports", sampleDoc.get("reports"));
    List<Object> earlier = new ArrayList<>();
    List<Sample> samples = history.samples();
    for (int i = 0; i < samples.size() - 1; i++) {
      earlier.add(SampleHistory.sampleDocument(samples.get(i)));
    }
    vars.put("history", earlier);
    CelPredicate.Result r = c.predicate().get().test(vars);
    if (r.value().isEmpty()) {
      return Verdict.unsure(check, g.name(), "the expression " + r.error());
    }
    String what =
        c.spec().message().isEmpty()
            ? "expression "
                + (r.value().get() ? "holds" : "is false")
                + ": "
                + c.spec().expression()
            : c.spec().message();
    return r.value().get()
        ? Verdict.pass(check, g.name(), c.spec().message().isEmpty() ? what : "holds")
        : Verdict.fail(check, g.name(), what);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> groupVariable(
      Sample s, Sample.GroupSample g, Map<String, Object> rollout) {
    Map<String, Object> group = new LinkedHashMap<>();
    for (Object o : (List<Object>) rollout.get("groups")) {
      Map<String, Object> m = (Map<String, Object>) o;
      if (g.name().equals(m.get("name"))) {
        group.putAll(m);
      }
    }
    group.put("present_ratio", g.initial() == 0 ? 0.0 : (double) g.present() / g.initial());
    group.put("up_to_date_ratio", g.present() == 0 ? 0.0 : (double) g.upToDate() / g.present());
    group.put(
        "seconds_since_start",
        g.startTime() == null ? -1L : Duration.between(g.startTime(), s.at()).toSeconds());
    group.put(
        "seconds_since_update",
        g.lastUpdateTime() == null
            ? -1L
            : Duration.between(g.lastUpdateTime(), s.at()).toSeconds());
    group.put("catch_all", s.rollout().orElseThrow().catchAll().equals(g.name()));
    return group;
  }

  private static String noCounts(Sample s) {
    if (!s.reports().read()) {
      return "no agent reports were read";
    }
    return s.reports().expired() > 0
        ? "every agent report is expired ("
            + s.reports().expired()
            + " older than a minute): the counts are stale"
        : "no agent report: the counts say nothing about the agents";
  }

  private static String upToDate(Sample.GroupSample g) {
    return g.upToDate()
        + " of "
        + g.present()
        + " present agents up to date"
        + (g.present() == 0 ? "" : " (" + percent((double) g.upToDate() / g.present()) + ")");
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  /** Whole minutes, or seconds under a minute: evidence reads "12m", not "12m7s". */
  private static Duration round(Duration d) {
    long seconds = d.toSeconds();
    return Duration.ofSeconds(seconds >= 60 ? seconds - seconds % 60 : seconds);
  }
}
