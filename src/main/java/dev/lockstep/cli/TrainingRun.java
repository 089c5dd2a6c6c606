package dev.lockstep.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several {@code lockstep} command lines in one JVM, discarding their output: the training run
 * from which the release build records the classes a CLI run loads (the class-data or AOT cache
 * beside {@code bin/lockstep}). Command lines are separated by a lone {@code ";"}. Exits 3 when a
 * command could not run (exit code 2 or 3), since a cache trained on an error path would miss the
 * classes of the real one; findings (exit code 1) are fine. Never writes outside the paths the
 * commands name.
 */
public final class TrainingRun {
  static final String SEPARATOR = ";";

  private TrainingRun() {}

  /** Runs each command line in turn; see the class comment for the exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The command lines in {@code args}, split at each {@link #SEPARATOR}; empty ones dropped. */
  static List<String[]> commandLines(String[] args) {
    List<String[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= args.length; i++) {
      if (i == args.length || args[i].equals(SEPARATOR)) {
        if (i > start) {
          lines.add(Arrays.copyOfRange(args, start, i));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  static int run(String[] args) {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    for (String[] line : commandLines(args)) {
      int code = Main.execute(line, nowhere, new PrintWriter(System.err, true));
      if (code == ExitCodes.USAGE || code == ExitCodes.UNAVAILABLE) {
        System.err.println(
            "lockstep training run: `" + String.join(" ", line) + "` exited with " + code);
        return ExitCodes.UNAVAILABLE;
      }
    }
    return ExitCodes.OK;
  }
}
