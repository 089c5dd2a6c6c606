package dev.lockstep.rollout;

/** The {@code autoupdate_version} agents schedule (teleport-semantics §3.1). */
public enum Schedule {
  /** Groups update as the strategy allows. */
  REGULAR("regular"),
  /** No groups: every agent is told the target version at once. */
  IMMEDIATE("immediate");

  private final String label;

  Schedule(String label) {
    this.label = label;
  }

  /** The value written in the resources. */
  public String label() {
    return label;
  }

  /** The schedule for a resource value; throws for anything else, including "". */
  public static Schedule parse(String value) {
    for (Schedule s : values()) {
      if (s.label.equals(value)) {
        return s;
      }
    }
    throw new RolloutException("unsupported schedule type: \"" + value + "\"");
  }
}
