package dev.lockstep.health.replay;

import static dev.lockstep.health.replay.Recordings.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.health.Decision;
import dev.lockstep.health.HealthChecks;
import dev.lockstep.health.Outcome;
import dev.lockstep.health.Overall;
import dev.lockstep.health.Verdict;
import dev.lockstep.model.HaltAction;
import dev.lockstep.model.HaltSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays of recorded rollouts (README, "Rollout health"): the fixtures are what tctl prints for
 * each sample, served by the fake tctl, read by {@code TctlTarget} with the clock frozen at the
 * sample, judged by the default {@code spec.halt} checks.
 */
class RolloutReplayTest {
  static final Path ROOT = RecordingsTest.ROOT;
  static final HaltSpec DEFAULTS = HaltSpec.DEFAULT;
  static final int LIMIT = HaltSpec.DEFAULT_FAILURE_LIMIT;

  @TempDir Path state;

  List<Replay.Step> replay(String name) throws IOException {
    return Replay.run(ROOT.resolve(name), state, DEFAULTS);
  }

  static List<Decision> decisions(List<Replay.Step> steps) {
    return steps.stream().flatMap(s -> s.assessment().decisions().stream()).toList();
  }

  static Optional<Replay.Step> firstHalt(List<Replay.Step> steps) {
    return steps.stream().filter(s -> s.assessment().halts()).findFirst();
  }

  static Optional<Replay.Step> firstFail(List<Replay.Step> steps, String check, String group) {
    return steps.stream()
        .filter(
            s ->
                s.assessment().verdicts().stream()
                    .anyMatch(
                        v ->
                            v.check().equals(check)
                                && v.group().equals(group)
                                && v.outcome() == Outcome.FAIL))
        .findFirst();
  }

