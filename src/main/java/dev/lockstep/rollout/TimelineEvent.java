package dev.lockstep.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of a group's state or reason in a simulation: what {@code last_update_time} would
 * record, with the agent counts the group carries after that run (as {@code tctl autoupdate agents
 * status} shows them).
 *
 * @param at the controller run that made the change
 * @param state the new state
 * @param reason the new reason
 * @param present {@code present_count}: agents of the group in the fresh reports
 * @param upToDate {@code up_to_date_count}: those of them reporting the target version
 */
public record TimelineEvent(
    Instant at, GroupState state, String reason, long present, long upToDate) {
  public TimelineEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
  }
}
