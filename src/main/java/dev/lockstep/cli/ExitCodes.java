package dev.lockstep.cli;

/**
 * Exit codes of every command (docs/commands.md, "Exit codes"); fixed meanings, never shifted by
 * flags.
 */
public final class ExitCodes {
  private ExitCodes() {}

  /** Clean, or no change. */
  public static final int OK = 0;

  /** Findings at or above the fail level, or (for {@code diff}) a change. */
  public static final int FINDINGS = 1;

  /** Usage or input error (picocli's default for bad arguments). */
  public static final int USAGE = 2;

  /** Could not run: Git, cluster, network or I/O unreachable. */
  public static final int UNAVAILABLE = 3;
}
