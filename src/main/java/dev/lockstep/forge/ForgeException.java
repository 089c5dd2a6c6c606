package dev.lockstep.forge;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform request that did not succeed. The message names the platform, the request (method and
 * path, never a header) and what to do; it never contains the token. No cause is attached: the
 * JDK's messages may quote URLs.
 */
public final class ForgeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, which also says whether trying again later can help. */
  public enum Reason {
    /** Nothing answered, or the connection broke. Retrying later may help. */
    UNREACHABLE(true),
    /** No answer in time. Retrying later may help. */
    TIMEOUT(true),
    /** The token was refused (401) or is missing. Fix the token. */
    AUTHENTICATION(false),
    /** The token may not do this (403). Give it the permission the message names. */
    FORBIDDEN(false),
    /** The repository, pull request or comment does not exist, or the token cannot see it. */
    NOT_FOUND(false),
    /** The platform refused the change as it stands (409, 422). */
    CONFLICT(false),
    /** The rate limit is exhausted; {@link #retryAt()} says until when. */
    RATE_LIMITED(true),
    /** The platform failed (5xx). Retrying later may help. */
    SERVER_ERROR(true),
    /** The answer was not what the API documents. */
    INVALID_ANSWER(false),
    /** The settings are unusable (no API address, unreadable token file, ...). */
    CONFIGURATION(false);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    /** True when trying again later, without a change, may succeed. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Reason reason;
  private final int status;
  private final transient Optional<Instant> retryAt;

  /**
   * @param reason what went wrong
   * @param status the HTTP status, or 0 when there was no answer
   * @param retryAt for {@link Reason#RATE_LIMITED}, when the limit resets
   * @param message a human sentence, already free of secrets
   */
  public ForgeException(Reason reason, int status, Optional<Instant> retryAt, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.status = status;
    this.retryAt = Objects.requireNonNull(retryAt, "retryAt");
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** The HTTP status, or 0 without an answer. */
  public int status() {
    return status;
  }

  /** When a rate limit resets, if the platform said. */
  public Optional<Instant> retryAt() {
    return retryAt;
  }
}
