package dev.lockstep.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One group's simulated history.
 *
 * @param config the group as the rollout copied it
 * @param catchAll true for the last group, which also serves agents of unknown groups
 * @param agents modelled agents
 * @param start first entry into canary or active, or null if never within the horizon
 * @param done first entry into done, or null
 * @param events every state or reason change; the first is what the group shows after the creation
 *     run ({@code created} only when the strategy did not reach the group in that run)
 * @param newAgentsTarget from when {@code /webapi/find} serves the target version to this group
 *     (new installs use it), or null
 * @param agentsTold from when existing agents are told to update to the target, or null
 * @param canariesTold from when the group's canaries are told to update, or null
 */
public record GroupTimeline(
    GroupConfig config,
    boolean catchAll,
    int agents,
    Instant start,
    Instant done,
    List<TimelineEvent> events,
    Instant newAgentsTarget,
    Instant agentsTold,
    Instant canariesTold) {

  public GroupTimeline {
    Objects.requireNonNull(config, "config");
    events = List.copyOf(events);
  }

  /** The group name. */
  public String name() {
    return config.name();
  }
}
