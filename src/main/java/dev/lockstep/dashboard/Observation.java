package dev.lockstep.dashboard;

import dev.lockstep.bump.StatusFiles;
import dev.lockstep.plan.ObservedRollout;
import dev.lockstep.reconcile.Condition;
import dev.lockstep.reconcile.ConditionStatus;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.Reasons;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The observed rollout the timeline draws, from the live rollout a status document records: group
 * states, start times and agent counts, and markers for manual transitions and a halt. A status
 * without a live rollout observed nothing.
 */
public final class Observation {
  private Observation() {}

  /**
   * The observation recorded by {@code status}, made at its {@code updatedAt}; empty when the
   * status holds no live rollout.
   */
  public static Optional<ObservedRollout> of(StatusDocument status) {
    return status
        .rollout()
        .map(
            r -> {
              List<ObservedRollout.Group> groups =
                  r.groups().stream().map(Observation::group).toList();
              return new ObservedRollout(status.updatedAt(), groups, markers(status, groups));
            });
  }

  /**
   * The markers a status shows: each group whose reason is one of Teleport's manual reasons
   * (teleport-semantics §10), and a {@code Halted} condition that holds, on the groups that were
   * moving. {@code start-update} sets the group's start time, so that marker sits at it; Teleport's
   * status keeps no time for {@code mark-done} or {@code rollback} beyond the group's last update,
   * which the status file does not record, so those sit at the observation and say so.
   */
  static List<ObservedRollout.Marker> markers(
      StatusDocument status, List<ObservedRollout.Group> groups) {
    List<ObservedRollout.Marker> out = new ArrayList<>();
    for (ObservedRollout.Group g : groups) {
      Optional<ObservedRollout.Marker.Kind> kind = manualKind(g.reason());
      if (kind.isEmpty()) {
        continue;
      }
      boolean timed = kind.get() == ObservedRollout.Marker.Kind.MANUAL_TRIGGER && g.start() != null;
      String detail =
          kind.get().cause()
              + (timed
                  ? ""
                  : "; seen by this observation (the status does not record when it happened)");
      out.add(
          new ObservedRollout.Marker(
              timed ? g.start() : status.updatedAt(), g.name(), kind.get(), detail));
    }
    halted(status)
        .ifPresent(
            c ->
                haltedGroups(groups)
                    .forEach(
                        g ->
                            out.add(
                                new ObservedRollout.Marker(
                                    c.lastTransitionTime(),
                                    g,
                                    ObservedRollout.Marker.Kind.HALT,
                                    c.reason() + ": " + c.message()))));
    return out;
  }

  /** The {@code Halted} condition when it holds. */
  static Optional<Condition> halted(StatusDocument status) {
    return status.conditions().stream()
        .filter(c -> c.type().equals(StatusFiles.HALTED) && c.status() == ConditionStatus.TRUE)
        .findFirst();
  }

  private static Optional<ObservedRollout.Marker.Kind> manualKind(String reason) {
    return switch (reason) {
      case Reasons.MANUAL_TRIGGER -> Optional.of(ObservedRollout.Marker.Kind.MANUAL_TRIGGER);
      case Reasons.MANUAL_FORCED_DONE -> Optional.of(ObservedRollout.Marker.Kind.MANUAL_DONE);
      case Reasons.MANUAL_ROLLBACK -> Optional.of(ObservedRollout.Marker.Kind.MANUAL_ROLLBACK);
      default -> Optional.empty();
    };
  }

  /**
   * Where a halt is drawn: the groups that were moving (active or canary), else the first group not
   * done, else none.
   */
  private static List<String> haltedGroups(List<ObservedRollout.Group> groups) {
    List<String> moving =
        groups.stream()
            .filter(g -> g.state() == GroupState.ACTIVE || g.state() == GroupState.CANARY)
            .map(ObservedRollout.Group::name)
            .toList();
    if (!moving.isEmpty()) {
      return moving;
    }
    return groups.stream()
        .filter(g -> g.state() != GroupState.DONE)
        .map(ObservedRollout.Group::name)
        .limit(1)
        .toList();
  }

  private static ObservedRollout.Group group(StatusDocument.Group g) {
    GroupState state = state(g.state());
    Instant start = g.startTime().orElse(null);
    return new ObservedRollout.Group(
        g.name(),
        state,
        g.reason(),
        start,
        null,
        g.initialCount(),
        g.presentCount(),
        g.upToDateCount());
  }

  /** The state named by its label ({@code active}, ...); unknown labels are unspecified. */
  static GroupState state(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    for (GroupState s : GroupState.values()) {
      if (s.label().equals(l)) {
        return s;
      }
    }
    return GroupState.UNSPECIFIED;
  }
}
