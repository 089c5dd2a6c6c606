package dev.lockstep.health;

/** What one check says about one group on one sample. */
public enum Outcome {
  /** Healthy, or the check does not apply. */
  PASS("pass"),
  /** The check's condition holds: something is wrong. */
  FAIL("fail"),
  /** The sample cannot tell: data missing, expired, or not enough history yet. */
  INCONCLUSIVE("inconclusive");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  /** The name in output: {@code pass}, {@code fail}, {@code inconclusive}. */
  public String label() {
    return label;
  }
}
