package dev.lockstep.health.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rollout to record: the cluster's schedule, its agents and what goes wrong. A plain value; the
 * {@link Recorder} plays it through Teleport's own controller logic ({@link
 * dev.lockstep.rollout.RolloutController}) minute by minute.
 *
 * @param name the recording's folder name
 * @param groups the schedule, in order
 * @param timeBased the time-based strategy (else halt-on-error)
 * @param window the time-based window
 * @param start when the recording starts (the rollout is created at the first controller run)
 * @param length how long it runs
 * @param every a sample every so often
 * @param seed the random seed (delays, churn, canary choice)
 * @param minDelay an agent updates at least this long after it is told to
 * @param maxDelay and at most this long
 * @param churn the share of each group's agents that flap (disconnect and come back) at any time
 * @param trouble what goes wrong
 */
record Scenario(
    String name,
    List<GroupSpec> groups,
    boolean timeBased,
    Duration window,
    Instant start,
    Duration length,
    Duration every,
    long seed,
    Duration minDelay,
    Duration maxDelay,
    double churn,
    List<Trouble> trouble) {

  Scenario {
    Objects.requireNonNull(name);
    groups = List.copyOf(groups);
    trouble = List.copyOf(trouble);
  }

  /**
   * One update group and its agents.
   *
   * @param name group name
   * @param startHour UTC start hour
   * @param waitHours hours after the previous group's start
   * @param canaryCount canaries (halt-on-error)
   * @param agents agents reporting this group
   */
  record GroupSpec(String name, int startHour, int waitHours, int canaryCount, int agents) {}

  /** Something that goes wrong, from {@code from} on. */
  sealed interface Trouble {
    /** The group's canaries never run the new version (their updater fails). */
    record StuckCanaries(String group) implements Trouble {}

    /** Only {@code share} of the group's agents ever update; the others stay behind. */
    record StallAt(String group, double share) implements Trouble {}

    /** {@code share} of the group's agents disconnect for good once the group has started. */
    record Attrition(String group, double share) implements Trouble {}

    /** From {@code from} on, Auth servers stop refreshing their reports (they expire). */
    record ReportsFreeze(Instant from) implements Trouble {}

    /** tctl fails on the samples at these instants (API errors). */
    record ApiErrors(List<Instant> at) implements Trouble {}

    /** At {@code at} the target version changes, which resets the rollout mid-way. */
    record Reset(Instant at, String newTarget) implements Trouble {}

    /** {@code agents} agents report group {@code group}, which the schedule does not name. */
    record UndefinedGroup(String group, int agents) implements Trouble {}
  }

  /** A healthy halt-on-error scenario to start from. */
  static Builder builder(String name) {
    return new Builder(name);
  }

  /** Fluent construction for tests. */
  static final class Builder {
    private final String name;
    private final List<GroupSpec> groups = new ArrayList<>();
    private boolean timeBased;
    private Duration window = Duration.ZERO;
    private Instant start = Instant.parse("2026-11-23T09:55:00Z"); // a Monday
    private Duration length = Duration.ofHours(4);
    private Duration every = Duration.ofMinutes(5);
    private long seed = 1;
    private Duration minDelay = Duration.ofMinutes(2);
    private Duration maxDelay = Duration.ofMinutes(12);
    private double churn;
    private final List<Trouble> trouble = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    Builder group(String name, int startHour, int waitHours, int canaries, int agents) {
      groups.add(new GroupSpec(name, startHour, waitHours, canaries, agents));
      return this;
    }

    Builder timeBased(Duration window) {
      timeBased = true;
      this.window = window;
      return this;
    }

    Builder start(Instant t) {
      start = t;
      return this;
    }

    Builder length(Duration d) {
      length = d;
      return this;
    }

    Builder every(Duration d) {
      every = d;
      return this;
    }

    Builder seed(long s) {
      seed = s;
      return this;
    }

    Builder delays(Duration min, Duration max) {
      minDelay = min;
      maxDelay = max;
      return this;
    }

    Builder churn(double share) {
      churn = share;
      return this;
    }

    Builder trouble(Trouble t) {
      trouble.add(t);
      return this;
    }

    Scenario build() {
      return new Scenario(
          name, groups, timeBased, window, start, length, every, seed, minDelay, maxDelay, churn,
          trouble);
    }
  }
}
