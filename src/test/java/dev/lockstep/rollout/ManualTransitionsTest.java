package dev.lockstep.rollout;

import static dev.lockstep.rollout.Builders.at;
import static dev.lockstep.rollout.Builders.fleet;
import static dev.lockstep.rollout.Builders.group;
import static dev.lockstep.rollout.Builders.status;
import static dev.lockstep.rollout.GroupState.ACTIVE;
import static dev.lockstep.rollout.GroupState.CANARY;
import static dev.lockstep.rollout.GroupState.DONE;
import static dev.lockstep.rollout.GroupState.ROLLEDBACK;
import static dev.lockstep.rollout.GroupState.UNSPECIFIED;
import static dev.lockstep.rollout.GroupState.UNSTARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.rollout.TransitionException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The state rules of teleport-semantics §10: start-update, mark-done, rollback. */
class ManualTransitionsTest {
  static final Instant NOW = at(2, 9, 0);

  interface Action {
    Rollout apply(Rollout r) throws TransitionException;
  }

  record Case(GroupStatus group, Action action, GroupState state, String reason) {}

  static Rollout rollout(GroupStatus... groups) {
    return new Rollout(Builders.spec(Strategy.HALT_ON_ERROR), status(at(0, 0, 0), groups));
  }

  static Action trigger(GroupState desired) {
    return r ->
        ManualTransitions.trigger(
            r, List.of("dev"), desired, NOW, fleet().report(NOW, "dev", 1, 4));
  }

  static Action forceDone() {
    return r -> ManualTransitions.forceDone(r, List.of("dev"), NOW);
  }

  static Action rollback() {
    return r -> ManualTransitions.rollback(r, List.of("dev"), false, NOW);
  }

  static Stream<Arguments> allowed() {
    return Stream.of(
        Arguments.of(
            named(
                "start-update: unstarted -> active (manual_trigger)",
                new Case(
                    group("dev").build(), trigger(UNSPECIFIED), ACTIVE, Reasons.MANUAL_TRIGGER))),
        Arguments.of(
            named(
                "start-update: unstarted -> canary when the group has a canary count",
                new Case(
                    group("dev").canaryCount(2).build(),
                    trigger(UNSPECIFIED),
                    CANARY,
                    Reasons.MANUAL_TRIGGER))),
        Arguments.of(
            named(
                "start-update --force: unstarted -> active, skipping canaries",
                new Case(
                    group("dev").canaryCount(2).build(),
                    trigger(ACTIVE),
                    ACTIVE,
                    Reasons.MANUAL_TRIGGER))),
        Arguments.of(
            named(
                "start-update: rolledback -> active",
                new Case(
                    group("dev").state(ROLLEDBACK, Reasons.MANUAL_ROLLBACK).build(),
                    trigger(UNSPECIFIED),
                    ACTIVE,
                    Reasons.MANUAL_TRIGGER))),
        Arguments.of(
            named(
                "start-update: unspecified -> active",
                new Case(
                    group("dev").state(UNSPECIFIED, Reasons.CREATED).build(),
                    trigger(UNSPECIFIED),
                    ACTIVE,
                    Reasons.MANUAL_TRIGGER))),
        Arguments.of(
            named(
                "mark-done: active -> done (manual_forced_done)",
                new Case(
                    group("dev")
                        .state(ACTIVE, Reasons.UPDATE_IN_PROGRESS)
                        .started(at(0, 12, 0))
                        .build(),
                    forceDone(),
                    DONE,
                    Reasons.MANUAL_FORCED_DONE))),
        Arguments.of(
            named(
                "mark-done: canary -> done",
                new Case(
                    group("dev").state(CANARY, Reasons.WAITING_FOR_CANARIES).build(),
                    forceDone(),
                    DONE,
                    Reasons.MANUAL_FORCED_DONE))),
        Arguments.of(
            named(
                "mark-done: unstarted -> done",
                new Case(group("dev").build(), forceDone(), DONE, Reasons.MANUAL_FORCED_DONE))),
        Arguments.of(
            named(
                "mark-done: rolledback -> done",
                new Case(
                    group("dev").state(ROLLEDBACK, Reasons.MANUAL_ROLLBACK).build(),
                    forceDone(),
                    DONE,
                    Reasons.MANUAL_FORCED_DONE))),
        Arguments.of(
            named(
                "rollback: active -> rolledback (manual_rollback)",
                new Case(
                    group("dev").state(ACTIVE, Reasons.UPDATE_IN_PROGRESS).build(),
                    rollback(),
                    ROLLEDBACK,
                    Reasons.MANUAL_ROLLBACK))),
        Arguments.of(
            named(
                "rollback: done -> rolledback",
                new Case(
                    group("dev").state(DONE, Reasons.UPDATE_COMPLETE).build(),
                    rollback(),
                    ROLLEDBACK,
                    Reasons.MANUAL_ROLLBACK))),
        Arguments.of(
            named(
                "rollback: unstarted -> rolledback when named",
                new Case(group("dev").build(), rollback(), ROLLEDBACK, Reasons.MANUAL_ROLLBACK))));
  }

