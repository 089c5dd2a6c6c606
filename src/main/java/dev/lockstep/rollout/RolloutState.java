package dev.lockstep.rollout;

import java.util.List;

/** {@code AutoUpdateAgentRolloutState} (teleport-semantics §5.1). */
public enum RolloutState {
  /** 0: no groups (an immediate schedule). */
  UNSPECIFIED("unspecified"),
  /** 1: every group unstarted. */
  UNSTARTED("unstarted"),
  /** 2: anything else. */
  ACTIVE("active"),
  /** 3: every group done. */
  DONE("done"),
  /** 4: at least one group rolled back; takes precedence. */
  ROLLEDBACK("rolledback");

  private final String label;

  RolloutState(String label) {
    this.label = label;
  }

  /** tctl's machine name. */
  public String label() {
    return label;
  }

  /** {@code computeRolloutState} (teleport-semantics §5.1 table). */
  public static RolloutState of(List<GroupStatus> groups) {
    if (groups.isEmpty()) {
      return UNSPECIFIED;
    }
    boolean allUnstarted = true;
    boolean allDone = true;
    for (GroupStatus g : groups) {
      if (g.state() == GroupState.ROLLEDBACK) {
        return ROLLEDBACK;
      }
      allUnstarted &= g.state() == GroupState.UNSTARTED;
      allDone &= g.state() == GroupState.DONE;
    }
    if (allUnstarted) {
      return UNSTARTED;
    }
    return allDone ? DONE : ACTIVE;
  }
}
