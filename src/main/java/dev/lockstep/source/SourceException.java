package dev.lockstep.source;

import java.util.Objects;

/**
 * A Git operation that could not be done. The message is for humans, names the repository URL
 * without credentials, and never contains a secret (token, password, key or passphrase). No cause
 * is attached: JGit's own messages can quote URLs with their user info.
 */
public final class SourceException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, which also says what happens next (retry or wait for a new commit/config). */
  public enum Reason {
    /** Nothing answers at the address (connection refused, unknown host). Retry with backoff. */
    UNREACHABLE(true),
    /** The server did not answer within the configured timeout. Retry with backoff. */
    TIMEOUT(true),
    /** The server refused the credentials (wrong token, wrong key). Retrying will not help. */
    AUTHENTICATION(false),
    /** The SSH host key is not in known_hosts, or differs from it. Retrying will not help. */
    HOST_KEY(false),
    /** The repository does not exist at the URL. */
    REPOSITORY_NOT_FOUND(false),
    /** The branch, tag or commit to follow does not exist (e.g. the branch was deleted). */
    REF_NOT_FOUND(false),
    /** The settings are incomplete or point at missing files. */
    CONFIGURATION(false),
    /** A push was rejected more often than the retry budget allows. */
    PUSH_REJECTED(true),
    /** Any other transport or local I/O failure. Retry with backoff. */
    IO(true);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    /** True when retrying later, without a configuration change, may succeed. */
    public boolean retryable() {
      return retryable;
    }

    /** PascalCase, for status conditions: {@code HostKey}, {@code RefNotFound}. */
    public String conditionReason() {
      StringBuilder sb = new StringBuilder();
      for (String part : name().split("_")) {
        sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
      }
      return sb.toString();
    }
  }

  private final Reason reason;
  private final String url;

  /**
   * @param reason what went wrong
   * @param url the repository URL, already without credentials
   * @param message a human sentence, already free of secrets
   */
  public SourceException(Reason reason, String url, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.url = Objects.requireNonNull(url, "url");
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** The repository URL without credentials. */
  public String url() {
    return url;
  }
}
