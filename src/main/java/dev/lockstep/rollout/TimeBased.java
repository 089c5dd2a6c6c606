package dev.lockstep.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code time-based} strategy (teleport-semantics §8): independent groups, active while inside
 * their window ({@code spec.maintenance_window_duration}), done outside it, and active again in
 * every later window. No canaries or wait hours. Like halt-on-error it refreshes every group's
 * present and up-to-date counts from the fresh agent reports on every run (the last group counting
 * agents of groups the schedule does not name), but no transition depends on them and no initial
 * count is taken.
 */
public final class TimeBased implements RolloutStrategy {

  /** The only instance: the strategy holds no state. */
  public static final TimeBased INSTANCE = new TimeBased();

  private TimeBased() {}

  @Override
  public StrategyResult progress(RolloutSpec spec, RolloutStatus status, Instant now, Fleet fleet) {
    ReportCounts counts = ReportCounts.of(fleet.reports(), now, spec.targetVersion());
    List<GroupStatus> groups = new ArrayList<>(status.groups());
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      GroupStatus g = counts.refresh(groups, i);
      try {
        groups.set(i, progress(spec, status, g, now));
      } catch (RolloutException e) {
        // one failing group does not stop the others (aggregate error)
        errors.add("group " + g.name() + ": " + e.getMessage());
        groups.set(i, g.transition(g.state(), Reasons.RECONCILER_ERROR, now));
      }
    }
    return new StrategyResult(status.withGroups(groups), errors);
  }

  private static GroupStatus progress(
      RolloutSpec spec, RolloutStatus status, GroupStatus g, Instant now) {
    var window = spec.maintenanceWindowDuration();
    switch (g.state()) {
      case UNSTARTED, DONE -> {
        if (!Windows.inWindow(g, now, window)) {
          return g.transition(g.state(), Reasons.OUTSIDE_WINDOW, now);
        }
        if (Windows.rolloutChangedInWindow(g, now, status.startTime(), window)) {
          return g.transition(g.state(), Reasons.ROLLOUT_CHANGED_DURING_WINDOW, now);
        }
        // done groups come back in every later window so that agents that missed one catch up
        return g.transition(GroupState.ACTIVE, Reasons.IN_WINDOW, now);
      }
      case ACTIVE -> {
        return Windows.inWindow(g, now, window)
            ? g.transition(GroupState.ACTIVE, Reasons.IN_WINDOW, now)
            : g.transition(GroupState.DONE, Reasons.OUTSIDE_WINDOW, now);
      }
      case ROLLEDBACK -> {
        return g;
      }
      default -> throw new RolloutException("unknown autoupdate group state " + g.state().label());
    }
  }
}
