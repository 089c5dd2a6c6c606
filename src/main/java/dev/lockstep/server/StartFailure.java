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

  /**
   * Why {@code serve} could not build its reconciler, as one line: 2 for configuration (a bad
   * setting, an unknown host key), 3 for what could not be reached or written.
   *
   * @param dataDir the data folder, named when it cannot be prepared
   */
  static RuntimeException of(Exception e, java.nio.file.Path dataDir) {
    if (e instanceof ConfigProblem p) {
      return p;
    }
    if (e instanceof dev.lockstep.source.SourceException s) {
      boolean input =
          s.reason() == dev.lockstep.source.SourceException.Reason.CONFIGURATION
              || s.reason() == dev.lockstep.source.SourceException.Reason.HOST_KEY;
      return new StartFailure(input ? 2 : 3, "lockstep serve cannot start: " + s.getMessage());
    }
    if (e instanceof java.io.IOException) {
      return new StartFailure(
          3,
          "lockstep serve cannot start: cannot prepare "
              + dataDir.toAbsolutePath()
              + " (lockstep.data-dir): "
              + e.getMessage());
    }
    return new StartFailure(
        2, "lockstep serve cannot start: invalid configuration: " + e.getMessage());
  }
}
