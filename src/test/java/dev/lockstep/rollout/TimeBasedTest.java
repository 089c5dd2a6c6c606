package dev.lockstep.rollout;

import static dev.lockstep.rollout.Builders.MONDAY;
import static dev.lockstep.rollout.Builders.at;
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
