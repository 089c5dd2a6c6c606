package dev.lockstep.server;

/**
 * {@code serve} cannot start for a reason that one line explains (an unreachable data folder, a
 * repository setting the source refuses). {@link ServeMain} prints the message, not a stack trace,
 * and exits with {@link #exitCode()}.
 */
public final class StartFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * @param exitCode 2 for bad input (configuration), 3 when something could not be reached or
   *     written
   * @param message one line, without secrets
   */
  public StartFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** The process exit code. */
  public int exitCode() {
    return exitCode;
  }
}
