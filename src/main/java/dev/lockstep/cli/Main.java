package dev.lockstep.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lockstep} command line. Plain picocli over the core: {@code validate}, {@code plan},
 * {@code diff} and friends do not boot Quarkus, so a CI step pays only for a JVM start.
 */
@Command(
    name = "lockstep",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description =
        "GitOps for Teleport Managed Updates: validate, plan and apply autoupdate resources from Git.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      DiffCommand.class,
      ApplyCommand.class,
      ExportChannelsCommand.class,
      RulesCommand.class,
      PolicyCommand.class,
      RolloutCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (tests call this). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /**
   * The configured command line: usage errors exit 2, unexpected failures exit 3 without a stack
   * trace.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (ex, line, parseResult) -> {
          line.getErr()
              .println(
                  "lockstep: "
                      + (ex.getMessage() == null
                          ? ex.getClass().getSimpleName()
                          : ex.getMessage()));
          return ExitCodes.UNAVAILABLE;
        });
    return cl;
  }

  /** Lockstep's version: the jar manifest's, or {@code dev} when run from classes. */
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The version from the jar manifest, or "dev". */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"lockstep " + version()};
    }
  }
}
