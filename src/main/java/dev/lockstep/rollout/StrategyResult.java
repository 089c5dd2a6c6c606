package dev.lockstep.rollout;

import java.util.List;
import java.util.Objects;

/**
 * What a strategy returns: the new status (groups progressed, counts refreshed) and the errors it
 * met. Teleport writes the status even when there were errors (teleport-semantics §5.3 step 4).
 */
public record StrategyResult(RolloutStatus status, List<String> errors) {
  public StrategyResult {
    Objects.requireNonNull(status, "status");
    errors = List.copyOf(errors);
  }
}
