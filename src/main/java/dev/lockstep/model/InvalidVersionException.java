package dev.lockstep.model;

/** A version string Teleport would not accept; the message says why, in Teleport's words. */
public final class InvalidVersionException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidVersionException(String message) {
    super(message);
  }
}
