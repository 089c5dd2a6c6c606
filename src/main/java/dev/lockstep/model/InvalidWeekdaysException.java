package dev.lockstep.model;

/** A weekday list Teleport would reject; {@link #index()} names the offending entry, or -1. */
public final class InvalidWeekdaysException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int index;

  public InvalidWeekdaysException(String message) {
    this(message, -1);
  }

  public InvalidWeekdaysException(String message, int index) {
    super(message);
    this.index = index;
  }

  /** Index of the entry at fault, -1 when the list as a whole is. */
  public int index() {
    return index;
  }
}
