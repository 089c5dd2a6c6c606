package dev.lockstep.rollout;

import static dev.lockstep.rollout.Builders.MONDAY;
import static dev.lockstep.rollout.Builders.at;
import static dev.lockstep.rollout.Builders.fleet;
import static dev.lockstep.rollout.Builders.group;
import static dev.lockstep.rollout.Builders.status;
import static dev.lockstep.rollout.GroupState.ACTIVE;
import static dev.lockstep.rollout.GroupState.DONE;
import static dev.lockstep.rollout.GroupState.ROLLEDBACK;
import static dev.lockstep.rollout.GroupState.UNSTARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every time-based transition of teleport-semantics §8 (2 h windows at 12:00 unless a row says
 * otherwise).
 */
class TimeBasedTest {
  static final Instant OLD_ROLLOUT = MONDAY.minus(Duration.ofDays(7));

  record Case(RolloutStatus status, Instant now, GroupState state, String reason) {}

  static Stream<Arguments> transitions() {
    return Stream.of(
        Arguments.of(
            named(
                "unstarted -> active (in_window) inside the window",
                new Case(
                    status(OLD_ROLLOUT, group("a").build()),
                    at(0, 12, 0),
                    ACTIVE,
                    Reasons.IN_WINDOW))),
        Arguments.of(
            named(
                "unstarted stays (outside_window) before the window",
                new Case(
                    status(OLD_ROLLOUT, group("a").build()),
                    at(0, 11, 59),
                    UNSTARTED,
                    Reasons.OUTSIDE_WINDOW))),
        Arguments.of(
            named(
                "unstarted stays (outside_window) at the window's end (half-open)",
                new Case(
                    status(OLD_ROLLOUT, group("a").build()),
                    at(0, 14, 0),
                    UNSTARTED,
                    Reasons.OUTSIDE_WINDOW))),
        Arguments.of(
            named(
                "rollout created inside the window does not start that window",
                new Case(
                    status(at(0, 12, 30), group("a").build()),
                    at(0, 12, 31),
                    UNSTARTED,
                    Reasons.ROLLOUT_CHANGED_DURING_WINDOW))),
        Arguments.of(
            named(
                "active stays (in_window) inside the window",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("a").state(ACTIVE, Reasons.IN_WINDOW).started(at(0, 12, 0)).build()),
                    at(0, 13, 59),
                    ACTIVE,
                    Reasons.IN_WINDOW))),
        Arguments.of(
            named(
                "active -> done (outside_window) when the window ends",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("a").state(ACTIVE, Reasons.IN_WINDOW).started(at(0, 12, 0)).build()),
                    at(0, 14, 0),
                    DONE,
                    Reasons.OUTSIDE_WINDOW))),
        Arguments.of(
            named(
                "done -> active (in_window) again in a later window",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("a")
                            .state(DONE, Reasons.OUTSIDE_WINDOW)
                            .started(at(0, 12, 0))
                            .build()),
                    at(1, 12, 0),
                    ACTIVE,
                    Reasons.IN_WINDOW))),
        Arguments.of(
            named(
                "done stays (outside_window) between windows",
                new Case(
                    status(OLD_ROLLOUT, group("a").state(DONE, Reasons.IN_WINDOW).build()),
                    at(0, 20, 0),
                    DONE,
                    Reasons.OUTSIDE_WINDOW))),
        Arguments.of(
            named(
                "done stays (rollout_changed_during_window) when the rollout was created in this window",
                new Case(
                    status(at(0, 12, 10), group("a").state(DONE, Reasons.OUTSIDE_WINDOW).build()),
                    at(0, 12, 20),
                    DONE,
                    Reasons.ROLLOUT_CHANGED_DURING_WINDOW))),
        Arguments.of(
            named(
                "rolled back group is untouched",
                new Case(
                    status(
                        OLD_ROLLOUT, group("a").state(ROLLEDBACK, Reasons.MANUAL_ROLLBACK).build()),
                    at(0, 12, 0),
                    ROLLEDBACK,
                    Reasons.MANUAL_ROLLBACK))),
        Arguments.of(
            named(
                "a 2h window at 23:00 is cut at midnight: active -> done at 00:00",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("a")
                            .hour(23)
                            .state(ACTIVE, Reasons.IN_WINDOW)
                            .started(at(0, 23, 0))
                            .build()),
                    at(1, 0, 0),
                    DONE,
                    Reasons.OUTSIDE_WINDOW))),
        Arguments.of(
            named(
                "a 2h window at 23:00 does not reopen at 00:30 the next day",
                new Case(
                    status(OLD_ROLLOUT, group("a").hour(23).build()),
                    at(1, 0, 30),
                    UNSTARTED,
                    Reasons.OUTSIDE_WINDOW))));
  }

  @ParameterizedTest
  @MethodSource("transitions")
  void transition(Case c) {
    GroupStatus g =
        TimeBased.INSTANCE
            .progress(Builders.spec(Strategy.TIME_BASED), c.status(), c.now(), Fleet.NONE)
            .status()
            .groups()
            .get(0);
    assertThat(g.state()).isEqualTo(c.state());
    assertThat(g.lastUpdateReason()).isEqualTo(c.reason());
  }

  /** Expected counts of one group after a run: agents present, agents on the target version. */
  record Counts(String group, long present, long upToDate) {}

  record CountCase(RolloutStatus status, Instant now, Fleet fleet, List<Counts> want) {}

  /**
   * The newest time-based strategy refreshes every group's present and up-to-date counts from the
   * fresh agent reports on every run, as halt-on-error does, with the last group counting every
   * agent whose group the schedule does not name (teleport-semantics §5.4; Teleport PR 55152,
   * strategy_timebased_test.go "unstarted -> unstarted, with reports").
   */
  static Stream<Arguments> counts() {
    return Stream.of(
        Arguments.of(
            named(
                "unstarted outside its window counts the fresh report and ignores an expired one",
                new CountCase(
                    status(OLD_ROLLOUT, group("a").build()),
                    at(0, 11, 0),
                    fleet().report(at(0, 10, 59), "a", 5, 5).report(at(0, 10, 53), "a", 5, 5),
                    List.of(new Counts("a", 10, 5))))),
        Arguments.of(
            named(
                "up to date is an exact string match with target_version (v17.2.1 is not)",
                new CountCase(
                    status(
                        OLD_ROLLOUT,
                        group("a").state(ACTIVE, Reasons.IN_WINDOW).started(at(0, 12, 0)).build()),
                    at(0, 12, 30),
                    fleet()
                        .reportVersion(at(0, 12, 30), "a", "17.2.1", 3)
                        .reportVersion(at(0, 12, 30), "a", "v17.2.1", 4),
                    List.of(new Counts("a", 7, 3))))),
        Arguments.of(
            named(
                "the last group also counts agents of groups the schedule does not name",
                new CountCase(
                    status(OLD_ROLLOUT, group("dev").build(), group("web").build()),
                    at(0, 12, 30),
                    fleet()
                        .report(at(0, 12, 30), "dev", 1, 1)
                        .report(at(0, 12, 30), "web", 2, 2)
                        .report(at(0, 12, 30), "batch", 4, 2),
                    List.of(new Counts("dev", 2, 1), new Counts("web", 10, 6))))),
        Arguments.of(
            named(
                "done and rolled back groups refresh their counts too",
                new CountCase(
                    status(
                        OLD_ROLLOUT,
                        group("a").state(DONE, Reasons.OUTSIDE_WINDOW).build(),
                        group("b").state(ROLLEDBACK, Reasons.MANUAL_ROLLBACK).build()),
                    at(0, 20, 0),
                    fleet().report(at(0, 20, 0), "a", 8, 0).report(at(0, 20, 0), "b", 0, 3),
                    List.of(new Counts("a", 8, 8), new Counts("b", 3, 0))))),
        Arguments.of(
            named(
                "no reports leave the counts at zero",
                new CountCase(
                    status(
                        OLD_ROLLOUT,
                        group("a")
                            .state(ACTIVE, Reasons.IN_WINDOW)
                            .started(at(0, 12, 0))
                            .counts(0, 10, 10)
                            .build()),
                    at(0, 12, 30),
                    fleet(),
                    List.of(new Counts("a", 0, 0))))));
  }

  @ParameterizedTest
  @MethodSource("counts")
  void countsFromReports(CountCase c) {
    List<Counts> got =
        TimeBased.INSTANCE
            .progress(Builders.spec(Strategy.TIME_BASED), c.status(), c.now(), c.fleet())
            .status()
            .groups()
            .stream()
            .map(g -> new Counts(g.name(), g.presentCount(), g.upToDateCount()))
            .toList();
    assertThat(got).isEqualTo(c.want());
  }

  @Test
  void countsNeverChangeATimeBasedTransition() {
    var s =
        status(
            OLD_ROLLOUT, group("a").state(ACTIVE, Reasons.IN_WINDOW).started(at(0, 12, 0)).build());
    // nobody up to date at the window's end: still done, and no initial_count is recorded
    GroupStatus g =
        TimeBased.INSTANCE
            .progress(
                Builders.spec(Strategy.TIME_BASED),
                s,
                at(0, 14, 0),
                fleet().report(at(0, 14, 0), "a", 0, 10))
            .status()
            .groups()
            .get(0);
    assertThat(g.state()).isEqualTo(DONE);
    assertThat(g.lastUpdateReason()).isEqualTo(Reasons.OUTSIDE_WINDOW);
    assertThat(g.presentCount()).isEqualTo(10);
    assertThat(g.initialCount()).isZero();
  }

  @Test
  void reEntryIntoActiveResetsTheStartTime() {
    var s =
        status(
            OLD_ROLLOUT,
            group("a").state(DONE, Reasons.OUTSIDE_WINDOW).started(at(0, 12, 0)).build());
    GroupStatus g =
        TimeBased.INSTANCE
            .progress(Builders.spec(Strategy.TIME_BASED), s, at(1, 12, 1), Fleet.NONE)
            .status()
            .groups()
            .get(0);
    assertThat(g.startTime()).isEqualTo(at(1, 12, 1));
  }

  @Test
  void oneFailingGroupDoesNotStopTheOthers() {
    var s = status(OLD_ROLLOUT, group("bad").days("Funday").build(), group("good").build());
    StrategyResult r =
        TimeBased.INSTANCE.progress(
            Builders.spec(Strategy.TIME_BASED), s, at(0, 12, 0), Fleet.NONE);
    List<GroupStatus> groups = r.status().groups();
    assertThat(groups.get(0).lastUpdateReason()).isEqualTo(Reasons.RECONCILER_ERROR);
    assertThat(groups.get(1).state()).isEqualTo(ACTIVE);
    assertThat(r.errors()).singleElement().asString().contains("Funday");
  }
}
