package dev.lockstep.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code autoupdate_agent_report} (teleport-semantics §9): agents counted by one Auth server,
 * by update group and version.
 *
 * @param timestamp when it was counted
 * @param groups group name to (agent version to count)
 */
public record AgentReport(Instant timestamp, Map<String, Map<String, Long>> groups) {

  /**
   * How old a report may be for the controller to use it: one minute (teleport-semantics §7 step
   * 1).
   */
  public static final Duration FRESHNESS = Duration.ofMinutes(1);

  public AgentReport {
    Objects.requireNonNull(timestamp, "timestamp");
    groups = Map.copyOf(groups);
  }

  /** True when the controller running at {@code now} counts this report. */
  public boolean isFresh(Instant now) {
    return Duration.between(timestamp, now).compareTo(FRESHNESS) <= 0;
  }
}
