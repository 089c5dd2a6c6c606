package dev.lockstep.health;

import static dev.lockstep.health.Samples.T0;
import static dev.lockstep.health.Samples.canary;
import static dev.lockstep.health.Samples.failed;
import static dev.lockstep.health.Samples.group;
import static dev.lockstep.health.Samples.history;
import static dev.lockstep.health.Samples.minutes;
import static dev.lockstep.health.Samples.sample;
import static dev.lockstep.rollout.GroupState.ACTIVE;
import static dev.lockstep.rollout.GroupState.CANARY;
import static dev.lockstep.rollout.GroupState.DONE;
import static dev.lockstep.rollout.GroupState.UNSTARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.model.HaltAction;
import dev.lockstep.model.HaltSpec;
import dev.lockstep.observe.ObservationSource;
import dev.lockstep.observe.Sample;
import dev.lockstep.observe.SampleHistory;
import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.Reasons;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every health check's verdicts and the decisions over consecutive samples, one named row each
 * (README, "Rollout health").
 */
class HealthChecksTest {

  static final HaltSpec DEFAULTS = HaltSpec.DEFAULT;

  static HaltSpec halt(Map<String, Object> m) {
    return HaltSpec.from(m);
  }

  /** One verdict row: the check's verdict on group {@code group} of the newest sample. */
  record V(
      HaltSpec spec,
      SampleHistory history,
      String check,
      String group,
      Outcome outcome,
      boolean blind,
      String evidence) {}

  static Arguments v(String name, V row) {
    return Arguments.of(named(name, row));
  }

