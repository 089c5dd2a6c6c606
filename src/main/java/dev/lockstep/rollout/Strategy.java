package dev.lockstep.rollout;

/** The rollout strategy (teleport-semantics §2.1, §7, §8). */
public enum Strategy {
  /** Groups in order; each waits for the previous ones to be done (teleport-semantics §7). */
  HALT_ON_ERROR("halt-on-error"),
  /** Independent groups, active while inside their window (teleport-semantics §8). */
  TIME_BASED("time-based");

  private final String label;

  Strategy(String label) {
    this.label = label;
  }

  /** The value written in the resources. */
  public String label() {
    return label;
  }

  /**
   * The strategy for a config value; "" is {@code halt-on-error} (teleport-semantics §5.3 step 3).
   */
  public static Strategy parse(String value) {
    if (value == null || value.isEmpty()) {
      return HALT_ON_ERROR;
    }
    for (Strategy s : values()) {
      if (s.label.equals(value)) {
        return s;
      }
    }
    throw new RolloutException("unsupported agents strategy: \"" + value + "\"");
  }
}
