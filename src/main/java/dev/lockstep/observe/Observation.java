package dev.lockstep.observe;

import dev.lockstep.rollout.GroupStatus;
import dev.lockstep.rollout.Rollout;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One look at a cluster's live rollout, as a target made it.
 *
 * @param at when it was made: report freshness and check windows are measured from here
 * @param source how it was made
 * @param rollout the live {@code autoupdate_agent_rollout}; empty when the cluster has none (no
 *     {@code autoupdate_version} agents section) or the source cannot read it ({@link
 *     ObservationSource#PROXY_FIND})
 * @param reports the {@code autoupdate_agent_report}s
 * @param finds what each group is told, for {@link ObservationSource#PROXY_FIND}; else empty
 * @param notes things worth saying about what was read (an enum value Lockstep does not know, read
 *     as unspecified), in plain words
 */
public record Observation(
    Instant at,
    ObservationSource source,
    Optional<Rollout> rollout,
    Reports reports,
    List<GroupFind> finds,
    List<String> notes) {

  public Observation {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(reports, "reports");
    finds = List.copyOf(finds);
    notes = List.copyOf(notes);
  }

  /** A full observation through tctl. */
  public static Observation ofTctl(
      Instant at, Optional<Rollout> rollout, Reports reports, List<String> notes) {
    return new Observation(at, ObservationSource.TCTL, rollout, reports, List.of(), notes);
  }

  /** A degraded observation through the Proxy: what each group is told, nothing more. */
  public static Observation ofFinds(Instant at, List<GroupFind> finds) {
    return new Observation(
        at, ObservationSource.PROXY_FIND, Optional.empty(), Reports.UNREAD, finds, List.of());
  }

  /**
   * Agents in the fresh reports whose update group the rollout does not name, by group: Teleport
   * counts and updates them with the last group (teleport-semantics §5.4). Empty without a rollout
   * or without fresh reports.
   */
  public Map<String, Long> undefinedGroups() {
    Map<String, Long> out = new TreeMap<>();
    if (rollout.isEmpty() || rollout.get().status().groups().isEmpty()) {
      return out;
    }
    Set<String> named = new LinkedHashSet<>();
    for (GroupStatus g : rollout.get().status().groups()) {
      named.add(g.name());
    }
    reports
        .agentsByGroup()
        .forEach(
            (g, n) -> {
              if (!named.contains(g) && n > 0) {
                out.put(g, n);
              }
            });
    return out;
  }
}
