package dev.lockstep.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The agent reports of one observation, split as Teleport splits them: the fresh ones (at most one
 * minute old at the observation, teleport-semantics §9), which the rollout controller and tctl
 * count, and the expired ones, which they ignore and which are only counted here.
 *
 * @param read false when the reports could not be read at all (an observation through the Proxy):
 *     nothing is known about agents then, which is not the same as no agents
 * @param fresh the reports a controller would use, by name
 * @param expired the older ones, by name
 */
public record Reports(boolean read, List<ObservedReport> fresh, List<ObservedReport> expired) {

  /** Nothing read (an observation without tctl). */
  public static final Reports UNREAD = new Reports(false, List.of(), List.of());

  public Reports {
    fresh = List.copyOf(fresh);
    expired = List.copyOf(expired);
    if (!read && (!fresh.isEmpty() || !expired.isEmpty())) {
      throw new IllegalArgumentException("reports that were not read cannot hold any");
    }
  }

  /** Splits {@code all} into fresh and expired at {@code at}, each sorted by report name. */
  public static Reports of(List<ObservedReport> all, Instant at) {
    Objects.requireNonNull(at, "at");
    List<ObservedReport> fresh = new ArrayList<>();
    List<ObservedReport> expired = new ArrayList<>();
    for (ObservedReport r : all) {
      (r.isFresh(at) ? fresh : expired).add(r);
    }
    fresh.sort(java.util.Comparator.comparing(ObservedReport::name));
    expired.sort(java.util.Comparator.comparing(ObservedReport::name));
    return new Reports(true, fresh, expired);
  }

  /** True when at least one fresh report exists: the counts describe the fleet now. */
  public boolean hasFresh() {
    return !fresh.isEmpty();
  }

  /** Agents in the fresh reports, by update group and version, summed over reports and sorted. */
  public Map<String, Map<String, Long>> counts() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (ObservedReport r : fresh) {
      r.groups()
          .forEach(
              (g, versions) ->
                  versions.forEach(
                      (v, n) ->
                          out.computeIfAbsent(g, k -> new TreeMap<>()).merge(v, n, Long::sum)));
    }
    out.replaceAll((g, versions) -> Collections.unmodifiableMap(versions));
    return Collections.unmodifiableMap(out);
  }

  /** Agents in the fresh reports per update group. */
  public Map<String, Long> agentsByGroup() {
    Map<String, Long> out = new TreeMap<>();
    counts()
        .forEach((g, versions) -> out.put(g, versions.values().stream().mapToLong(n -> n).sum()));
    return Collections.unmodifiableMap(out);
  }

  /** Agents in the fresh reports. */
  public long agents() {
    return agentsByGroup().values().stream().mapToLong(n -> n).sum();
  }

  /** Agents the fresh reports left out, summed by reason, sorted by reason. */
  public List<ObservedReport.Omission> omitted() {
    Map<String, Long> byReason = new TreeMap<>();
    for (ObservedReport r : fresh) {
      for (ObservedReport.Omission o : r.omitted()) {
        byReason.merge(o.reason(), o.count(), Long::sum);
      }
    }
    return byReason.entrySet().stream()
        .map(e -> new ObservedReport.Omission(e.getKey(), e.getValue()))
        .toList();
  }
}
