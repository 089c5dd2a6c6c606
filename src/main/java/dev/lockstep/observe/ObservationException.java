package dev.lockstep.observe;

/**
 * What a target printed could not be read as the resource it should be; the message names the
 * command and the field, and never holds a secret.
 */
public final class ObservationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with a human message. */
  public ObservationException(String message) {
    super(message);
  }
}
