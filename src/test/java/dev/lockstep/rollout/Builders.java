package dev.lockstep.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Small builders for strategy tests: a group starts as "unstarted, every day at 12:00, created".
 */
final class Builders {
  private Builders() {}

  /** Monday 2026-11-23 00:00 UTC. */
  static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");

  /** {@code MONDAY + days d + hh:mm}. */
  static Instant at(int day, int hour, int minute) {
    return MONDAY
        .plus(Duration.ofDays(day))
        .plus(Duration.ofHours(hour))
        .plus(Duration.ofMinutes(minute));
  }

  static GroupBuilder group(String name) {
    return new GroupBuilder(name);
  }

  static RolloutStatus status(Instant rolloutStart, GroupStatus... groups) {
    return new RolloutStatus(RolloutState.of(List.of(groups)), rolloutStart, null, List.of(groups));
  }

  static RolloutSpec spec(Strategy strategy) {
    return new RolloutSpec(
        "17.1.4",
        "17.2.1",
        Schedule.REGULAR,
        AgentMode.ENABLED,
        strategy,
        strategy == Strategy.TIME_BASED ? Duration.ofHours(2) : Duration.ZERO);
  }

  /**
   * A fleet: one report at {@code at}, by group, of (on target, on start) agents; canary
   * candidates; hosts on target.
   */
  static TestFleet fleet() {
    return new TestFleet(new ArrayList<>(), new HashMap<>(), new java.util.HashSet<>());
  }

  static final class GroupBuilder {
    private final String name;
    private List<String> days = List.of("*");
    private int hour = 12;
    private int wait;
    private int canaryCount;
    private GroupState state = GroupState.UNSTARTED;
    private Instant start;
    private String reason = Reasons.CREATED;
    private long initial;
    private long present;
    private long upToDate;
    private List<Canary> canaries = List.of();

    GroupBuilder(String name) {
      this.name = name;
    }

    GroupBuilder days(String... d) {
      days = Arrays.asList(d);
      return this;
    }

    GroupBuilder hour(int h) {
      hour = h;
      return this;
    }

    GroupBuilder waitHours(int w) {
      wait = w;
      return this;
    }

    GroupBuilder canaryCount(int c) {
      canaryCount = c;
      return this;
    }

    GroupBuilder state(GroupState s, String r) {
      state = s;
      reason = r;
      return this;
    }

    GroupBuilder started(Instant t) {
      start = t;
      return this;
    }

    GroupBuilder counts(long initialCount, long presentCount, long upToDateCount) {
      initial = initialCount;
      present = presentCount;
      upToDate = upToDateCount;
      return this;
    }

    GroupBuilder canaries(Canary... c) {
      canaries = List.of(c);
      return this;
    }

    GroupStatus build() {
      return new GroupStatus(
          name,
          start,
          state,
          MONDAY,
          reason,
          days,
          hour,
          wait,
          initial,
          present,
          upToDate,
          canaryCount,
          canaries);
    }
  }

  /** A mutable-while-building fleet for tests. */
  record TestFleet(
      List<AgentReport> reportList, Map<String, List<Canary>> candidates, Set<String> onTarget)
      implements Fleet {

    /**
     * Adds a report at {@code at}: {@code group} has {@code upToDate} agents on 17.2.1 and {@code
     * other} on 17.1.4.
     */
    TestFleet report(Instant at, String group, long upToDate, long other) {
      Map<String, Long> versions = new HashMap<>();
      if (upToDate > 0) {
        versions.put("17.2.1", upToDate);
      }
      if (other > 0) {
        versions.put("17.1.4", other);
      }
      reportList.add(new AgentReport(at, Map.of(group, versions)));
      return this;
    }

    /** Adds a report at {@code at}: {@code group} has {@code count} agents on {@code version}. */
    TestFleet reportVersion(Instant at, String group, String version, long count) {
      reportList.add(new AgentReport(at, Map.of(group, Map.of(version, count))));
      return this;
    }

    TestFleet candidates(String group, int n) {
      List<Canary> list = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        list.add(
            new Canary("u-" + group + "-" + i, "h-" + group + "-" + i, group + "-" + i, false));
      }
      candidates.put(group, list);
      return this;
    }

    TestFleet onTarget(String... hosts) {
      onTarget.addAll(Arrays.asList(hosts));
      return this;
    }

    @Override
    public List<AgentReport> reports() {
      return reportList;
    }

    @Override
    public List<Canary> canaryCandidates(Predicate<String> memberOf) {
      List<Canary> out = new ArrayList<>();
      candidates.keySet().stream()
          .sorted()
          .filter(memberOf)
          .forEach(g -> out.addAll(candidates.get(g)));
      return out;
    }

    @Override
    public boolean runsVersion(String hostId, String version) {
      return "17.2.1".equals(version) && onTarget.contains(hostId);
    }
  }

  static Canary canary(String group, int i, boolean success) {
    return new Canary("u-" + group + "-" + i, "h-" + group + "-" + i, group + "-" + i, success);
  }
}
