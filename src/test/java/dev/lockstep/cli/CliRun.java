package dev.lockstep.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-JVM run of the command line: its exit code and what it printed on each stream. */
record CliRun(int exit, String out, String err) {

  /** Runs {@code lockstep args...} through {@link Main#execute} with captured streams. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(exit, out.toString(), err.toString());
  }
}
