package dev.lockstep.server;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;

/**
 * Entry point of {@code quarkus-run.jar}: {@code lockstep serve} (or no argument) boots the service;
 * anything else is refused before Quarkus starts, with exit code 2. The other commands run the plain
 * picocli {@code dev.lockstep.cli.Main} (the {@code lockstep} launcher picks the right one).
 * Configuration comes from {@code lockstep.*} properties and {@code LOCKSTEP_*} environment variables,
 * not from arguments.
 */
@QuarkusMain
public final class ServeMain {
  private ServeMain() {}

  public static void main(String... args) {
    List<String> rest = List.of(args);
    if (!rest.isEmpty() && rest.get(0).equals("serve")) {
      rest = rest.subList(1, rest.size());
    }
    if (rest.equals(List.of("--help")) || rest.equals(List.of("-h"))) {
      System.out.println("Usage: lockstep serve\n"
          + "Runs the reconciler service. Configure it with lockstep.* system properties or LOCKSTEP_* environment\n"
          + "variables (see the README); with no lockstep.git.url it reconciles the bundled sample repository.");
      return;
    }
    if (!rest.isEmpty()) {
      System.err.println("lockstep serve: unexpected argument(s) " + String.join(" ", rest)
          + ": serve takes no arguments; configure it with LOCKSTEP_* environment variables or -Dlockstep.* properties."
          + " Other commands (validate, plan, diff, ...) run through ./lockstep.");
      System.exit(2);
    }
    Quarkus.run();
  }
}