  @ParameterizedTest
  @MethodSource("allowed")
  void allowedTransition(Case c) throws TransitionException {
    GroupStatus g =
        c.action().apply(rollout(c.group(), group("prod").build())).status().group("dev");
    assertThat(g.state()).isEqualTo(c.state());
    assertThat(g.lastUpdateReason()).isEqualTo(c.reason());
    assertThat(g.lastUpdateTime()).isEqualTo(NOW);
  }

  record Refusal(Rollout rollout, Action action, Kind kind, String message) {}

  static Stream<Arguments> refused() {
    Rollout timeBased =
        new Rollout(Builders.spec(Strategy.TIME_BASED), status(at(0, 0, 0), group("dev").build()));
    Rollout immediate =
        new Rollout(
            new RolloutSpec(
                "1.0.0",
                "1.0.1",
                Schedule.IMMEDIATE,
                AgentMode.ENABLED,
                Strategy.HALT_ON_ERROR,
                Duration.ZERO),
            status(at(0, 0, 0)));
    return Stream.of(
        Arguments.of(
            named(
                "start-update refuses an active group",
                new Refusal(
                    rollout(group("dev").state(ACTIVE, Reasons.CAN_START).build()),
                    trigger(UNSPECIFIED),
                    Kind.ALREADY_EXISTS,
                    "group \"dev\" is already active"))),
        Arguments.of(
            named(
                "start-update refuses a done group",
                new Refusal(
                    rollout(group("dev").state(DONE, Reasons.UPDATE_COMPLETE).build()),
                    trigger(UNSPECIFIED),
                    Kind.ALREADY_EXISTS,
                    "group \"dev\" is already done"))),
        Arguments.of(
            named(
                "start-update refuses a canary group",
                new Refusal(
                    rollout(group("dev").state(CANARY, Reasons.CAN_START).build()),
                    trigger(UNSPECIFIED),
                    Kind.BAD_PARAMETER,
                    "group \"dev\" is in unexpected state"))),
        Arguments.of(
            named(
                "start-update refuses a desired state other than active or canary",
                new Refusal(
                    rollout(group("dev").build()),
                    trigger(DONE),
                    Kind.BAD_PARAMETER,
                    "unsupported desired state done"))),
        Arguments.of(
            named(
                "mark-done refuses a done group",
                new Refusal(
                    rollout(group("dev").state(DONE, Reasons.UPDATE_COMPLETE).build()),
                    forceDone(),
                    Kind.ALREADY_EXISTS,
                    "group \"dev\" is already done"))),
        Arguments.of(
            named(
                "rollback refuses a rolled back group",
                new Refusal(
                    rollout(group("dev").state(ROLLEDBACK, Reasons.MANUAL_ROLLBACK).build()),
                    rollback(),
                    Kind.ALREADY_EXISTS,
                    "group \"dev\" is already in a rolled-back state"))),
        Arguments.of(
            named(
                "rollback of all started groups with none started",
                new Refusal(
                    rollout(group("dev").build()),
                    r -> ManualTransitions.rollback(r, List.of(), true, NOW),
                    Kind.ALREADY_EXISTS,
                    "no groups to rollback"))),
        Arguments.of(
            named(
                "rollback without groups or flag",
                new Refusal(
                    rollout(group("dev").build()),
                    r -> ManualTransitions.rollback(r, List.of(), false, NOW),
                    Kind.BAD_PARAMETER,
                    "at least one group must be specified or the all_started_groups flag set"))),
        Arguments.of(
            named(
                "unknown group",
                new Refusal(
                    rollout(group("dev").build()),
                    r -> ManualTransitions.forceDone(r, List.of("qa"), NOW),
                    Kind.NOT_FOUND,
                    "group \"qa\" not found"))),
        Arguments.of(
            named(
                "empty group name",
                new Refusal(
                    rollout(group("dev").build()),
                    r -> ManualTransitions.forceDone(r, List.of(""), NOW),
                    Kind.BAD_PARAMETER,
                    "group name cannot be empty"))),
        Arguments.of(
            named(
                "time-based rollouts have no manual transitions",
                new Refusal(
                    timeBased,
                    forceDone(),
                    Kind.NOT_IMPLEMENTED,
                    "manual group state transition is not supported for rollout strategy time-based"))),
        Arguments.of(
            named(
                "immediate rollouts have no groups to trigger",
                new Refusal(
                    immediate,
                    trigger(UNSPECIFIED),
                    Kind.BAD_PARAMETER,
                    "rollout schedule is immediate, it has no groups and cannot be triggered"))),
        Arguments.of(
            named(
                "a rollout without groups",
                new Refusal(rollout(), forceDone(), Kind.BAD_PARAMETER, "rollout has no groups"))));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusedTransition(Refusal c) {
    assertThatThrownBy(() -> c.action().apply(c.rollout()))
        .isInstanceOf(TransitionException.class)
        .hasMessage(c.message())
        .satisfies(e -> assertThat(((TransitionException) e).kind()).isEqualTo(c.kind()));
  }

  @Test
  void triggerSetsStartTimeAndCountsFromFreshReports() throws TransitionException {
    Rollout r = trigger(UNSPECIFIED).apply(rollout(group("dev").build(), group("prod").build()));
    GroupStatus g = r.status().group("dev");
    assertThat(g.startTime()).isEqualTo(NOW);
    assertThat(g.initialCount()).isEqualTo(5);
    assertThat(g.presentCount()).isEqualTo(5);
    assertThat(g.upToDateCount()).isEqualTo(1);
    assertThat(r.status().state()).isEqualTo(RolloutState.ACTIVE);
  }

  @Test
  void markDoneKeepsTheStartTime() throws TransitionException {
    Rollout r =
        forceDone()
            .apply(
                rollout(
                    group("dev").state(ACTIVE, Reasons.CAN_START).started(at(0, 12, 0)).build()));
    assertThat(r.status().group("dev").startTime()).isEqualTo(at(0, 12, 0));
    assertThat(r.status().state()).isEqualTo(RolloutState.DONE);
  }

  @Test
  void rollbackOfAllStartedGroupsTakesActiveCanaryAndDone() throws TransitionException {
    Rollout r =
        ManualTransitions.rollback(
            rollout(
                group("a").state(DONE, Reasons.UPDATE_COMPLETE).build(),
                group("b").state(CANARY, Reasons.CAN_START).build(),
                group("c").state(ACTIVE, Reasons.CAN_START).build(),
                group("d").build()),
            List.of(),
            true,
            NOW);
    assertThat(r.status().groups())
        .extracting(GroupStatus::state)
        .containsExactly(ROLLEDBACK, ROLLEDBACK, ROLLEDBACK, UNSTARTED);
    assertThat(r.status().state()).isEqualTo(RolloutState.ROLLEDBACK);
  }
}
