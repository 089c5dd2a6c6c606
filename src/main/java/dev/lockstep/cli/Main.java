package dev.lockstep.cli;

import java.io.PrintWriter;
import java.util.List;
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
        "GitOps for Teleport Managed Updates: validate, plan and apply autoupdate resources from Git.")
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
    CommandLine cl = commandLine(args);
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /**
   * The subcommands in the order the help lists them. Each is built only when used: picocli reads a
   * command's annotations when it is added, which is a good part of a short run's start-up.
   */
  static final List<String> COMMANDS =
      List.of(
          "validate",
          "plan",
          "diff",
          "apply",
          "export-channels",
          "rules",
          "policy",
          "version",
          "help");

  // A switch rather than a map of constructor references: JDK 25's AOT cache assembly crashed on
  // the pre-linked method handles of commands the training run never built.
  private static Object newCommand(String name) {
    switch (name) {
      case "validate":
        return new ValidateCommand();
      case "plan":
        return new PlanCommand();
      case "diff":
        return new DiffCommand();
      case "apply":
        return new ApplyCommand();
      case "export-channels":
        return new ExportChannelsCommand();
      case "rules":
        return new RulesCommand();
      case "policy":
        return new PolicyCommand();
      case "version":
        return new VersionCommand();
      case "help":
        return new CommandLine.HelpCommand();
      default:
        throw new IllegalArgumentException("no command " + name);
    }
  }

  /**
   * The configured command line with every subcommand: usage errors exit 2, unexpected failures
   * exit 3 without a stack trace.
   */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The configured command line for these arguments: when the first one names a subcommand other
   * than {@code help}, only that subcommand is built; otherwise (help, usage errors, suggestions
   * for a mistyped name) all of them are.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    if (COMMANDS.contains(first) && !first.equals("help")) {
      cl.addSubcommand(first, newCommand(first));
    } else {
      for (String name : COMMANDS) {
        cl.addSubcommand(name, newCommand(name));
      }
    }
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

  /** Lockstep's version as stamped by the build, or {@code dev} when run without it. */
  public static String version() {
    return BuildInfo.current().version();
  }

  /** {@code --version}: the same lines as {@code lockstep version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return BuildInfo.current().lines().toArray(String[]::new);
    }
  }
}