  static Stream<Arguments> verdicts() {
    return Stream.of(
        // canary_timeout
        v(
            "canary for 61m, limit 60m -> fail, naming the canaries it waits for",
            new V(
                DEFAULTS,
                history(
                    sample(
                        minutes(61),
                        group("dev")
                            .state(CANARY, Reasons.WAITING_FOR_CANARIES)
                            .canaries(2, canary("node-1", true), canary("node-2", false)))),
                "canary_timeout",
                "dev",
                Outcome.FAIL,
                false,
                "in canary for 61m since 2026-11-23T12:00:00Z (limit 1h); canaries 1/2 alive,"
                    + " waiting for node-2 (id-node-2)")),
        v(
            "canary for 59m -> pass",
            new V(
                DEFAULTS,
                history(
                    sample(minutes(59), group("dev").state(CANARY, Reasons.WAITING_FOR_CANARIES))),
                "canary_timeout",
                "dev",
                Outcome.PASS,
                false,
                "in canary for 59m")),
        v(
            "canary 20m with after: 15m -> fail",
            new V(
                halt(Map.of("canary_timeout", Map.of("after", "15m"))),
                history(
                    sample(
                        minutes(20),
                        group("dev")
                            .state(CANARY, Reasons.WAITING_FOR_CANARIES)
                            .canaries(2, canary("node-1", true)))),
                "canary_timeout",
                "dev",
                Outcome.FAIL,
                false,
                "1 not sampled yet")),
        v(
            "active group -> canary_timeout passes",
            new V(
                DEFAULTS,
                history(sample(minutes(500), group("dev"))),
                "canary_timeout",
                "dev",
                Outcome.PASS,
                false,
                "not in canary (active)")),
        // stalled
        v(
            "active 30m, gained 0 of 30 missing -> fail",
            new V(
                DEFAULTS,
                history(
                    sample(minutes(0), group("dev").counts(100, 100, 70)),
                    sample(minutes(30), group("dev").counts(100, 100, 70))),
                "stalled",
                "dev",
                Outcome.FAIL,
                false,
                "70 of 100 present agents up to date (70%); gained 0 since 2026-11-23T12:00:00Z (30m ago, needs 1)")),
        v(
            "active 30m, gained 5 -> pass",
            new V(
                DEFAULTS,
                history(
                    sample(minutes(0), group("dev").counts(100, 100, 65)),
                    sample(minutes(30), group("dev").counts(100, 100, 70))),
                "stalled",
                "dev",
                Outcome.PASS,
                false,
                "gained 5")),
        v(
            "gain 5 with min_gain 10 -> fail",
            new V(
                halt(Map.of("stalled", Map.of("min_gain", 10L))),
                history(
                    sample(minutes(0), group("dev").counts(100, 100, 65)),
                    sample(minutes(30), group("dev").counts(100, 100, 70))),
                "stalled",
                "dev",
                Outcome.FAIL,
                false,
                "needs 10")),
        v(
            "active for 20m of a 30m window -> pass (too early to tell)",
            new V(
                DEFAULTS,
                history(sample(minutes(20), group("dev").counts(100, 100, 0))),
                "stalled",
                "dev",
                Outcome.PASS,
                false,
                "active for 20m, less than the 30m window")),
        v(
            "active 40m but no sample from 30m ago -> inconclusive, not blind",
            new V(
                DEFAULTS,
                history(sample(minutes(40), group("dev").counts(100, 100, 10))),
                "stalled",
                "dev",
                Outcome.INCONCLUSIVE,
                false,
                "no sample of this activation from 30m ago")),
        v(
            "every present agent up to date but group not done (attrition) -> stalled passes",
            new V(
                DEFAULTS,
                history(
                    sample(minutes(0), group("dev").counts(100, 80, 80)),
                    sample(minutes(30), group("dev").counts(100, 80, 80))),
                "stalled",
                "dev",
                Outcome.PASS,
                false,
                "every present agent is up to date")),
        v(
            "the sample 30m ago belongs to another rollout (reset) -> inconclusive",
            new V(
                DEFAULTS,
                history(
                    sample(minutes(0), group("dev").counts(100, 100, 70)).target("17.2.5"),
                    sample(minutes(30), group("dev").counts(100, 100, 70))),
                "stalled",
                "dev",
                Outcome.INCONCLUSIVE,
                false,
                "no sample of this activation")),
        v(
            "reports expired -> stalled is blind",
            new V(
                DEFAULTS,
                history(
                    sample(minutes(0), group("dev").counts(100, 100, 70)),
                    sample(minutes(30), group("dev").counts(100, 100, 70)).expiredReports()),
                "stalled",
                "dev",
                Outcome.INCONCLUSIVE,
                true,
                "every agent report is expired (2 older than a minute)")),
        // attrition
        v(
            "present 80 of 100 -> fail below 85%",
            new V(
                DEFAULTS,
                history(sample(minutes(5), group("dev").counts(100, 80, 40))),
                "attrition",
                "dev",
                Outcome.FAIL,
                false,
                "present 80 of 100 at start (80%, minimum 85%)")),
        v(
            "present 95 of 100 (5% churn) -> pass",
            new V(
                DEFAULTS,
                history(sample(minutes(5), group("dev").counts(100, 95, 40))),
                "attrition",
                "dev",
                Outcome.PASS,
                false,
                "(95%, minimum 85%)")),
        v(
            "present 80 of 100 with min_present_ratio 0.75 -> pass",
            new V(
                halt(Map.of("attrition", Map.of("min_present_ratio", 0.75))),
                history(sample(minutes(5), group("dev").counts(100, 80, 40))),
                "attrition",
                "dev",
                Outcome.PASS,
                false,
                "minimum 75%")),
        v(
            "started without reports and no agent seen since (initial 0) -> inconclusive",
            new V(
                DEFAULTS,
                history(sample(minutes(5), group("dev").counts(0, 0, 0))),
                "attrition",
                "dev",
                Outcome.INCONCLUSIVE,
                false,
                "initial count 0")),
        v(
            "time-based group (no initial count) losing agents since first seen -> fail",
            new V(
                DEFAULTS,
                history(
                    sample(minutes(1), group("dev").counts(0, 100, 0)).timeBased(),
                    sample(minutes(20), group("dev").counts(0, 80, 60)).timeBased()),
                "attrition",
                "dev",
                Outcome.FAIL,
                false,
                "present 80 of 100 when first seen active at 2026-11-23T12:01:00Z (80%")),
        v(
            "done group with fewer agents -> pass",
            new V(
                DEFAULTS,
                history(
                    sample(
                        minutes(5),
                        group("dev").state(DONE, Reasons.UPDATE_COMPLETE).counts(100, 50, 50))),
                "attrition",
                "dev",
                Outcome.PASS,
                false,
                "not started or finished (done)")),
        // reconciler_error
        v(
            "reason reconciler_error -> fail",
            new V(
                DEFAULTS,
                history(
                    sample(
                        minutes(1),
                        group("dev"),
                        group("prod").state(UNSTARTED, Reasons.RECONCILER_ERROR))),
                "reconciler_error",
                "prod",
                Outcome.FAIL,
                false,
                "Teleport could not evaluate the group")),
        v(
            "reconciler_error while the previous group never started (wait_hours) -> pass",
            new V(
                DEFAULTS,
                history(
                    sample(
                        minutes(1),
                        group("dev").state(UNSTARTED, Reasons.CANNOT_START).started(null),
                        group("prod").state(UNSTARTED, Reasons.RECONCILER_ERROR))),
                "reconciler_error",
                "prod",
                Outcome.PASS,
                false,
                "Teleport's wait_hours check, expected until it starts")),
        // undefined_groups
        v(
            "agents report group qa, not in the schedule -> fail on the last group",
            new V(
                DEFAULTS,
                history(
                    sample(minutes(1), group("dev"), group("prod"))
                        .undefined(Map.of("qa", 3L, "stagging", 1L))),
                "undefined_groups",
                "prod",
                Outcome.FAIL,
                false,
                "4 agent(s) report groups the schedule does not name: qa (3), stagging (1); they"
                    + " update with the last group \"prod\"")),
        v(
            "every reported group named -> pass",
            new V(
                DEFAULTS,
                history(sample(minutes(1), group("dev"), group("prod"))),
                "undefined_groups",
                "prod",
                Outcome.PASS,
                false,
                "every reporting agent's group is in the schedule")),
        // custom
        v(
            "custom expression false -> fail with its message",
            new V(
                halt(
                    Map.of(
                        "custom",
                        List.of(
                            Map.of(
                                "name",
                                "min-agents",
                                "expression",
                                "group.present >= 50",
                                "message",
                                "fewer than 50 agents")))),
                history(sample(minutes(1), group("dev").counts(100, 40, 0))),
                "custom/min-agents",
                "dev",
                Outcome.FAIL,
                false,
                "fewer than 50 agents")),
        v(
            "custom expression reading history and ratios holds -> pass",
            new V(
                halt(
                    Map.of(
                        "custom",
                        List.of(
                            Map.of(
                                "name",
                                "progress",
                                "expression",
                                "size(history) == 1 && group.up_to_date_ratio >= 0.5"
                                    + " && rollout.target_version == '17.3.0'"
                                    + " && reports.fresh == 1 && group.seconds_since_start == 300")))),
                history(
                    sample(minutes(0), group("dev").counts(100, 100, 40)),
                    sample(minutes(5), group("dev").counts(100, 100, 60))),
                "custom/progress",
                "dev",
                Outcome.PASS,
                false,
                "expression holds")),
        v(
            "custom expression that fails at run time -> inconclusive",
            new V(
                halt(
                    Map.of(
                        "custom", List.of(Map.of("name", "bad", "expression", "group.nope > 1")))),
                history(sample(minutes(1), group("dev"))),
                "custom/bad",
                "dev",
                Outcome.INCONCLUSIVE,
                false,
                "the expression could not be evaluated")),
        // whole-sample blindness
        v(
            "the cluster could not be read -> every check blind",
            new V(
                DEFAULTS,
                history(sample(minutes(0), group("dev")), failed(minutes(1))),
                "canary_timeout",
                "",
                Outcome.INCONCLUSIVE,
                true,
                "the cluster could not be read: tctl get autoupdate_agent_rollout failed")),
        v(
            "observed through the Proxy only -> blind",
            new V(
                DEFAULTS,
                history(
                    new Sample(
                        minutes(1),
                        ObservationSource.PROXY_FIND,
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        Sample.ReportsSample.UNREAD)),
                "attrition",
                "",
                Outcome.INCONCLUSIVE,
                true,
                "observed through the Proxy only")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void verdict(V row) {
    List<Verdict> verdicts = HealthChecks.of(row.spec()).judge(row.history());

    assertThat(verdicts)
        .filteredOn(x -> x.check().equals(row.check()) && x.group().equals(row.group()))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.outcome()).isEqualTo(row.outcome());
              assertThat(x.blind()).isEqualTo(row.blind());
              assertThat(x.evidence()).contains(row.evidence());
            });
  }

