package dev.lockstep.reconcile;

import java.time.Instant;
import java.util.Objects;

/**
 * One condition of the status, Flux style.
 *
 * @param type {@link #READY}, {@link #VALIDATED} or {@link #APPLIED}
 * @param status whether it holds
 * @param reason a PascalCase constant, e.g. {@code ValidationFailed}
 * @param message a human sentence naming the revision
 * @param observedRevision the revision the condition is about, e.g. {@code main@1a2b3c4d}
 * @param lastTransitionTime when {@code status} last changed
 */
public record Condition(
    String type,
    ConditionStatus status,
    String reason,
    String message,
    String observedRevision,
    Instant lastTransitionTime) {

  /** The revision was fetched, verified, validated and applied. */
  public static final String READY = "Ready";

  /** The revision parsed and validated without error findings. */
  public static final String VALIDATED = "Validated";

  /** The revision's resources were applied to the cluster. */
  public static final String APPLIED = "Applied";

  /** The condition type of a rollout Lockstep halted (present only once it halted one). */
  public static final String HALTED = "Halted";

  public Condition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(observedRevision, "observedRevision");
    Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
    if (!reason.matches("[A-Z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("condition reasons are PascalCase constants: " + reason);
    }
  }
}
