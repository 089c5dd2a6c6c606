package dev.lockstep.rollout;

/**
 * The controller cannot evaluate the rollout: a malformed input Teleport itself would reject at
 * reconcile time (an empty version mode, an unparseable weekday, wait hours on the first group).
 * The message is Teleport's wording where it has one.
 */
public final class RolloutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with Teleport's message. */
  public RolloutException(String message) {
    super(message);
  }
}
