package dev.lockstep.observe;

import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.Canary;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.GroupStatus;
import dev.lockstep.rollout.Rollout;
import dev.lockstep.rollout.RolloutState;
import dev.lockstep.rollout.Strategy;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The compact form of one observation that a {@link SampleHistory} keeps: per group the state,
 * reason, times, counts and canaries; of the reports only how many were fresh and which groups the
 * schedule does not name. Everything a health check judges is here, so a history can be judged
 * again after a restart.
 *
 * @param at when the observation was made
 * @param source how
 * @param error why the observation failed (the cluster could not be read); empty when it did not
 * @param rollout the rollout seen; empty when there is none, it could not be read, or the
 *     observation failed
 * @param reports what the agent reports said
 */
public record Sample(
    Instant at,
    ObservationSource source,
    Optional<String> error,
    Optional<RolloutSample> rollout,
    ReportsSample reports) {

  public Sample {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(reports, "reports");
  }

  /**
   * The rollout part of a sample.
   *
   * @param startTime {@code status.start_time}: with the versions, what tells one rollout from the
   *     next (a reset sets it again, teleport-semantics §5.3); null when unset
   * @param startVersion {@code spec.start_version}
   * @param targetVersion {@code spec.target_version}
   * @param strategy {@code spec.strategy}
   * @param mode {@code spec.autoupdate_mode}
   * @param state {@code status.state}
   * @param groups the groups, in rollout order (the last one is the catch-all)
   */
  public record RolloutSample(
      Instant startTime,
      String startVersion,
      String targetVersion,
      Strategy strategy,
      AgentMode mode,
      RolloutState state,
      List<GroupSample> groups) {
    public RolloutSample {
      Objects.requireNonNull(startVersion, "startVersion");
      Objects.requireNonNull(targetVersion, "targetVersion");
      Objects.requireNonNull(strategy, "strategy");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(state, "state");
      groups = List.copyOf(groups);
    }

    /** True when {@code other} is the same rollout: same start time and versions. */
    public boolean sameRollout(RolloutSample other) {
      return other != null
          && Objects.equals(startTime, other.startTime)
          && startVersion.equals(other.startVersion)
          && targetVersion.equals(other.targetVersion);
    }

    /** The group of that name. */
    public Optional<GroupSample> group(String name) {
      return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The last group's name: the catch-all (teleport-semantics §5.4); "" without groups. */
    public String catchAll() {
      return groups.isEmpty() ? "" : groups.get(groups.size() - 1).name();
    }
  }

  /**
   * One group of a sample.
   *
   * @param name the group name
   * @param state its state
   * @param reason its {@code last_update_reason}
   * @param startTime its last entry into active or canary; null when never started
   * @param lastUpdateTime when its state or reason last changed; null when unset
   * @param initial agents counted when it started
   * @param present agents present now (Teleport's count)
   * @param upToDate present agents on the target version (Teleport's count)
   * @param canaryCount canaries it needs
   * @param canaries its sampled canaries
   */
  public record GroupSample(
      String name,
      GroupState state,
      String reason,
      Instant startTime,
      Instant lastUpdateTime,
      long initial,
      long present,
      long upToDate,
      int canaryCount,
      List<CanarySample> canaries) {
    public GroupSample {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(reason, "reason");
      canaries = List.copyOf(canaries);
    }

    /** Canaries that run the target version. */
    public long successfulCanaries() {
      return canaries.stream().filter(CanarySample::success).count();
    }
  }

  /**
   * A canary as tctl prints it.
   *
   * @param hostname the agent's host name
   * @param hostId its server ID
   * @param success true once it ran the target version
   */
  public record CanarySample(String hostname, String hostId, boolean success) {
    public CanarySample {
      Objects.requireNonNull(hostname, "hostname");
      Objects.requireNonNull(hostId, "hostId");
    }
  }

  /**
   * The reports part of a sample.
   *
   * @param read false when the reports were not read (an observation through the Proxy, or a failed
   *     one)
   * @param fresh reports at most one minute old
   * @param expired older reports
   * @param agents agents in the fresh reports
   * @param undefinedGroups agents of the fresh reports in groups the rollout does not name, by
   *     group
   */
  public record ReportsSample(
      boolean read, int fresh, int expired, long agents, Map<String, Long> undefinedGroups) {

    /** Nothing read. */
    public static final ReportsSample UNREAD = new ReportsSample(false, 0, 0, 0, Map.of());

    public ReportsSample {
      undefinedGroups = Collections.unmodifiableMap(new TreeMap<>(undefinedGroups));
    }

    /** True when the counts describe the fleet now: read, with at least one fresh report. */
    public boolean hasFresh() {
      return read && fresh > 0;
    }
  }

  /** The sample of an observation. */
  public static Sample of(Observation o) {
    ReportsSample reports =
        o.reports().read()
            ? new ReportsSample(
                true,
                o.reports().fresh().size(),
                o.reports().expired().size(),
                o.reports().agents(),
                o.undefinedGroups())
            : ReportsSample.UNREAD;
    return new Sample(
        o.at(), o.source(), Optional.empty(), o.rollout().map(Sample::rolloutOf), reports);
  }

  /** The sample of an observation that failed with {@code error} (a message without secrets). */
  public static Sample failed(Instant at, ObservationSource source, String error) {
    return new Sample(at, source, Optional.of(error), Optional.empty(), ReportsSample.UNREAD);
  }

  private static RolloutSample rolloutOf(Rollout r) {
    return new RolloutSample(
        r.status().startTime(),
        r.spec().startVersion(),
        r.spec().targetVersion(),
        r.spec().strategy(),
        r.spec().mode(),
        r.status().state(),
        r.status().groups().stream().map(Sample::groupOf).toList());
  }

  private static GroupSample groupOf(GroupStatus g) {
    return new GroupSample(
        g.name(),
        g.state(),
        g.lastUpdateReason(),
        g.startTime(),
        g.lastUpdateTime(),
        g.initialCount(),
        g.presentCount(),
        g.upToDateCount(),
        g.canaryCount(),
        g.canaries().stream().map(Sample::canaryOf).toList());
  }

  private static CanarySample canaryOf(Canary c) {
    return new CanarySample(c.hostname(), c.hostId(), c.success());
  }

  /** True when the rollout was read: the observation went through tctl and did not fail. */
  public boolean readsRollout() {
    return error.isEmpty() && source == ObservationSource.TCTL;
  }

  /**
   * True when the agent counts describe the fleet now: the rollout was read and at least one agent
   * report was fresh (Teleport recounts from fresh reports only, teleport-semantics §9).
   */
  public boolean readsCounts() {
    return readsRollout() && reports.hasFresh();
  }
}
