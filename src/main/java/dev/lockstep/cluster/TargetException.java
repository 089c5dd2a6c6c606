package dev.lockstep.cluster;

import java.util.Objects;

/**
 * A cluster read or write that failed. The {@link Reason} says what happens next; the message is
 * for humans and never holds a secret (no token, identity content or private key).
 */
public final class TargetException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why it failed, which decides whether a retry can help. */
  public enum Reason {
    /** The cluster, process or network could not be reached: retry with backoff. */
    UNREACHABLE,
    /** Teleport or the operator refused the resource: retried next run, needs a fix to succeed. */
    REJECTED,
    /** The write was made but its result was not confirmed in time: retry. */
    TIMEOUT,
    /**
     * This target cannot hold this kind at all (e.g. the operator and cluster_maintenance_config).
     */
    UNSUPPORTED
  }

  private final Reason reason;

  /** A failure with a reason and a human message. */
  public TargetException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * A failure with a cause; the cause's message is not copied, so put what matters in {@code
   * message}.
   */
  public TargetException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }
}
