package dev.lockstep.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery that failed. The message names the sink and what went wrong, never a URL, token or
 * secret (webhook URLs are secrets too).
 */
public final class SinkException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final transient Optional<Duration> retryAfter;

  /**
   * @param retryable true when trying again later, unchanged, may succeed (no answer, 429, 5xx)
   * @param retryAfter how long the peer asked to wait, if it said
   * @param message a sentence free of secrets
   */
  public SinkException(boolean retryable, Optional<Duration> retryAfter, String message) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** True when a later attempt may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** How long the peer asked to wait before the next attempt, if it said. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
