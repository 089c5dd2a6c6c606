package dev.lockstep.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * A reconcile step that could not finish, typed by what happens next (as in Flux's reconcilers,
 * stall/wait/retry): {@link Stalled} waits for a new commit, {@link Waiting} for a known time,
 * {@link Transient} retries with exponential backoff. The reason is a PascalCase constant used as
 * the condition reason; the message is for humans and never holds a secret.
 */
public abstract sealed class StepFailure extends Exception
    permits StepFailure.Stalled, StepFailure.Waiting, StepFailure.Transient {
  private static final long serialVersionUID = 1L;

  /** The revision has error findings. */
  public static final String VALIDATION_FAILED = "ValidationFailed";

  /** The head commit's signature is missing, unknown or invalid. */
  public static final String VERIFICATION_FAILED = "VerificationFailed";

  /** No cluster of the configured name, or several and none chosen. */
  public static final String CLUSTER_NOT_FOUND = "ClusterNotFound";

  /** A write to the cluster failed. */
  public static final String APPLY_FAILED = "ApplyFailed";

  /** The cluster could not be read. */
  public static final String CLUSTER_UNAVAILABLE = "ClusterUnavailable";

  /** Anything unexpected, caught at the top of the run (Teleport's tryAndCatch). */
  public static final String INTERNAL_ERROR = "InternalError";

  private final String reason;

  StepFailure(String reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The condition reason. */
  public String reason() {
    return reason;
  }

  /** Bad input: retrying the same commit cannot help; the next commit is tried. */
  public static final class Stalled extends StepFailure {
    private static final long serialVersionUID = 1L;

    /** A stall with a reason constant and a human message. */
    public Stalled(String reason, String message) {
      super(reason, message);
    }
  }

  /** Nothing is wrong, but the step must wait (e.g. outside a window). */
  public static final class Waiting extends StepFailure {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    /** A wait of {@code retryAfter}. */
    public Waiting(String reason, String message, Duration retryAfter) {
      super(reason, message);
      this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long to wait before the next run. */
    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** The network, Git server or cluster failed: retried with exponential backoff. */
  public static final class Transient extends StepFailure {
    private static final long serialVersionUID = 1L;

    /** A transient failure with a reason constant and a human message. */
    public Transient(String reason, String message) {
      super(reason, message);
    }
  }
}
