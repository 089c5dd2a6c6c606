package dev.lockstep.observe;

import dev.lockstep.rollout.AgentReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One {@code autoupdate_agent_report} (teleport-semantics §9): the agents one Auth server counted,
 * by update group and version, and those it left out with the reason.
 *
 * @param name {@code metadata.name}: the reporting Auth server's host ID
 * @param timestamp {@code spec.timestamp}: when it counted
 * @param groups update group to (agent version to count), sorted by name
 * @param omitted agents left out of the counts, with Teleport's human reason
 */
public record ObservedReport(
    String name, Instant timestamp, Map<String, Map<String, Long>> groups, List<Omission> omitted) {

  /**
   * Agents a report left out (teleport-semantics §9: "agent has no updater", "updater is pinning a
   * specific version", ...).
   *
   * @param reason Teleport's text
   * @param count how many
   */
  public record Omission(String reason, long count) {
    public Omission {
      Objects.requireNonNull(reason, "reason");
    }
  }

  public ObservedReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(timestamp, "timestamp");
    Map<String, Map<String, Long>> sorted = new TreeMap<>();
    groups.forEach((g, versions) -> sorted.put(g, Map.copyOf(new TreeMap<>(versions))));
    groups = java.util.Collections.unmodifiableMap(sorted);
    omitted = List.copyOf(omitted);
  }

  /** The counts as the rollout controller reads them. */
  public AgentReport counts() {
    return new AgentReport(timestamp, groups);
  }

  /**
   * True when a controller or tctl at {@code at} uses this report: at most one minute old
   * (teleport-semantics §9).
   */
  public boolean isFresh(Instant at) {
    return counts().isFresh(at);
  }
}
