package dev.lockstep.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every check's verdict on the newest sample, its overall verdict, and what the checks ask for
 * given the samples before it.
 *
 * @param at the newest sample's instant; null when the history is empty
 * @param verdicts per check and group, checks in a fixed order, groups in rollout order
 * @param overall the newest sample's verdict as a whole
 * @param decisions the checks that ask to act (halt or notify) or report blindness
 */
public record Assessment(
    Instant at, List<Verdict> verdicts, Overall overall, List<Decision> decisions) {
  public Assessment {
    verdicts = List.copyOf(verdicts);
    Objects.requireNonNull(overall, "overall");
    decisions = List.copyOf(decisions);
  }

  /** True when some check asks to halt. */
  public boolean halts() {
    return decisions.stream().anyMatch(Decision::halts);
  }
}
