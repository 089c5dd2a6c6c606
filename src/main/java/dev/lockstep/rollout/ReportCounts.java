package dev.lockstep.rollout;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Agents per reported update group in the fresh agent reports, all of them and those on the target
 * version ({@code countUpToDate}, teleport-semantics §7 step 2 and §9), and which reported groups
 * each rollout group counts ({@code countCatchAll}, §5.4). Both strategies refresh every group's
 * {@code present_count} and {@code up_to_date_count} from these on every run; only halt-on-error
 * acts on them.
 */
final class ReportCounts {
  private final Map<String, Long> present;
  private final Map<String, Long> upToDate;

  private ReportCounts(Map<String, Long> present, Map<String, Long> upToDate) {
    this.present = present;
    this.upToDate = upToDate;
  }

  /**
   * Sums the reports the controller running at {@code now} keeps (at most a minute old). An agent
   * is up to date when its reported version is exactly the string {@code target}.
   */
  static ReportCounts of(List<AgentReport> reports, Instant now, String target) {
    Map<String, Long> present = new HashMap<>();
    Map<String, Long> upToDate = new HashMap<>();
    for (AgentReport r : reports) {
      if (!r.isFresh(now)) {
        continue;
      }
      for (var group : r.groups().entrySet()) {
        long all = 0;
        long onTarget = 0;
        for (var version : group.getValue().entrySet()) {
          all += version.getValue();
          if (version.getKey().equals(target)) {
            onTarget += version.getValue();
          }
        }
        present.merge(group.getKey(), all, Long::sum);
        upToDate.merge(group.getKey(), onTarget, Long::sum);
      }
    }
    return new ReportCounts(present, upToDate);
  }

  /**
   * The reported group names that rollout group {@code i} counts: its own name, or for the last
   * (catch-all) group every name that is not one of the other groups' names.
   */
  static Predicate<String> members(List<GroupStatus> groups, int i) {
    int last = groups.size() - 1;
    if (i != last) {
      return groups.get(i).name()::equals;
    }
    Set<String> others = new HashSet<>();
    for (int j = 0; j < last; j++) {
      others.add(groups.get(j).name());
    }
    return name -> !others.contains(name);
  }

  /** Group {@code i} of {@code groups} with its counts refreshed from these reports. */
  GroupStatus refresh(List<GroupStatus> groups, int i) {
    GroupStatus g = groups.get(i);
    if (i != groups.size() - 1) {
      return g.withCounts(present.getOrDefault(g.name(), 0L), upToDate.getOrDefault(g.name(), 0L));
    }
    Predicate<String> members = members(groups, i);
    return g.withCounts(sum(present, members), sum(upToDate, members));
  }

  private static long sum(Map<String, Long> m, Predicate<String> members) {
    long n = 0;
    for (var e : m.entrySet()) {
      if (members.test(e.getKey())) {
        n += e.getValue();
      }
    }
    return n;
  }
}
