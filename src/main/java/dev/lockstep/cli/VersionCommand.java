package dev.lockstep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep version}: the version, the Git commit and the build date stamped at build time,
 * and the Java runtime running it. Always exits 0; reads nothing but the class path.
 */
public final class VersionCommand implements Callable<Integer> {

  CommandSpec spec;

  /** {@code version}'s picocli model, bound to this command's fields. */
  CommandSpec model() {
    spec =
        CommandModel.command(
            this,
            "version",
            "Print Lockstep's version, Git commit and build date, and the Java runtime.");
    return CommandModel.withStandardHelp(spec);
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    BuildInfo.current().lines().forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }
}
