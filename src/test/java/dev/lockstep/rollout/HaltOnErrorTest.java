package dev.lockstep.rollout;

import static dev.lockstep.rollout.Builders.MONDAY;
import static dev.lockstep.rollout.Builders.at;
import static dev.lockstep.rollout.Builders.canary;
import static dev.lockstep.rollout.Builders.fleet;
import static dev.lockstep.rollout.Builders.group;
import static dev.lockstep.rollout.Builders.status;
import static dev.lockstep.rollout.GroupState.ACTIVE;
import static dev.lockstep.rollout.GroupState.CANARY;
import static dev.lockstep.rollout.GroupState.DONE;
import static dev.lockstep.rollout.GroupState.ROLLEDBACK;
import static dev.lockstep.rollout.GroupState.UNSTARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every halt-on-error transition of teleport-semantics §7, one row each. */
class HaltOnErrorTest {

  /**
   * Rollout created a week before Monday: no "changed during window" guard unless a case says so.
   */
  static final Instant OLD_ROLLOUT = MONDAY.minus(java.time.Duration.ofDays(7));

  /** Expected group state and reason after one run. */
  record Want(GroupState state, String reason) {}

  record Case(RolloutStatus status, Instant now, Fleet fleet, List<Want> want) {}

  static Want want(GroupState s, String r) {
    return new Want(s, r);
  }

