package dev.lockstep.rollout;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One group's simulated history.
 *
 * @param config the group as the rollout copied it
 * @param catchAll true for the last group, which also serves agents of unknown groups
 * @param agents modelled agents that belong to the group, those of {@code unnamedGroups} included
 * @param unnamedGroups for the last group, the modelled agents whose update group the schedule does
 *     not name, by group name in name order; empty for the other groups
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
    SortedMap<String, Integer> unnamedGroups,
    Instant start,
    Instant done,
    List<TimelineEvent> events,
    Instant newAgentsTarget,
    Instant agentsTold,
    Instant canariesTold) {

  public GroupTimeline {
    Objects.requireNonNull(config, "config");
    unnamedGroups = Collections.unmodifiableSortedMap(new TreeMap<>(unnamedGroups));
    events = List.copyOf(events);
  }

  /** The group name. */
  public String name() {
    return config.name();
  }
}
