package dev.lockstep.health;

import java.util.List;

/** The verdict of one sample as a whole. */
public enum Overall {
  /** No check fails and the data was there. */
  HEALTHY("healthy"),
  /** At least one check fails on this sample. */
  HALT("halt"),
  /** No check fails, but at least one could not judge for missing or expired data. */
  INCONCLUSIVE("inconclusive");

  private final String label;

  Overall(String label) {
    this.label = label;
  }

  /** The name in output: {@code healthy}, {@code halt}, {@code inconclusive}. */
  public String label() {
    return label;
  }

  /** {@link #HALT} if any verdict fails, else {@link #INCONCLUSIVE} if any is blind. */
  public static Overall of(List<Verdict> verdicts) {
    if (verdicts.stream().anyMatch(v -> v.outcome() == Outcome.FAIL)) {
      return HALT;
    }
    return verdicts.stream().anyMatch(Verdict::blind) ? INCONCLUSIVE : HEALTHY;
  }
}
