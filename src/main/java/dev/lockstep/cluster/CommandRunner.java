package dev.lockstep.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs a program as an argument list with bytes on stdin: never a shell string, so nothing in a
 * resource or a flag can be interpreted by a shell. {@link ProcessCommandRunner} runs real
 * processes; tests may substitute their own.
 */
public interface CommandRunner {

  /** What a finished process produced. */
  record Result(int exitCode, String stdout, String stderr) {
    public Result {
      Objects.requireNonNull(stdout, "stdout");
      Objects.requireNonNull(stderr, "stderr");
    }
  }

  /**
   * Runs {@code argv} to completion.
   *
   * @param argv the program and its arguments
   * @param stdin bytes written to the process's standard input, which is then closed
   * @param timeout the process is killed after this long
   * @throws CommandTimeoutException when the timeout passes
   * @throws IOException when the program cannot be started
   */
  Result run(List<String> argv, byte[] stdin, Duration timeout) throws IOException;

  /** The process did not finish in time and was killed. */
  final class CommandTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A timeout after {@code timeout} running {@code program}. */
    public CommandTimeoutException(String program, Duration timeout) {
      super(program + " did not finish within " + timeout.toMillis() + " ms and was stopped");
    }
  }
}
