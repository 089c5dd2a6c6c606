package dev.lockstep.health;

import java.util.Objects;

/**
 * One check's verdict on one group of one sample.
 *
 * @param check the check: {@code canary_timeout}, {@code stalled}, {@code attrition}, {@code
 *     reconciler_error}, {@code undefined_groups} or {@code custom/<name>}
 * @param group the rollout group it is about; "" when the sample holds no groups to name (the
 *     observation failed)
 * @param outcome pass, fail or inconclusive
 * @param blind true for an inconclusive verdict caused by missing or expired data (the cluster
 *     could not be read, no fresh agent report): such verdicts may notify "blind", never halt
 * @param evidence what the verdict rests on, in words (counts, times, canary host names)
 */
public record Verdict(String check, String group, Outcome outcome, boolean blind, String evidence) {
  public Verdict {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(evidence, "evidence");
    if (blind && outcome != Outcome.INCONCLUSIVE) {
      throw new IllegalArgumentException("only an inconclusive verdict can be blind");
    }
  }

  static Verdict pass(String check, String group, String evidence) {
    return new Verdict(check, group, Outcome.PASS, false, evidence);
  }

  static Verdict fail(String check, String group, String evidence) {
    return new Verdict(check, group, Outcome.FAIL, false, evidence);
  }

  static Verdict unsure(String check, String group, String evidence) {
    return new Verdict(check, group, Outcome.INCONCLUSIVE, false, evidence);
  }

  static Verdict blind(String check, String group, String evidence) {
    return new Verdict(check, group, Outcome.INCONCLUSIVE, true, evidence);
  }
}