  /** A decision row: what the checks ask for after the history, assessed at {@code now}. */
  record D(HaltSpec spec, SampleHistory history, Instant now, List<String> want) {}

  static Arguments d(String name, D row) {
    return Arguments.of(named(name, row));
  }

  static Object attrited(long minute) {
    return sample(minutes(minute), group("dev").counts(100, 80, 40));
  }

  static Stream<Arguments> decisions() {
    return Stream.of(
        d(
            "attrition failing on 3 consecutive samples -> suspend",
            new D(
                DEFAULTS,
                history(attrited(1), attrited(2), attrited(3)),
                minutes(3),
                List.of("attrition dev FAILING suspend 3"))),
        d(
            "attrition failing on 2 samples -> nothing yet",
            new D(DEFAULTS, history(attrited(2), attrited(3)), minutes(3), List.of())),
        d(
            "failure_limit 1 -> suspend on the first failing sample",
            new D(
                halt(Map.of("failure_limit", 1L)),
                history(attrited(3)),
                minutes(3),
                List.of("attrition dev FAILING suspend 1"))),
        d(
            "a failed observation between failing samples breaks the streak",
            new D(
                DEFAULTS,
                history(attrited(1), failed(minutes(2)), attrited(3), attrited(4)),
                minutes(4),
                List.of())),
        d(
            "failing samples of the previous rollout do not count after a reset",
            new D(
                DEFAULTS,
                history(
                    sample(minutes(1), group("dev").counts(100, 80, 40)).target("17.2.5"),
                    sample(minutes(2), group("dev").counts(100, 80, 40)).target("17.2.5"),
                    attrited(3)),
                minutes(3),
                List.of())),
        d(
            "time-based rollout -> notify, never suspend",
            new D(
                DEFAULTS,
                history(
                    sample(minutes(1), group("dev").counts(100, 80, 40)).timeBased(),
                    sample(minutes(2), group("dev").counts(100, 80, 40)).timeBased(),
                    sample(minutes(3), group("dev").counts(100, 80, 40)).timeBased()),
                minutes(3),
                List.of("attrition dev FAILING notify 3"))),
        d(
            "time-based rollout with action: suspend set -> suspend",
            new D(
                halt(Map.of("action", "suspend")),
                history(
                    sample(minutes(1), group("dev").counts(100, 80, 40)).timeBased(),
                    sample(minutes(2), group("dev").counts(100, 80, 40)).timeBased(),
                    sample(minutes(3), group("dev").counts(100, 80, 40)).timeBased()),
                minutes(3),
                List.of("attrition dev FAILING suspend 3"))),
        d(
            "attrition with its own action notify -> notify",
            new D(
                halt(Map.of("attrition", Map.of("action", "notify"))),
                history(attrited(1), attrited(2), attrited(3)),
                minutes(3),
                List.of("attrition dev FAILING notify 3"))),
        d(
            "agents mode already suspended -> notify instead of halting again",
            new D(
                DEFAULTS,
                history(
                    sample(minutes(1), group("dev").counts(100, 80, 40)).mode(AgentMode.SUSPENDED),
                    sample(minutes(2), group("dev").counts(100, 80, 40)).mode(AgentMode.SUSPENDED),
                    sample(minutes(3), group("dev").counts(100, 80, 40)).mode(AgentMode.SUSPENDED)),
                minutes(3),
                List.of("attrition dev FAILING notify 3"))),
        d(
            "undefined groups for 3 samples -> notify by default",
            new D(
                DEFAULTS,
                history(
                    sample(minutes(1), group("dev"), group("prod")).undefined(Map.of("qa", 2L)),
                    sample(minutes(2), group("dev"), group("prod")).undefined(Map.of("qa", 2L)),
                    sample(minutes(3), group("dev"), group("prod")).undefined(Map.of("qa", 2L))),
                minutes(3),
                List.of("undefined_groups prod FAILING notify 3"))),
        d(
            "reports expired on 3 samples -> blind notify per counting check, never suspend",
            new D(
                DEFAULTS,
                history(
                    sample(minutes(1), group("dev").counts(100, 80, 40)).expiredReports(),
                    sample(minutes(2), group("dev").counts(100, 80, 40)).expiredReports(),
                    sample(minutes(3), group("dev").counts(100, 80, 40)).expiredReports()),
                minutes(3),
                List.of(
                    " attrition BLIND notify 3",
                    " undefined_groups BLIND notify 3",
                    " stalled BLIND notify 3"))),
        d(
            "the cluster unreadable on 3 samples -> blind for every check",
            new D(
                DEFAULTS,
                history(failed(minutes(1)), failed(minutes(2)), failed(minutes(3))),
                minutes(3),
                List.of(
                    " canary_timeout BLIND notify 3",
                    " stalled BLIND notify 3",
                    " attrition BLIND notify 3",
                    " reconciler_error BLIND notify 3",
                    " undefined_groups BLIND notify 3"))),
        d(
            "reconciler_error with samples: 2 -> suspend after 2",
            new D(
                halt(Map.of("reconciler_error", Map.of("samples", 2L))),
                history(
                    sample(minutes(1), group("dev").state(UNSTARTED, Reasons.RECONCILER_ERROR)),
                    sample(minutes(2), group("dev").state(UNSTARTED, Reasons.RECONCILER_ERROR))),
                minutes(2),
                List.of("reconciler_error dev FAILING suspend 2"))),
        d(
            "a disabled check asks for nothing",
            new D(
                halt(Map.of("attrition", Map.of("enabled", false))),
                history(attrited(1), attrited(2), attrited(3)),
                minutes(3),
                List.of())),
        d(
            "the newest sample is 11 minutes old -> no decision, every verdict blind",
            new D(
                DEFAULTS, history(attrited(1), attrited(2), attrited(3)), minutes(14), List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decision(D row) {
    Assessment a = HealthChecks.of(row.spec()).assess(row.history(), row.now());

    assertThat(a.decisions())
        .map(
            x ->
                (x.kind() == Decision.Kind.BLIND
                        ? x.group() + " " + x.check()
                        : x.check() + " " + x.group())
                    + " "
                    + x.kind()
                    + " "
                    + x.action().label()
                    + " "
                    + x.streak())
        .containsExactlyInAnyOrderElementsOf(row.want());
    assertThat(a.decisions())
        .as("blindness never halts")
        .filteredOn(x -> x.kind() == Decision.Kind.BLIND)
        .allMatch(x -> x.action() == HaltAction.NOTIFY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void theOverallVerdictFollowsTheNewestSample(D row) {
    Assessment a = HealthChecks.of(row.spec()).assess(row.history(), row.now());

    assertThat(a.overall())
        .isEqualTo(
            a.verdicts().stream().anyMatch(x -> x.outcome() == Outcome.FAIL)
                ? Overall.HALT
                : a.verdicts().stream().anyMatch(Verdict::blind)
                    ? Overall.INCONCLUSIVE
                    : Overall.HEALTHY);
  }

  @org.junit.jupiter.api.Test
  void aSampleWithoutARolloutHasNoVerdicts() {
    Sample none =
        new Sample(
            T0,
            ObservationSource.TCTL,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            new Sample.ReportsSample(true, 1, 0, 10, Map.of()));

    Assessment a =
        HealthChecks.of(DEFAULTS)
            .assess(SampleHistory.EMPTY.append(none, SampleHistory.Bounds.DEFAULT), T0);

    assertThat(a.verdicts()).isEmpty();
    assertThat(a.overall()).isEqualTo(Overall.HEALTHY);
  }

  @org.junit.jupiter.api.Test
  void verdictsListChecksInOrderThenGroupsInRolloutOrder() {
    List<Verdict> verdicts =
        HealthChecks.of(DEFAULTS)
            .judge(
                history(
                    sample(
                        minutes(1), group("dev").state(ACTIVE, Reasons.CAN_START), group("prod"))));

    assertThat(verdicts)
        .map(x -> x.check() + "/" + x.group())
        .containsExactly(
            "canary_timeout/dev",
            "canary_timeout/prod",
            "stalled/dev",
            "stalled/prod",
            "attrition/dev",
            "attrition/prod",
            "reconciler_error/dev",
            "reconciler_error/prod",
            "undefined_groups/prod");
  }
}
