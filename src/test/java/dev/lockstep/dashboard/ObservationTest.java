package dev.lockstep.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.bump.StatusFiles;
import dev.lockstep.finding.Findings;
import dev.lockstep.plan.ObservedRollout;
import dev.lockstep.reconcile.Condition;
import dev.lockstep.reconcile.ConditionStatus;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.rollout.Reasons;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The markers a status document puts on the timeline: Teleport's manual reasons on the groups they
 * name, and a standing Halted condition on the groups that were moving, each at the time the status
 * can vouch for.
 */
class ObservationTest {
  static final Instant UPDATED = Instant.parse("2026-11-24T12:40:00Z");
  static final Instant STARTED = Instant.parse("2026-11-24T12:05:00Z");
  static final Instant HALTED_AT = Instant.parse("2026-11-24T12:30:00Z");

  /** One row: the groups (name, state, reason), the conditions, the markers expected. */
  record Case(
      List<StatusDocument.Group> groups, List<Condition> conditions, List<String> expected) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "no manual reason and no halt: no marker",
            List.of(
                group("dev", "done", Reasons.UPDATE_COMPLETE),
                group("prod", "active", Reasons.UPDATE_IN_PROGRESS)),
            List.of(),
            List.of()),
        row(
            "start-update: at the group's start time, which Teleport sets to the trigger",
            List.of(group("dev", "active", Reasons.MANUAL_TRIGGER)),
            List.of(),
            List.of("dev MANUAL_TRIGGER " + STARTED + " tctl autoupdate agents start-update")),
        row(
            "mark-done: at the observation, saying the time is not recorded",
            List.of(group("dev", "done", Reasons.MANUAL_FORCED_DONE)),
            List.of(),
            List.of(
                "dev MANUAL_DONE "
                    + UPDATED
                    + " tctl autoupdate agents mark-done; seen by this observation (the status does"
                    + " not record when it happened)")),
        row(
            "rollback: at the observation, saying the time is not recorded",
            List.of(group("staging", "rolledback", Reasons.MANUAL_ROLLBACK)),
            List.of(),
            List.of(
                "staging MANUAL_ROLLBACK "
                    + UPDATED
                    + " tctl autoupdate agents rollback; seen by this observation (the status does"
                    + " not record when it happened)")),
        row(
            "Halted true: on each moving group, at the condition's transition, with its reason",
            List.of(
                group("dev", "done", Reasons.UPDATE_COMPLETE),
                group("staging", "active", Reasons.UPDATE_IN_PROGRESS),
                group("qa", "canary", Reasons.WAITING_FOR_CANARIES),
                group("prod", "unstarted", Reasons.PREVIOUS_GROUPS_NOT_DONE)),
            List.of(halted(ConditionStatus.TRUE)),
            List.of(
                "staging HALT " + HALTED_AT + " CheckFailed: 4 of 10 agents up to date",
                "qa HALT " + HALTED_AT + " CheckFailed: 4 of 10 agents up to date")),
        row(
            "Halted true with nothing moving: on the first group not done",
            List.of(
                group("dev", "done", Reasons.UPDATE_COMPLETE),
                group("staging", "unstarted", Reasons.PREVIOUS_GROUPS_NOT_DONE),
                group("prod", "unstarted", Reasons.PREVIOUS_GROUPS_NOT_DONE)),
            List.of(halted(ConditionStatus.TRUE)),
            List.of("staging HALT " + HALTED_AT + " CheckFailed: 4 of 10 agents up to date")),
        row(
            "Halted false: no halt marker",
            List.of(group("staging", "active", Reasons.UPDATE_IN_PROGRESS)),
            List.of(halted(ConditionStatus.FALSE)),
            List.of()),
        row(
            "a halt after a manual rollback: both",
            List.of(
                group("dev", "active", Reasons.UPDATE_IN_PROGRESS),
                group("staging", "rolledback", Reasons.MANUAL_ROLLBACK)),
            List.of(halted(ConditionStatus.TRUE)),
            List.of(
                "staging MANUAL_ROLLBACK "
                    + UPDATED
                    + " tctl autoupdate agents rollback; seen by this observation (the status does"
                    + " not record when it happened)",
                "dev HALT " + HALTED_AT + " CheckFailed: 4 of 10 agents up to date")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void statusMarkers(Case c) {
    ObservedRollout observed = Observation.of(status(c.groups(), c.conditions())).orElseThrow();
    assertThat(observed.at()).isEqualTo(UPDATED);
    assertThat(observed.markers())
        .extracting(m -> m.group() + " " + m.kind() + " " + m.at() + " " + m.detail())
        .containsExactlyElementsOf(c.expected());
  }

  @Test
  void aStatusWithoutALiveRolloutObservesNothingEvenWhenHalted() {
    StatusDocument s = status(List.of(halted(ConditionStatus.TRUE)), Optional.empty());
    assertThat(Observation.of(s)).isEmpty();
  }

  private static Arguments row(
      String name,
      List<StatusDocument.Group> groups,
      List<Condition> conditions,
      List<String> expected) {
    return Arguments.of(Named.of(name, new Case(groups, conditions, expected)));
  }

  private static StatusDocument.Group group(String name, String state, String reason) {
    return new StatusDocument.Group(name, state, reason, Optional.of(STARTED), 10, 10, 4);
  }

  private static Condition halted(ConditionStatus status) {
    return new Condition(
        StatusFiles.HALTED,
        status,
        "CheckFailed",
        "4 of 10 agents up to date",
        "main@1a2b3c4d",
        HALTED_AT);
  }

  private static StatusDocument status(
      List<StatusDocument.Group> groups, List<Condition> conditions) {
    return status(
        conditions,
        Optional.of(
            new StatusDocument.Rollout(
                "active", "17.5.1", "17.5.2", "halt-on-error", Optional.of(STARTED), groups)));
  }

  private static StatusDocument status(
      List<Condition> conditions, Optional<StatusDocument.Rollout> rollout) {
    return new StatusDocument(
        "prod",
        UPDATED,
        PagesTest.source(),
        conditions,
        List.of(),
        Findings.NONE,
        rollout,
        List.of(),
        List.of());
  }
}
