package dev.lockstep.dashboard;

import dev.lockstep.plan.ObservedRollout;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.rollout.GroupState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The observed rollout the timeline draws, from the live rollout a status document records: group
 * states, start times and agent counts. A status without a live rollout observed nothing.
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
            r ->
                new ObservedRollout(
                    status.updatedAt(),
                    r.groups().stream().map(Observation::group).toList(),
                    List.of()));
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
