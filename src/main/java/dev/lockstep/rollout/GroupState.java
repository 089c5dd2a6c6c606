package dev.lockstep.rollout;

/**
 * {@code AutoUpdateAgentGroupState} (teleport-semantics §5.1), in Teleport's numeric order. {@link
 * #label()} is the machine name tctl prints in JSON/YAML, {@link #title()} the one it prints in
 * text.
 */
public enum GroupState {
  /** 0: never set by the controller. */
  UNSPECIFIED("unspecified", "Unknown"),
  /** 1: waiting to start. */
  UNSTARTED("unstarted", "Unstarted"),
  /** 2: agents are told to update. */
  ACTIVE("active", "Active"),
  /** 3: finished. */
  DONE("done", "Done"),
  /** 4: rolled back by an operator. */
  ROLLEDBACK("rolledback", "Rolledback"),
  /** 5: only the canaries are told to update. */
  CANARY("canary", "Canary");

  private final String label;
  private final String title;

  GroupState(String label, String title) {
    this.label = label;
    this.title = title;
  }

  /** tctl's machine name: {@code unstarted}, {@code active}, ... */
  public String label() {
    return label;
  }

  /** tctl's text name: {@code Unstarted}, {@code Active}, ... */
  public String title() {
    return title;
  }

  /**
   * True for the states whose entry sets the group's {@code start_time} (teleport-semantics §7
   * setGroupState).
   */
  public boolean isStarted() {
    return this == ACTIVE || this == CANARY;
  }
}
