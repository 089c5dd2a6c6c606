package dev.lockstep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code lockstep} command line. Plain picocli over the core: {@code validate}, {@code plan},
 * {@code diff} and friends do not boot Quarkus, so a CI step pays only for a JVM start. Every
 * command declares its model in code ({@link CommandModel}): picocli reading annotations was 40 %
 * of a short run.
 */
public final class Main implements Runnable {

  private final CommandSpec spec;

  private Main() {
    spec =
        CommandModel.command(
            this,
            "lockstep",
            "GitOps for Teleport Managed Updates: validate, plan and apply autoupdate resources from Git.");
    spec.versionProvider(new VersionProvider());
    CommandModel.withStandardHelp(spec);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /**
   * The system property saying the runtime's own logging configuration keeps libraries quiet, so
   * {@link #main} sets none up.
   */
  static final String LOGGING_CONFIGURED = "lockstep.logging.configured";

  /**
   * Runs the command line in the process's current directory and ends the process with its code. It
   * ends with {@link Runtime#halt} once both streams are flushed: {@link System#exit} first asks
   * the JDK's System.Logger whether to log the exit, and finding that logger scans every jar of the
   * class path for a provider (about a seventh of a short run from the release archive). A finished
   * command leaves nothing for shutdown hooks to do: Lockstep registers none and deletes nothing on
   * exit, and the service ({@code serve}) never runs through here.
   */
  public static void main(String[] args) {
    quietLibraryLogging();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = execute(args, out, err);
    out.flush();
    err.flush();
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /**
   * Libraries log through the JBoss LogManager that the Quarkus build puts on the class path; when
   * the JDK's logging starts first, JGit's and fabric8's first log call prints "The LogManager
   * accessed before ..." to standard error. A command line reports its own errors, so the JBoss
   * LogManager is named before anything logs, and libraries log only their errors. The release
   * archive sets {@value #LOGGING_CONFIGURED}: its runtime's logging.properties already keeps
   * libraries to their errors and it has no JBoss LogManager, so nothing needs setting up and
   * java.util.logging starts only if something logs (a jar scan and its set-up are a tenth of a
   * short run otherwise).
   */
  private static void quietLibraryLogging() {
    if (Boolean.getBoolean(LOGGING_CONFIGURED)) {
      return;
    }
    if (System.getProperty("java.util.logging.manager") == null
        && Main.class.getClassLoader().getResource("org/jboss/logmanager/LogManager.class")
            != null) {
      System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    }
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
  }

  /** Runs the command line with the given streams and returns the exit code (tests call this). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(Path.of(""), args, out, err);
  }

  /**
   * Runs the command line as if started in {@code workingDirectory} and returns the exit code:
   * every relative path argument is resolved against it.
   */
  public static int execute(
      Path workingDirectory, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine(workingDirectory, args);
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /**
   * The subcommands in the order the help lists them. Each is built only when used: even declared
   * in code, a command's model is objects, converters and interpolated descriptions that a short
   * run need not pay for.
   */
  static final List<String> COMMANDS =
      List.of(
          "validate",
          "plan",
          "diff",
          "apply",
          "bump",
          "resume",
          "export-channels",
          "comment",
          "import",
          "init",
          "rules",
          "policy",
          "rollout",
          "serve",
          "version",
          "help");

  // A switch rather than a map of constructor references: JDK 25's AOT cache assembly crashed on
  // the pre-linked method handles of commands the training run never built.
  private static Object newCommand(String name, PathArgument paths) {
    switch (name) {
      case "validate":
        return new ValidateCommand().model(paths);
      case "plan":
        return new PlanCommand().model(paths);
      case "diff":
        return new DiffCommand().model(paths);
      case "apply":
        return new ApplyCommand().model(paths);
      case "bump":
        return new BumpCommand().model(paths);
      case "resume":
        return new ResumeCommand().model(paths);
      case "export-channels":
        return new ExportChannelsCommand().model(paths);
      case "comment":
        return new CommentCommand().model();
      case "import":
        return new ImportCommand().model(paths);
      case "init":
        return new InitCommand().model(paths);
      case "rules":
        return new RulesCommand().model();
      case "policy":
        return new PolicyCommand().model(paths);
      case "rollout":
        return new RolloutCommand().model(paths);
      case "serve":
        return new ServeCommand().model();
      case "version":
        return new VersionCommand().model();
      case "help":
        return new CommandLine.HelpCommand();
      default:
        throw new IllegalArgumentException("no command " + name);
    }
  }

  /**
   * Without it, picocli's default factory, which every {@code CommandLine} creates, looks for
   * Groovy's closure class when first loaded; the miss walks every jar of the class path, opening
   * each (a fifth of a short run from the release archive). Lockstep's models hold no closures.
   */
  private static final String NO_GROOVY = "picocli.disable.closures";

  /**
   * The configured command line with every subcommand: usage errors exit 2, unexpected failures
   * exit 3 without a stack trace.
   */
  public static CommandLine commandLine() {
    return commandLine(Path.of(""), new String[0]);
  }

  /**
   * The configured command line for these arguments: when the first one names a subcommand other
   * than {@code help}, only that subcommand is built; for a bare {@code --version} none is;
   * otherwise (help, usage errors, suggestions for a mistyped name) all of them are.
   */
  static CommandLine commandLine(String[] args) {
    return commandLine(Path.of(""), args);
  }

  /**
   * The configured command line for these arguments, resolving relative paths against {@code
   * workingDirectory}: usage errors exit 2, unexpected failures exit 3 without a stack trace.
   */
  static CommandLine commandLine(Path workingDirectory, String[] args) {
    if (System.getProperty(NO_GROOVY) == null) {
      System.setProperty(NO_GROOVY, "true");
    }
    CommandLine cl = new CommandLine(new Main().spec);
    PathArgument paths = new PathArgument(workingDirectory);
    String first = args.length > 0 ? args[0] : "";
    if (COMMANDS.contains(first) && !first.equals("help")) {
      cl.addSubcommand(first, newCommand(first, paths));
    } else if (!(args.length == 1 && (first.equals("-V") || first.equals("--version")))) {
      for (String name : COMMANDS) {
        cl.addSubcommand(name, newCommand(name, paths));
      }
    }
    cl.registerConverter(Path.class, new PathConverter(workingDirectory));
    cl.setParameterExceptionHandler(new UsageErrors());
    cl.setExecutionExceptionHandler(new Unexpected());
    return cl;
  }

  // The converter and handlers are named classes, not lambdas: a lambda of a picocli interface is
  // left out of the release archive's class-data archive (build-dist.sh) and spun on every run.

  /** {@code Path} options: relative paths resolve against the working directory. */
  private record PathConverter(Path workingDirectory) implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      return PathArgument.resolve(workingDirectory, value).location();
    }
  }

  /**
   * A usage or input error: the message, suggestions for a mistyped option or command, and where
   * the help is; exit 2. The full usage (forty lines for diff) would bury the one line that
   * matters.
   */
  private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      CommandLine cl = e.getCommandLine();
      PrintWriter err = cl.getErr();
      err.println(e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for its options.");
      err.flush();
      return ExitCodes.USAGE;
    }
  }

  /** An unexpected failure: one line, no stack trace; exit 3. */
  private static final class Unexpected implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception ex, CommandLine line, CommandLine.ParseResult parseResult) {
      line.getErr()
          .println(
              "lockstep: "
                  + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
      return ExitCodes.UNAVAILABLE;
    }
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
