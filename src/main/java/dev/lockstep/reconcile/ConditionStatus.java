package dev.lockstep.reconcile;

/** The status of a condition, as Kubernetes and Flux write it. */
public enum ConditionStatus {
  /** The condition holds. */
  TRUE("True"),
  /** The condition does not hold. */
  FALSE("False"),
  /** Not known yet (e.g. the step did not run). */
  UNKNOWN("Unknown");

  private final String label;

  ConditionStatus(String label) {
    this.label = label;
  }

  /** {@code True}, {@code False} or {@code Unknown}. */
  public String label() {
    return label;
  }
}
