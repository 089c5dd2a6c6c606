package dev.lockstep.observe;

import dev.lockstep.plan.ObservedRollout;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.Reasons;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a sample history into the "actual" lanes of the plan picture ({@link ObservedRollout}): the
 * newest sample's groups, and a marker for each manual transition seen during that rollout
 * (teleport-semantics §10). Pure.
 */
public final class ObservedRollouts {
  private ObservedRollouts() {}

  /**
   * The picture's input for the newest rollout in {@code history}; {@link ObservedRollout#NONE}
   * when no sample holds a rollout.
   */
  public static ObservedRollout of(SampleHistory history) {
    Sample.RolloutSample current = null;
    Instant at = null;
    for (Sample s : history.samples()) {
      if (s.rollout().isPresent()) {
        current = s.rollout().get();
        at = s.at();
      }
    }
    if (current == null) {
      return ObservedRollout.NONE;
    }
    List<ObservedRollout.Group> groups = new ArrayList<>();
    for (Sample.GroupSample g : current.groups()) {
      groups.add(
          new ObservedRollout.Group(
              g.name(),
              g.state(),
              g.reason(),
              g.startTime(),
              g.state() == GroupState.DONE ? g.lastUpdateTime() : null,
              g.initial(),
              g.present(),
              g.upToDate()));
    }
    List<ObservedRollout.Marker> markers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Sample s : history.samples()) {
      if (s.rollout().isEmpty() || !s.rollout().get().sameRollout(current)) {
        continue;
      }
      for (Sample.GroupSample g : s.rollout().get().groups()) {
        ObservedRollout.Marker.Kind kind = manualKind(g.reason());
        if (kind != null
            && g.lastUpdateTime() != null
            && seen.add(g.name() + "\n" + g.reason() + "\n" + g.lastUpdateTime())) {
          markers.add(new ObservedRollout.Marker(g.lastUpdateTime(), g.name(), kind, ""));
        }
      }
    }
    return new ObservedRollout(at, groups, markers);
  }

  private static ObservedRollout.Marker.Kind manualKind(String reason) {
    return switch (reason) {
      case Reasons.MANUAL_TRIGGER -> ObservedRollout.Marker.Kind.MANUAL_TRIGGER;
      case Reasons.MANUAL_FORCED_DONE -> ObservedRollout.Marker.Kind.MANUAL_DONE;
      case Reasons.MANUAL_ROLLBACK -> ObservedRollout.Marker.Kind.MANUAL_ROLLBACK;
      default -> null;
    };
  }
}
