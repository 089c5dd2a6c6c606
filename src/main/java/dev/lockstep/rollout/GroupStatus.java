package dev.lockstep.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One group of the rollout status (teleport-semantics §5.1). Immutable; every change returns a new
 * value.
 *
 * @param name group name
 * @param startTime last entry into active or canary, or null when never started
 * @param state current state
 * @param lastUpdateTime when the state or reason last changed
 * @param lastUpdateReason Teleport's reason string ({@link Reasons})
 * @param configDays copied from the config when the rollout was created
 * @param configStartHour copied from the config
 * @param configWaitHours copied from the config
 * @param initialCount agents counted when the group started
 * @param presentCount agents in the fresh reports
 * @param upToDateCount agents reporting exactly the target version
 * @param canaryCount copied from the config
 * @param canaries sampled canaries
 */
public record GroupStatus(
    String name,
    Instant startTime,
    GroupState state,
    Instant lastUpdateTime,
    String lastUpdateReason,
    List<String> configDays,
    int configStartHour,
    int configWaitHours,
    long initialCount,
    long presentCount,
    long upToDateCount,
    int canaryCount,
    List<Canary> canaries) {

  public GroupStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastUpdateReason, "lastUpdateReason");
    configDays = DayList.of(configDays); // parsed once, not on every window check
    canaries = List.copyOf(canaries);
  }

  /** A new unstarted group, as a new rollout creates it (reason {@code created}). */
  public static GroupStatus created(GroupConfig c, Instant now) {
    return new GroupStatus(
        c.name(),
        null,
        GroupState.UNSTARTED,
        now,
        Reasons.CREATED,
        c.days(),
        c.startHour(),
        c.waitHours(),
        0,
        0,
        0,
        c.canaryCount(),
        List.of());
  }

  /**
   * {@code setGroupState}: a state change sets the state and, into active or canary, the start
   * time; a reason change sets the reason; either one sets {@code last_update_time}. Staying in the
   * same state with the same reason touches nothing (teleport-semantics §7).
   */
  public GroupStatus transition(GroupState newState, String reason, Instant now) {
    boolean stateChanged = newState != state;
    boolean reasonChanged = !reason.equals(lastUpdateReason);
    if (!stateChanged && !reasonChanged) {
      return this;
    }
    Instant start = stateChanged && newState.isStarted() ? now : startTime;
    return new GroupStatus(
        name,
        start,
        newState,
        now,
        reason,
        configDays,
        configStartHour,
        configWaitHours,
        initialCount,
        presentCount,
        upToDateCount,
        canaryCount,
        canaries);
  }

  /** With refreshed agent counts. */
  public GroupStatus withCounts(long present, long upToDate) {
    if (present == presentCount && upToDate == upToDateCount) {
      return this;
    }
    return new GroupStatus(
        name,
        startTime,
        state,
        lastUpdateTime,
        lastUpdateReason,
        configDays,
        configStartHour,
        configWaitHours,
        initialCount,
        present,
        upToDate,
        canaryCount,
        canaries);
  }

  /** With the agent count taken when the group starts. */
  public GroupStatus withInitialCount(long initial) {
    if (initial == initialCount) {
      return this;
    }
    return new GroupStatus(
        name,
        startTime,
        state,
        lastUpdateTime,
        lastUpdateReason,
        configDays,
        configStartHour,
        configWaitHours,
        initial,
        presentCount,
        upToDateCount,
        canaryCount,
        canaries);
  }

  /** With another canary list. */
  public GroupStatus withCanaries(List<Canary> list) {
    if (list.equals(canaries)) {
      return this;
    }
    return new GroupStatus(
        name,
        startTime,
        state,
        lastUpdateTime,
        lastUpdateReason,
        configDays,
        configStartHour,
        configWaitHours,
        initialCount,
        presentCount,
        upToDateCount,
        canaryCount,
        list);
  }

  /** Canaries that ran the target version. */
  public int successfulCanaries() {
    int n = 0;
    for (Canary c : canaries) {
      if (c.success()) {
        n++;
      }
    }
    return n;
  }
}
