package dev.lockstep.rollout;

import dev.lockstep.model.GoDuration;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The simulated agents (issue 3): every group has {@code defaultAgents} agents unless {@code
 * perGroup} says otherwise; an agent runs (and reports) the target version {@code delay} after its
 * group first tells it to update, canaries first, the rest once the canary phase is over. Without
 * reports, groups are done an hour after they start and canaries are never found.
 *
 * @param defaultAgents agents in a group not named in {@code perGroup}
 * @param perGroup agent counts by group name
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
