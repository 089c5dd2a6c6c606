package dev.lockstep.server;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Entry point of {@code quarkus-run.jar}: {@code lockstep serve} (or no argument) boots the
 * service; anything else is refused before Quarkus starts, with exit code 2. The other commands run
 * the plain picocli {@code dev.lockstep.cli.Main} (the {@code lockstep} launcher picks the right
 * one). Configuration comes from {@code lockstep.*} properties and {@code LOCKSTEP_*} environment
 * variables, not from arguments.
 *
 * <p>A failure at start-up is reported in words: an invalid configuration value is one line per
 * problem naming the key, its environment variable and the allowed values (exit 2, no stack trace);
 * a port in use or an unreachable data folder is one line (exit 3). Only an unexpected failure is
 * logged with its stack trace (exit 3).
 */
@QuarkusMain
public final class ServeMain {
  private ServeMain() {}

  public static void main(String... args) {
    String problem = problem(List.of(args));
    if (problem == null) {
      Quarkus.run(null, ServeMain::exit, args);
    } else if (problem.isEmpty()) {
      System.out.println(USAGE);
    } else {
      System.err.println(problem);
      System.exit(2);
    }
  }

  private static void exit(Integer code, Throwable failure) {
    int status = failure == null ? code : report(failure, System.err);
    ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(status, null);
  }

  /** Prints why serve could not start and returns the exit code. */
  static int report(Throwable failure, PrintStream err) {
    Optional<List<String>> config = ConfigProblem.lines(failure);
    if (config.isPresent()) {
      config.get().forEach(line -> err.println("lockstep serve: invalid configuration: " + line));
      return 2;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StartFailure s) {
        err.println(s.getMessage());
        return s.exitCode();
      }
      if (t instanceof QuarkusBindException b) {
        err.println(
            "lockstep serve cannot start: "
                + b.getHost()
                + ":"
                + b.getPort()
                + " is in use by another process (set QUARKUS_HTTP_PORT or"
                + " QUARKUS_MANAGEMENT_PORT to another port)");
        return 3;
      }
    }
    Logger.getLogger(ServeMain.class).error("lockstep serve cannot start", failure);
    return 3;
  }

  static final String USAGE =
      "Usage: lockstep serve\n"
          + "Runs the reconciler service. Configure it with lockstep.* system properties or LOCKSTEP_* environment\n"
          + "variables (see the README); with no lockstep.git.url it reconciles the bundled sample repository.";

  /** Null to boot, "" for help, else the error message (exit 2). */
  static String problem(List<String> args) {
    List<String> rest =
        !args.isEmpty() && args.get(0).equals("serve") ? args.subList(1, args.size()) : args;
    if (rest.isEmpty()) {
      return null;
    }
    if (rest.equals(List.of("--help")) || rest.equals(List.of("-h"))) {
      return "";
    }
    return "lockstep serve: unexpected argument(s) "
        + String.join(" ", rest)
        + ": serve takes no arguments; configure it with LOCKSTEP_* environment variables or -Dlockstep.* properties."
        + " Other commands (validate, plan, diff, ...) run through ./lockstep.";
  }
}
