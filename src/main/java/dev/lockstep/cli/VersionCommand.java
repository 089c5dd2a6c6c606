package dev.lockstep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep version}: the version, the Git commit and the build date stamped at build time,
 * and the Java runtime running it. Always exits 0; reads nothing but the class path.
 */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print Lockstep's version, Git commit and build date, and the Java runtime.")
public final class VersionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    BuildInfo.current().lines().forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }
}
