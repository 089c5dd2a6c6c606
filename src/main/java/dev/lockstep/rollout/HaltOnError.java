package dev.lockstep.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code halt-on-error} strategy (teleport-semantics §7): groups in order, each starting in its
 * one-hour window once every earlier group is done and {@code wait_hours} have passed since the
 * previous group's start; an optional canary phase; done when 90 % of the agents that were there at
 * the start are present and 90 % of those present run the target version, or, without reports, more
 * than an hour after the start.
 */
public final class HaltOnError implements RolloutStrategy {

  /** The only instance: the strategy holds no state. */
  public static final HaltOnError INSTANCE = new HaltOnError();

  // hard-coded in Teleport (maxInFlight = 10 %), no per-group setting
  private static final double DONE_THRESHOLD = 0.9;
  private static final Duration NO_REPORT_DONE_AFTER = Duration.ofHours(1);

  /**
   * Teleport's error while the previous group has not started: expected with {@code wait_hours}
   * (the group is marked {@code reconciler_error} and later groups are not evaluated until then).
   */
  public static final String WAIT_HOURS_WITHOUT_PREVIOUS_START =
      "the previous group doesn't have a start time, cannot check the 'wait_hours' criterion";

  private HaltOnError() {}

  @Override
  public StrategyResult progress(RolloutSpec spec, RolloutStatus status, Instant now, Fleet fleet) {
    ReportCounts counts = ReportCounts.of(fleet.reports(), now, spec.targetVersion());
    List<GroupStatus> groups = new ArrayList<>(status.groups());
    boolean previousGroupsAreDone = true;
    for (int i = 0; i < groups.size(); i++) {
      GroupStatus g = counts.refresh(groups, i);
      try {
        switch (g.state()) {
          case UNSTARTED -> {
            boolean canStart = canStart(groups, i, g, now);
            boolean changed =
                Windows.rolloutChangedInWindow(
                    g, now, status.startTime(), Windows.HALT_ON_ERROR_WINDOW);
            if (!previousGroupsAreDone) {
              g = g.transition(GroupState.UNSTARTED, Reasons.PREVIOUS_GROUPS_NOT_DONE, now);
            } else if (!canStart) {
              g = g.transition(GroupState.UNSTARTED, Reasons.CANNOT_START, now);
            } else if (changed) {
              g = g.transition(GroupState.UNSTARTED, Reasons.ROLLOUT_CHANGED_DURING_WINDOW, now);
            } else {
              g = start(g, now, fleet, ReportCounts.members(groups, i));
            }
            previousGroupsAreDone = false;
          }
          case CANARY -> {
            g = sampleCanaries(g, fleet, ReportCounts.members(groups, i));
            g = verifyCanaries(g, spec, fleet);
            g =
                g.successfulCanaries() == g.canaryCount()
                    ? g.transition(GroupState.ACTIVE, Reasons.CANARIES_ARE_ALIVE, now)
                    : g.transition(GroupState.CANARY, Reasons.WAITING_FOR_CANARIES, now);
            previousGroupsAreDone = false;
          }
          case ROLLEDBACK -> previousGroupsAreDone = false;
          case DONE -> {}
          case ACTIVE -> {
            if (isDone(g, now)) {
              g = g.transition(GroupState.DONE, Reasons.UPDATE_COMPLETE, now);
            } else {
              g = g.transition(GroupState.ACTIVE, Reasons.UPDATE_IN_PROGRESS, now);
              previousGroupsAreDone = false;
            }
          }
          default ->
              throw new RolloutException("unknown autoupdate group state " + g.state().label());
        }
      } catch (RolloutException e) {
        // Teleport stops at the first group it cannot evaluate; later groups are left as they were
        groups.set(i, g.transition(g.state(), Reasons.RECONCILER_ERROR, now));
        return new StrategyResult(
            status.withGroups(groups), List.of("group " + g.name() + ": " + e.getMessage()));
      }
      groups.set(i, g);
    }
    return new StrategyResult(status.withGroups(groups), List.of());
  }

  /** {@code canStart}: wait hours since the previous group's start, then the one-hour window. */
  static boolean canStart(List<GroupStatus> groups, int i, GroupStatus g, Instant now) {
    if (g.configWaitHours() != 0) {
      if (i == 0) {
        throw new RolloutException("the first group cannot have non-zero wait hours");
      }
      Instant previousStart = groups.get(i - 1).startTime();
      if (previousStart == null || previousStart.equals(Instant.EPOCH)) {
        throw new RolloutException(WAIT_HOURS_WITHOUT_PREVIOUS_START);
      }
      if (now.isBefore(previousStart.plus(Duration.ofHours(g.configWaitHours())))) {
        return false;
      }
    }
    return Windows.inWindow(g, now, Windows.HALT_ON_ERROR_WINDOW);
  }

  /** {@code startGroup}: counts the agents, then canary (sampling at once) or active. */
  static GroupStatus start(GroupStatus g, Instant now, Fleet fleet, Predicate<String> member) {
    g = g.withInitialCount(g.presentCount());
    if (g.canaryCount() > 0) {
      return sampleCanaries(g.transition(GroupState.CANARY, Reasons.CAN_START, now), fleet, member);
    }
    return g.transition(GroupState.ACTIVE, Reasons.CAN_START, now);
  }

  /** {@code isDone}: the 90 %/90 % rule, or more than an hour after the start without reports. */
  static boolean isDone(GroupStatus g, Instant now) {
    if (g.initialCount() == 0) {
      return g.startTime() != null && g.startTime().plus(NO_REPORT_DONE_AFTER).isBefore(now);
    }
    double present = (double) g.presentCount() / g.initialCount();
    double upToDate = (double) g.upToDateCount() / g.presentCount(); // NaN when nobody is present
    return present >= DONE_THRESHOLD && upToDate >= DONE_THRESHOLD;
  }

  /** {@code injectCanaries}: appends new candidates until the group has {@code canary_count}. */
  static GroupStatus sampleCanaries(GroupStatus g, Fleet fleet, Predicate<String> member) {
    if (g.canaries().size() >= g.canaryCount()) {
      return g;
    }
    List<Canary> list = new ArrayList<>(g.canaries());
    Set<String> known = new HashSet<>();
    list.forEach(c -> known.add(c.updaterId()));
    for (Canary c : fleet.canaryCandidates(member)) {
      if (list.size() >= g.canaryCount()) {
        break;
      }
      if (known.add(c.updaterId())) {
        list.add(c);
      }
    }
    return g.withCanaries(list);
  }

  /** {@code updateCanariesStatus}: a canary succeeds once its host runs the target version. */
  static GroupStatus verifyCanaries(GroupStatus g, RolloutSpec spec, Fleet fleet) {
    try {
      dev.lockstep.model.Version.parseLenient(spec.targetVersion()); // EnsureSemver
    } catch (dev.lockstep.model.InvalidVersionException e) {
      throw new RolloutException("failed to parse target version, rollout is malformed");
    }
    List<Canary> list = new ArrayList<>(g.canaries().size());
    for (Canary c : g.canaries()) {
      list.add(
          !c.success() && fleet.runsVersion(c.hostId(), spec.targetVersion()) ? c.succeeded() : c);
    }
    return g.withCanaries(list);
  }
}
