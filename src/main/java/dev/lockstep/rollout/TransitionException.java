package dev.lockstep.rollout;

import java.util.Objects;

/**
 * A manual transition Teleport refuses (teleport-semantics §10). Nothing is written when one is
 * thrown.
 */
public final class TransitionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The gRPC-style error class Teleport returns. */
  public enum Kind {
    /** The group is already in the requested state. */
    ALREADY_EXISTS,
    /** A bad request: wrong state, no group, immediate schedule. */
    BAD_PARAMETER,
    /** A group that does not exist. */
    NOT_FOUND,
    /** Manual transitions are only for halt-on-error. */
    NOT_IMPLEMENTED
  }

  private final Kind kind;

  /** A refusal of that kind with Teleport's message. */
  public TransitionException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** What kind of refusal this is. */
  public Kind kind() {
    return kind;
  }
}
