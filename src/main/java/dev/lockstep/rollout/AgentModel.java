package dev.lockstep.rollout;

import dev.lockstep.model.GoDuration;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The simulated agents (issue 3): every group has {@code defaultAgents} agents unless {@code
 * perGroup} says otherwise; an agent runs (and reports) the target version {@code delay} after its
 * group first tells it to update, canaries first, the rest once the canary phase is over. Without
 * reports, groups are done an hour after they start and canaries are never found. A {@code
 * perGroup} name the schedule does not have is a group of agents that Teleport's controller treats
 * as members of the last group (teleport-semantics §5.4).
 *
 * @param defaultAgents agents in a group not named in {@code perGroup}
 * @param perGroup agent counts by update group name, as the agents report it
 * @param delay time from "told to update" to "reports the target version"
 * @param reports false to model a cluster whose agents send no reports
 */
public record AgentModel(
    int defaultAgents, Map<String, Integer> perGroup, Duration delay, boolean reports) {

  /** 10 agents per group, 10 minutes, with reports. */
  public static final AgentModel DEFAULT =
      new AgentModel(10, Map.of(), Duration.ofMinutes(10), true);

  public AgentModel {
    if (defaultAgents < 0) {
      throw new IllegalArgumentException("agent count cannot be negative");
    }
    perGroup = Map.copyOf(perGroup);
    perGroup
        .values()
        .forEach(
            n -> {
              if (n < 0) {
                throw new IllegalArgumentException("agent count cannot be negative");
              }
            });
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("agent delay cannot be negative");
    }
  }

  /** Agents in that group. */
  public int agents(String group) {
    return perGroup.getOrDefault(group, defaultAgents);
  }

  /**
   * The agents whose update group is none of {@code scheduled}, by group name in name order; groups
   * of no agent are left out.
   */
  public SortedMap<String, Integer> unnamed(Collection<String> scheduled) {
    SortedMap<String, Integer> out = new TreeMap<>();
    perGroup.forEach(
        (name, n) -> {
          if (n > 0 && !scheduled.contains(name)) {
            out.put(name, n);
          }
        });
    return Collections.unmodifiableSortedMap(out);
  }

  /** One sentence stating the model, for the plan. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(defaultAgents).append(defaultAgents == 1 ? " agent" : " agents").append(" per group");
    if (!perGroup.isEmpty()) {
      b.append(" (");
      String sep = "";
      for (var e : new TreeMap<>(perGroup).entrySet()) {
        b.append(sep).append(e.getKey()).append('=').append(e.getValue());
        sep = ", ";
      }
      b.append(')');
    }
    if (reports) {
      b.append("; an agent reports the target version ")
          .append(GoDuration.human(delay))
          .append(
              " after its group tells it to update (canaries first, the rest after the canary phase)");
    } else {
      b.append(
          "; no agent reports: a group is done at the first controller run more than 1h after it started,"
              + " and canary groups never leave the canary phase (no canary can be sampled)");
    }
    return b.toString();
  }
}
