package dev.lockstep.rollout;

import dev.lockstep.rollout.TransitionException.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code tctl autoupdate agents start-update | mark-done | rollback} (teleport-semantics §10): pure
 * functions from a rollout to the rollout Teleport would write, or a {@link TransitionException}
 * with Teleport's message (nothing is written then). They bypass windows, wait hours and the
 * "previous groups done" rule.
 */
public final class ManualTransitions {
  private ManualTransitions() {}

  /**
   * {@code TriggerAutoUpdateAgentGroup}: from unspecified, unstarted or rolled back to canary (when
   * the group has a canary count; the newest rule, teleport-semantics §20 item 4) or active. {@code
   * desired} is {@link GroupState#UNSPECIFIED} (default), {@link GroupState#ACTIVE} ({@code
   * --force}: no canaries) or {@link GroupState#CANARY}.
   */
  public static Rollout trigger(
      Rollout rollout, List<String> groups, GroupState desired, Instant now, Fleet fleet)
      throws TransitionException {
    checkCommon(rollout);
    if (desired != GroupState.UNSPECIFIED
        && desired != GroupState.ACTIVE
        && desired != GroupState.CANARY) {
      throw new TransitionException(
          Kind.BAD_PARAMETER, "unsupported desired state " + desired.label());
    }
    List<GroupStatus> list = new ArrayList<>(rollout.status().groups());
    ReportCounts counts = ReportCounts.of(fleet.reports(), now, rollout.spec().targetVersion());
    for (int i : indexes(list, groups)) {
      GroupStatus g = list.get(i);
      switch (g.state()) {
        case UNSPECIFIED, UNSTARTED, ROLLEDBACK -> {}
        case ACTIVE ->
            throw new TransitionException(
                Kind.ALREADY_EXISTS, "group \"" + g.name() + "\" is already active");
        case DONE ->
            throw new TransitionException(
                Kind.ALREADY_EXISTS, "group \"" + g.name() + "\" is already done");
        default ->
            throw new TransitionException(
                Kind.BAD_PARAMETER, "group \"" + g.name() + "\" is in unexpected state");
      }
      GroupState target =
          desired == GroupState.UNSPECIFIED
              ? (g.canaryCount() > 0 ? GroupState.CANARY : GroupState.ACTIVE)
              : desired;
      // the source states are never active or canary, so the transition always sets start_time
      list.set(i, g.transition(target, Reasons.MANUAL_TRIGGER, now));
      GroupStatus moved = counts.refresh(list, i);
      list.set(i, moved.withInitialCount(moved.presentCount()));
    }
    return rollout.withStatus(rollout.status().withGroups(list).withComputedState());
  }

  /** {@code ForceAutoUpdateAgentGroup}: any state but done to done ({@code manual_forced_done}). */
  public static Rollout forceDone(Rollout rollout, List<String> groups, Instant now)
      throws TransitionException {
    checkCommon(rollout);
    List<GroupStatus> list = new ArrayList<>(rollout.status().groups());
    for (int i : indexes(list, groups)) {
      GroupStatus g = list.get(i);
      if (g.state() == GroupState.DONE) {
        throw new TransitionException(
            Kind.ALREADY_EXISTS, "group \"" + g.name() + "\" is already done");
      }
      list.set(i, g.transition(GroupState.DONE, Reasons.MANUAL_FORCED_DONE, now));
    }
    return rollout.withStatus(rollout.status().withGroups(list).withComputedState());
  }

  /**
   * {@code RollbackAutoUpdateAgentGroup}: the named groups, or with {@code allStartedGroups} every
   * active, canary or done group, to rolled back ({@code manual_rollback}).
   */
  public static Rollout rollback(
      Rollout rollout, List<String> groups, boolean allStartedGroups, Instant now)
      throws TransitionException {
    checkCommon(rollout);
    if (groups.isEmpty() && !allStartedGroups) {
      throw new TransitionException(
          Kind.BAD_PARAMETER,
          "at least one group must be specified or the all_started_groups flag set");
    }
    List<GroupStatus> list = new ArrayList<>(rollout.status().groups());
    Set<Integer> chosen = new LinkedHashSet<>(indexes(list, groups));
    if (allStartedGroups) {
      for (int i = 0; i < list.size(); i++) {
        GroupState s = list.get(i).state();
        if (s == GroupState.ACTIVE || s == GroupState.CANARY || s == GroupState.DONE) {
          chosen.add(i);
        }
      }
    }
    if (chosen.isEmpty()) {
      throw new TransitionException(Kind.ALREADY_EXISTS, "no groups to rollback");
    }
    for (int i : chosen) {
      GroupStatus g = list.get(i);
      if (g.state() == GroupState.ROLLEDBACK) {
        throw new TransitionException(
            Kind.ALREADY_EXISTS, "group \"" + g.name() + "\" is already in a rolled-back state");
      }
      list.set(i, g.transition(GroupState.ROLLEDBACK, Reasons.MANUAL_ROLLBACK, now));
    }
    return rollout.withStatus(rollout.status().withGroups(list).withComputedState());
  }

  private static void checkCommon(Rollout rollout) throws TransitionException {
    if (rollout.spec().schedule() == Schedule.IMMEDIATE) {
      throw new TransitionException(
          Kind.BAD_PARAMETER,
          "rollout schedule is immediate, it has no groups and cannot be triggered");
    }
    if (rollout.spec().strategy() != Strategy.HALT_ON_ERROR) {
      throw new TransitionException(
          Kind.NOT_IMPLEMENTED,
          "manual group state transition is not supported for rollout strategy "
              + rollout.spec().strategy().label());
    }
    if (rollout.status().groups().isEmpty()) {
      throw new TransitionException(Kind.BAD_PARAMETER, "rollout has no groups");
    }
  }

  private static List<Integer> indexes(List<GroupStatus> list, List<String> names)
      throws TransitionException {
    List<Integer> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name == null || name.isEmpty()) {
        throw new TransitionException(Kind.BAD_PARAMETER, "group name cannot be empty");
      }
      if (!seen.add(name)) {
        continue;
      }
      int found = -1;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).name().equals(name)) {
          found = i;
        }
      }
      if (found < 0) {
        throw new TransitionException(Kind.NOT_FOUND, "group \"" + name + "\" not found");
      }
      out.add(found);
    }
    return out;
  }
}
