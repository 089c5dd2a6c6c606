package dev.lockstep.bump;

/**
 * What a cluster's bump came to; declaration order is precedence for the exit code (the most
 * serious outcome of any cluster decides it).
 */
public enum Outcome {
  /** Nothing to propose; the reason says why. Exit 0. */
  NOTHING,
  /** A version is proposed (printed, written or delivered). Exit 1. */
  PROPOSED,
  /** The edit for the picked version failed validation: nothing is proposed. Exit 2. */
  REFUSED,
  /** Could not decide: no ceiling, or an input could not be read. Exit 3. */
  CANNOT_RUN;

  /** The name in JSON output. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
