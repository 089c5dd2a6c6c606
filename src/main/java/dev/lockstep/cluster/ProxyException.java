package dev.lockstep.cluster;

/** Reading {@code /webapi/find} failed; the message names the Proxy and what went wrong. */
public final class ProxyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why it failed. */
  public enum Reason {
    /** Connection, TLS, timeout or a 5xx answer after every retry. */
    UNREACHABLE,
    /**
     * The Proxy answered, but not with a usable find response (4xx, malformed JSON, bad version).
     */
    BAD_ANSWER
  }

  private final Reason reason;

  /** A failure with a reason and a human message. */
  public ProxyException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }
}