  /** The halt comes exactly failure_limit samples after the first failing one (that one counts). */
  static void haltsWithinTheLimit(List<Replay.Step> steps, String check, String group) {
    Replay.Step threshold = firstFail(steps, check, group).orElseThrow();
    Replay.Step halt = firstHalt(steps).orElseThrow();
    assertThat(halt.index()).isEqualTo(threshold.index() + LIMIT - 1);
    assertThat(halt.assessment().decisions())
        .filteredOn(Decision::halts)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.check()).isEqualTo(check);
              assertThat(d.group()).isEqualTo(group);
              assertThat(d.action()).isEqualTo(HaltAction.SUSPEND);
              assertThat(d.streak()).isEqualTo(LIMIT);
            });
  }

  @Test
  void aHealthySlowRolloutNeverHaltsNorFails() throws IOException {
    List<Replay.Step> steps = replay("healthy-slow");

    assertThat(decisions(steps)).isEmpty();
    assertThat(steps.get(steps.size() - 1).sample().rollout().orElseThrow().state().label())
        .as("the recording completes")
        .isEqualTo("done");
  }

  @Test
  void fivePercentAgentChurnNeverHalts() throws IOException {
    List<Replay.Step> steps = replay("churn-5pct");

    assertThat(decisions(steps)).isEmpty();
    assertThat(
            steps.stream()
                .flatMap(s -> s.sample().rollout().stream())
                .flatMap(r -> r.groups().stream())
                .filter(g -> g.initial() > 0)
                .anyMatch(g -> g.present() != g.initial()))
        .as("agents did come and go")
        .isTrue();
  }

  @Test
  void stuckCanariesHaltWithinTheFailureLimitOfTheTimeout() throws IOException {
    List<Replay.Step> steps = replay("canaries-stuck");

    haltsWithinTheLimit(steps, HealthChecks.CANARY_TIMEOUT, "prod");
    Replay.Step threshold = firstFail(steps, HealthChecks.CANARY_TIMEOUT, "prod").orElseThrow();
    Instant canaryStart =
        threshold.sample().rollout().orElseThrow().group("prod").orElseThrow().startTime();
    assertThat(Duration.between(canaryStart, threshold.at())).isGreaterThan(Duration.ofMinutes(60));
    assertThat(Duration.between(canaryStart, threshold.at().minus(Duration.ofMinutes(5))))
        .as("the sample before was within the hour")
        .isLessThanOrEqualTo(Duration.ofMinutes(60));
    assertThat(firstHalt(steps).orElseThrow().assessment().decisions().get(0).evidence())
        .contains("waiting for prod-node-");
  }

  @Test
  void aStallAtSeventyPercentHaltsWithinTheFailureLimit() throws IOException {
    List<Replay.Step> steps = replay("stall-at-70pct");

    haltsWithinTheLimit(steps, HealthChecks.STALLED, "prod");
    Replay.Step threshold = firstFail(steps, HealthChecks.STALLED, "prod").orElseThrow();
    var prod = threshold.sample().rollout().orElseThrow().group("prod").orElseThrow();
    assertThat((double) prod.upToDate() / prod.present()).isBetween(0.65, 0.75);
  }

  @Test
  void attritionToEightyPercentHaltsWithinTheFailureLimit() throws IOException {
    List<Replay.Step> steps = replay("attrition-to-80pct");

    haltsWithinTheLimit(steps, HealthChecks.ATTRITION, "prod");
    Replay.Step threshold = firstFail(steps, HealthChecks.ATTRITION, "prod").orElseThrow();
    var prod = threshold.sample().rollout().orElseThrow().group("prod").orElseThrow();
    assertThat((double) prod.present() / prod.initial()).isLessThan(0.85);
    Replay.Step before = steps.get(threshold.index() - 1);
    var prodBefore = before.sample().rollout().orElseThrow().group("prod").orElseThrow();
    assertThat((double) prodBefore.present() / prodBefore.initial())
        .as("the sample before was above the threshold")
        .isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void expiredReportsAreBlindNeverAHalt() throws IOException {
    List<Replay.Step> steps = replay("reports-expire");

    assertThat(firstHalt(steps)).isEmpty();
    assertThat(decisions(steps))
        .isNotEmpty()
        .allMatch(d -> d.kind() == Decision.Kind.BLIND && d.action() == HaltAction.NOTIFY);
    assertThat(steps.get(steps.size() - 1).assessment().overall()).isEqualTo(Overall.INCONCLUSIVE);
  }

  @Test
  void apiErrorsAreBlindOnlyWhenTheyLastAndNeverHalt() throws IOException {
    List<Replay.Step> steps = replay("api-errors");

    assertThat(firstHalt(steps)).isEmpty();
    List<Instant> blindAt =
        steps.stream()
            .filter(
                s ->
                    s.assessment().decisions().stream()
                        .anyMatch(d -> d.kind() == Decision.Kind.BLIND))
            .map(Replay.Step::at)
            .toList();
    assertThat(blindAt).as("three errors in a row; not two apart").containsExactly(at(10, 40));
  }

  @Test
  void aRolloutResetMidwayIsNotCountedAsAStall() throws IOException {
    List<Replay.Step> steps = replay("reset-midway");

    assertThat(decisions(steps)).isEmpty();
    assertThat(
            steps.stream()
                .flatMap(s -> s.sample().rollout().stream())
                .map(r -> r.targetVersion())
                .distinct())
        .containsExactly("17.3.0", "17.3.1");
  }

  @Test
  void aHealthyTimeBasedRolloutNeverHalts() throws IOException {
    List<Replay.Step> steps = replay("time-based");

    assertThat(decisions(steps)).isEmpty();
  }

  @Test
  void aFailingTimeBasedRolloutNotifiesButNeverHalts() throws IOException {
    List<Replay.Step> steps = replay("time-based-attrition");

    assertThat(firstHalt(steps)).isEmpty();
    assertThat(decisions(steps))
        .isNotEmpty()
        .allSatisfy(
            d -> {
              assertThat(d.check()).isEqualTo(HealthChecks.ATTRITION);
              assertThat(d.action()).isEqualTo(HaltAction.NOTIFY);
            });
  }

  @Test
  void agentsInAnUndefinedGroupAreReportedOnTheLastGroupWithoutHalting() throws IOException {
    List<Replay.Step> steps = replay("undefined-groups");

    assertThat(firstHalt(steps)).isEmpty();
    assertThat(decisions(steps))
        .isNotEmpty()
        .allSatisfy(
            d -> {
              assertThat(d.check()).isEqualTo(HealthChecks.UNDEFINED_GROUPS);
              assertThat(d.group()).isEqualTo("prod");
              assertThat(d.action()).isEqualTo(HaltAction.NOTIFY);
              assertThat(d.evidence()).contains("qa (6)");
            });
  }

  static Stream<String> everyRecording() {
    return Recordings.ALL.stream().map(Scenario::name);
  }

  /** Over every recording: a halt rests on failure_limit failing samples, never on blindness. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecording")
  void everyHaltRestsOnConsecutiveFailuresNeverOnMissingData(String name) throws IOException {
    List<Replay.Step> steps = replay(name);

    for (Replay.Step step : steps) {
      for (Decision d : step.assessment().decisions()) {
        if (!d.halts()) {
          continue;
        }
        for (int back = 0; back < LIMIT; back++) {
          List<Verdict> then = steps.get(step.index() - back).assessment().verdicts();
          assertThat(then)
              .as("%s at sample %d", d, step.index() - back)
              .anyMatch(
                  v ->
                      v.check().equals(d.check())
                          && v.group().equals(d.group())
                          && v.outcome() == Outcome.FAIL);
        }
      }
    }
  }

  // ---- generated healthy recordings: varied speeds, churn, group counts, strategies

  static Stream<Arguments> healthyVariants() {
    List<Arguments> out = new ArrayList<>();
    String[][] schedules = {
      {"all"},
      {"dev", "prod"},
      {"dev", "staging", "prod"},
      {"canary-hosts", "dev", "staging", "prod"},
    };
    int[][] sizes = {{30}, {10, 80}, {5, 40, 150}, {3, 20, 60, 200}};
    Duration[][] speeds = {
      {Duration.ofMinutes(1), Duration.ofMinutes(6)},
      {Duration.ofMinutes(3), Duration.ofMinutes(15)},
      {Duration.ofMinutes(5), Duration.ofMinutes(28)},
    };
    double[] churns = {0, 0.02, 0.05};
    int n = 0;
    for (int s = 0; s < schedules.length; s++) {
      for (int v = 0; v < speeds.length; v++) {
        for (boolean timeBased : new boolean[] {false, true}) {
          double churn = churns[(s + v) % churns.length];
          Scenario.Builder b =
              Scenario.builder("healthy-" + n)
                  .seed(100 + n)
                  .delays(speeds[v][0], speeds[v][1])
                  .churn(churn)
                  .length(Duration.ofHours(6));
          for (int g = 0; g < schedules[s].length; g++) {
            // halt-on-error: one group an hour from 10:00, canaries on the bigger groups; the
            // last group of the four-group schedule waits an hour (Teleport's wait_hours quirk)
            int canaries = timeBased || sizes[s][g] < 20 ? 0 : 1 + g % 2;
            int wait = !timeBased && s == 3 && g == 3 ? 1 : 0;
            b.group(schedules[s][g], 10 + g, wait, canaries, sizes[s][g]);
          }
          if (timeBased) {
            b.timeBased(Duration.ofHours(1));
          }
          Scenario scenario = b.build();
          out.add(
              Arguments.of(
                  named(
                      String.format(
                          "%d groups, updates after %s-%s, churn %.0f%%, %s",
                          schedules[s].length,
                          speeds[v][0].toMinutes() + "m",
                          speeds[v][1].toMinutes() + "m",
                          churn * 100,
                          timeBased ? "time-based" : "halt-on-error"),
                      scenario)));
          n++;
        }
      }
    }
    return out.stream();
  }

  @Test
  void thereAreAtLeastTwentyHealthyVariants() {
    assertThat(healthyVariants().count()).isGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthyVariants")
  void aHealthyRecordingNeverHalts(Scenario scenario, @TempDir Path tmp) throws IOException {
    Path recording = tmp.resolve(scenario.name());
    new Recorder(scenario).record(recording);

    List<Replay.Step> steps = Replay.run(recording, tmp.resolve("state"), DEFAULTS);

    assertThat(decisions(steps)).as("decisions of a healthy rollout").isEmpty();
    assertThat(steps.get(steps.size() - 1).sample().rollout().orElseThrow().groups())
        .as("every group moved")
        .allMatch(g -> g.startTime() != null);
  }
}
