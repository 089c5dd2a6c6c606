package dev.lockstep.rollout;

import java.util.List;
import java.util.Objects;

/**
 * The {@code auto_update} answer of {@code /webapi/find} for an agent when a rollout exists
 * (teleport-semantics §11.2): which version the agent is told and whether to update now.
 *
 * @param agentVersion the version served; new installs use it whatever {@code agentAutoUpdate} says
 * @param agentAutoUpdate true when an existing agent should update to {@code agentVersion} now
 */
public record FindAnswer(String agentVersion, boolean agentAutoUpdate) {

  public FindAnswer {
    Objects.requireNonNull(agentVersion, "agentVersion");
  }

  /**
   * Resolves the answer for an agent of {@code group} (an unknown or empty group is the last group)
   * whose updater UUID is {@code updaterId} ("" when the request carries none, as plain {@code
   * /webapi/find} does).
   *
   * @throws RolloutException for a regular rollout without groups ("no groups found")
   */
  public static FindAnswer resolve(Rollout rollout, String group, String updaterId) {
    RolloutSpec spec = rollout.spec();
    if (spec.mode() == AgentMode.DISABLED || spec.schedule() == Schedule.IMMEDIATE) {
      return forGroup(spec, null, updaterId);
    }
    return forGroup(spec, lookup(rollout.status().groups(), group), updaterId);
  }

  /**
   * The answer for an agent of a group already looked up ({@code g} may be null when the mode is
   * disabled or the schedule immediate: the group does not matter then).
   */
  public static FindAnswer forGroup(RolloutSpec spec, GroupStatus g, String updaterId) {
    String s = spec.startVersion();
    String t = spec.targetVersion();
    if (spec.mode() == AgentMode.DISABLED) {
      return new FindAnswer(t, false);
    }
    boolean enabled = spec.mode() == AgentMode.ENABLED;
    if (spec.schedule() == Schedule.IMMEDIATE) {
      return new FindAnswer(t, enabled);
    }
    boolean canary = isCanary(g, updaterId);
    return switch (g.state()) {
      case UNSTARTED -> new FindAnswer(s, false);
      case ROLLEDBACK -> new FindAnswer(s, enabled);
      case ACTIVE -> new FindAnswer(t, enabled);
      case DONE -> new FindAnswer(t, enabled && spec.strategy() == Strategy.HALT_ON_ERROR);
      case CANARY -> new FindAnswer(canary ? t : s, enabled && canary);
      default -> throw new RolloutException("unexpected group state " + g.state().label());
    };
  }

  /** {@code getGroup}: exact name match, else the last (catch-all) group. */
  static GroupStatus lookup(List<GroupStatus> groups, String name) {
    return groups.get(lookupIndex(groups.stream().map(GroupStatus::name).toList(), name));
  }

  /** The index of the group {@link #lookup} finds among groups of these names, in order. */
  static int lookupIndex(List<String> groupNames, String name) {
    if (groupNames.isEmpty()) {
      throw new RolloutException("no groups found");
    }
    int i = groupNames.indexOf(name);
    return i >= 0 ? i : groupNames.size() - 1;
  }

  private static boolean isCanary(GroupStatus g, String updaterId) {
    if (updaterId == null || updaterId.isEmpty()) {
      return false;
    }
    for (Canary c : g.canaries()) {
      if (c.updaterId().equals(updaterId)) {
        return true;
      }
    }
    return false;
  }
}