  static Stream<Arguments> transitions() {
    return Stream.of(
        Arguments.of(
            named(
                "unstarted -> active when previous done and in window",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(DONE, Reasons.UPDATE_COMPLETE)
                            .started(at(0, 10, 0))
                            .build(),
                        group("prod").build()),
                    at(0, 12, 5),
                    fleet(),
                    List.of(
                        want(DONE, Reasons.UPDATE_COMPLETE), want(ACTIVE, Reasons.CAN_START))))),
        Arguments.of(
            named(
                "unstarted stays (cannot_start) outside its window",
                new Case(
                    status(OLD_ROLLOUT, group("dev").build()),
                    at(0, 13, 0),
                    fleet(),
                    List.of(want(UNSTARTED, Reasons.CANNOT_START))))),
        Arguments.of(
            named(
                "unstarted stays (cannot_start) on a day not in its list",
                new Case(
                    status(OLD_ROLLOUT, group("dev").days("Tue").build()),
                    at(0, 12, 0),
                    fleet(),
                    List.of(want(UNSTARTED, Reasons.CANNOT_START))))),
        Arguments.of(
            named(
                "unstarted stays (previous_groups_not_done) while an earlier group is active",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(ACTIVE, Reasons.CAN_START)
                            .started(at(0, 12, 0))
                            .counts(10, 10, 0)
                            .build(),
                        group("prod").build()),
                    at(0, 12, 5),
                    fleet().report(at(0, 12, 5), "dev", 0, 10),
                    List.of(
                        want(ACTIVE, Reasons.UPDATE_IN_PROGRESS),
                        want(UNSTARTED, Reasons.PREVIOUS_GROUPS_NOT_DONE))))),
        Arguments.of(
            named(
                "unstarted stays (previous_groups_not_done) behind any earlier unfinished group, not only the previous one",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev").hour(9).build(),
                        group("staging").state(DONE, Reasons.MANUAL_FORCED_DONE).build(),
                        group("prod").build()),
                    at(0, 12, 5),
                    fleet(),
                    List.of(
                        want(UNSTARTED, Reasons.CANNOT_START),
                        want(DONE, Reasons.MANUAL_FORCED_DONE),
                        want(UNSTARTED, Reasons.PREVIOUS_GROUPS_NOT_DONE))))),
        Arguments.of(
            named(
                "rolled back group is untouched and blocks later groups",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev").state(ROLLEDBACK, Reasons.MANUAL_ROLLBACK).build(),
                        group("prod").build()),
                    at(0, 12, 5),
                    fleet(),
                    List.of(
                        want(ROLLEDBACK, Reasons.MANUAL_ROLLBACK),
                        want(UNSTARTED, Reasons.PREVIOUS_GROUPS_NOT_DONE))))),
        Arguments.of(
            named(
                "rollout created inside the window does not start that window",
                new Case(
                    status(at(0, 12, 10), group("dev").build()),
                    at(0, 12, 30),
                    fleet(),
                    List.of(want(UNSTARTED, Reasons.ROLLOUT_CHANGED_DURING_WINDOW))))),
        Arguments.of(
            named(
                "rollout created inside yesterday's window still blocks today's window before its minute",
                new Case(
                    status(at(0, 12, 30), group("dev").build()),
                    at(1, 12, 10),
                    fleet(),
                    List.of(want(UNSTARTED, Reasons.ROLLOUT_CHANGED_DURING_WINDOW))))),
        Arguments.of(
            named(
                "unstarted -> active in the next day's window more than 24h after the rollout was created",
                new Case(
                    status(at(0, 12, 30), group("dev").build()),
                    at(1, 12, 31),
                    fleet(),
                    List.of(want(ACTIVE, Reasons.CAN_START))))),
        Arguments.of(
            named(
                "unstarted stays (cannot_start) until wait_hours after the previous group's start",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(DONE, Reasons.UPDATE_COMPLETE)
                            .started(at(0, 12, 30))
                            .build(),
                        group("prod").waitHours(24).build()),
                    at(1, 12, 29),
                    fleet(),
                    List.of(
                        want(DONE, Reasons.UPDATE_COMPLETE),
                        want(UNSTARTED, Reasons.CANNOT_START))))),
        Arguments.of(
            named(
                "unstarted -> active once wait_hours after the previous group's start and in window",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(DONE, Reasons.UPDATE_COMPLETE)
                            .started(at(0, 12, 30))
                            .build(),
                        group("prod").waitHours(24).build()),
                    at(1, 12, 30),
                    fleet(),
                    List.of(
                        want(DONE, Reasons.UPDATE_COMPLETE), want(ACTIVE, Reasons.CAN_START))))),
        Arguments.of(
            named(
                "wait_hours with an unstarted previous group -> reconciler_error, later groups not evaluated",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev").hour(9).build(),
                        group("staging").waitHours(24).build(),
                        group("prod").build()),
                    at(0, 12, 0),
                    fleet(),
                    List.of(
                        want(UNSTARTED, Reasons.CANNOT_START),
                        want(UNSTARTED, Reasons.RECONCILER_ERROR),
                        want(UNSTARTED, Reasons.CREATED))))),
        Arguments.of(
            named(
                "unstarted -> canary (can_start) when canary_count > 0",
                new Case(
                    status(OLD_ROLLOUT, group("dev").canaryCount(2).build()),
                    at(0, 12, 0),
                    fleet().candidates("dev", 5),
                    List.of(want(CANARY, Reasons.CAN_START))))),
        Arguments.of(
            named(
                "canary stays (waiting_for_canaries) until every canary runs the target",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .canaryCount(2)
                            .state(CANARY, Reasons.CAN_START)
                            .started(at(0, 12, 0))
                            .canaries(canary("dev", 1, false), canary("dev", 2, false))
                            .build()),
                    at(0, 12, 5),
                    fleet().onTarget("h-dev-1"),
                    List.of(want(CANARY, Reasons.WAITING_FOR_CANARIES))))),
        Arguments.of(
            named(
                "canary -> active (canaries_are_alive) when every canary runs the target",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .canaryCount(2)
                            .state(CANARY, Reasons.WAITING_FOR_CANARIES)
                            .started(at(0, 12, 0))
                            .canaries(canary("dev", 1, true), canary("dev", 2, false))
                            .build()),
                    at(0, 12, 9),
                    fleet().onTarget("h-dev-2"),
                    List.of(want(ACTIVE, Reasons.CANARIES_ARE_ALIVE))))),
        Arguments.of(
            named(
                "canary stays (waiting_for_canaries) when the group has fewer agents than canary_count",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .canaryCount(5)
                            .state(CANARY, Reasons.CAN_START)
                            .started(at(0, 12, 0))
                            .build()),
                    at(0, 13, 0),
                    fleet().candidates("dev", 3).onTarget("h-dev-1", "h-dev-2", "h-dev-3"),
                    List.of(want(CANARY, Reasons.WAITING_FOR_CANARIES))))),
        Arguments.of(
            named(
                "active stays (update_in_progress) below 90% up to date",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(ACTIVE, Reasons.CAN_START)
                            .started(at(0, 12, 0))
                            .counts(10, 10, 0)
                            .build()),
                    at(0, 12, 5),
                    fleet().report(at(0, 12, 5), "dev", 8, 2),
                    List.of(want(ACTIVE, Reasons.UPDATE_IN_PROGRESS))))),
        Arguments.of(
            named(
                "active -> done (update_complete) at 90% present and 90% up to date",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(ACTIVE, Reasons.UPDATE_IN_PROGRESS)
                            .started(at(0, 12, 0))
                            .counts(10, 10, 0)
                            .build()),
                    at(0, 12, 5),
                    fleet().report(at(0, 12, 5), "dev", 9, 1),
                    List.of(want(DONE, Reasons.UPDATE_COMPLETE))))),
        Arguments.of(
            named(
                "active stays when fewer than 90% of the initial agents are present",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(ACTIVE, Reasons.UPDATE_IN_PROGRESS)
                            .started(at(0, 12, 0))
                            .counts(10, 10, 0)
                            .build()),
                    at(0, 12, 5),
                    fleet().report(at(0, 12, 5), "dev", 8, 0),
                    List.of(want(ACTIVE, Reasons.UPDATE_IN_PROGRESS))))),
        Arguments.of(
            named(
                "active stays when no agent is present (0/0 is not done)",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(ACTIVE, Reasons.UPDATE_IN_PROGRESS)
                            .started(at(0, 12, 0))
                            .counts(10, 10, 0)
                            .build()),
                    at(0, 12, 5),
                    fleet(),
                    List.of(want(ACTIVE, Reasons.UPDATE_IN_PROGRESS))))),
        Arguments.of(
            named(
                "active stays without reports at exactly one hour after the start",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(ACTIVE, Reasons.UPDATE_IN_PROGRESS)
                            .started(at(0, 12, 0))
                            .build()),
                    at(0, 13, 0),
                    fleet(),
                    List.of(want(ACTIVE, Reasons.UPDATE_IN_PROGRESS))))),
        Arguments.of(
            named(
                "active -> done without reports more than one hour after the start",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(ACTIVE, Reasons.UPDATE_IN_PROGRESS)
                            .started(at(0, 12, 0))
                            .build()),
                    at(0, 13, 1),
                    fleet(),
                    List.of(want(DONE, Reasons.UPDATE_COMPLETE))))),
        Arguments.of(
            named(
                "active -> done lets the next group start in the same run",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .hour(11)
                            .state(ACTIVE, Reasons.UPDATE_IN_PROGRESS)
                            .started(at(0, 11, 0))
                            .build(),
                        group("prod").build()),
                    at(0, 12, 1),
                    fleet(),
                    List.of(
                        want(DONE, Reasons.UPDATE_COMPLETE), want(ACTIVE, Reasons.CAN_START))))),
        Arguments.of(
            named(
                "reports older than one minute are ignored",
                new Case(
                    status(
                        OLD_ROLLOUT,
                        group("dev")
                            .state(ACTIVE, Reasons.UPDATE_IN_PROGRESS)
                            .started(at(0, 12, 0))
                            .counts(10, 10, 0)
                            .build()),
                    at(0, 12, 5),
                    fleet().report(at(0, 12, 3), "dev", 10, 0),
                    List.of(want(ACTIVE, Reasons.UPDATE_IN_PROGRESS))))));
  }

  @ParameterizedTest
  @MethodSource("transitions")
  void transition(Case c) {
    StrategyResult result =
        HaltOnError.INSTANCE.progress(
            Builders.spec(Strategy.HALT_ON_ERROR), c.status(), c.now(), c.fleet());
    List<Want> got =
        result.status().groups().stream()
            .map(g -> new Want(g.state(), g.lastUpdateReason()))
            .toList();
    assertThat(got).isEqualTo(c.want());
  }

  @Test
  void startSetsStartTimeAndInitialCountAndSamplesCanariesAtOnce() {
    var s = status(OLD_ROLLOUT, group("dev").canaryCount(2).build());
    var fleet = fleet().candidates("dev", 5).report(at(0, 12, 0), "dev", 0, 7);
    GroupStatus g =
        HaltOnError.INSTANCE
            .progress(Builders.spec(Strategy.HALT_ON_ERROR), s, at(0, 12, 0), fleet)
            .status()
            .groups()
            .get(0);
    assertThat(g.startTime()).isEqualTo(at(0, 12, 0));
    assertThat(g.lastUpdateTime()).isEqualTo(at(0, 12, 0));
    assertThat(g.initialCount()).isEqualTo(7);
    assertThat(g.canaries()).extracting(Canary::updaterId).containsExactly("u-dev-1", "u-dev-2");
  }

  @Test
  void canariesAreAliveResetsTheStartTime() {
    var s =
        status(
            OLD_ROLLOUT,
            group("dev")
                .canaryCount(1)
                .state(CANARY, Reasons.WAITING_FOR_CANARIES)
                .started(at(0, 12, 0))
                .canaries(canary("dev", 1, false))
                .build());
    GroupStatus g =
        HaltOnError.INSTANCE
            .progress(
                Builders.spec(Strategy.HALT_ON_ERROR), s, at(0, 12, 9), fleet().onTarget("h-dev-1"))
            .status()
            .groups()
            .get(0);
    assertThat(g.startTime()).isEqualTo(at(0, 12, 9));
    assertThat(g.canaries()).allMatch(Canary::success);
  }

  @Test
  void sameStateAndReasonTouchesNoTimestamp() {
    GroupStatus before = group("dev").state(UNSTARTED, Reasons.CANNOT_START).build();
    GroupStatus after =
        HaltOnError.INSTANCE
            .progress(
                Builders.spec(Strategy.HALT_ON_ERROR),
                status(OLD_ROLLOUT, before),
                at(0, 15, 0),
                fleet())
            .status()
            .groups()
            .get(0);
    assertThat(after).isSameAs(before);
  }

  @Test
  void catchAllGroupCountsAgentsOfUnknownGroups() {
    var s =
        status(
            OLD_ROLLOUT,
            group("dev").state(DONE, Reasons.UPDATE_COMPLETE).build(),
            group("prod").state(DONE, Reasons.UPDATE_COMPLETE).build());
    var fleet =
        fleet()
            .report(at(0, 12, 0), "dev", 1, 1)
            .report(at(0, 12, 0), "prod", 2, 0)
            .report(at(0, 12, 0), "typo", 3, 4);
    List<GroupStatus> groups =
        HaltOnError.INSTANCE
            .progress(Builders.spec(Strategy.HALT_ON_ERROR), s, at(0, 12, 0), fleet)
            .status()
            .groups();
    assertThat(groups.get(0).presentCount()).isEqualTo(2);
    assertThat(groups.get(1).presentCount()).isEqualTo(9);
    assertThat(groups.get(1).upToDateCount()).isEqualTo(5);
  }
}
