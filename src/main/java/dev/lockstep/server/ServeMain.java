package dev.lockstep.server;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;

/**
 * Entry point of {@code quarkus-run.jar}: {@code lockstep serve} (or no argument) boots the
 * service; anything else is refused before Quarkus starts, with exit code 2. The other commands run
 * the plain picocli {@code dev.lockstep.cli.Main} (the {@code lockstep} launcher picks the right
 * one). Configuration comes from {@code lockstep.*} properties and {@code LOCKSTEP_*} environment
 * variables, not from arguments.
 */
@QuarkusMain
public final class ServeMain {
  private ServeMain() {}

  public static void main(String... args) {
    String problem = problem(List.of(args));
    if (problem == null) {
      Quarkus.run();
    } else if (problem.isEmpty()) {
      System.out.println(USAGE);
    } else {
      System.err.println(problem);
      System.exit(2);
    }
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
