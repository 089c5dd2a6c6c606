package dev.lockstep.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of a group's state or reason in a simulation: what {@code last_update_time} would
 * record.
 *
 * @param at the controller run that made the change
 * @param state the new state
 * @param reason the new reason
 */
public record TimelineEvent(Instant at, GroupState state, String reason) {
  public TimelineEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
  }
}
