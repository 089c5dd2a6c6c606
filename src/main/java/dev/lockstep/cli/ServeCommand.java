package dev.lockstep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep serve} as the plain command line sees it: listed in {@code lockstep --help} with
 * its own {@code --help}, both answered without booting Quarkus. The service itself is the Quarkus
 * application ({@code quarkus-run.jar}), which the {@code lockstep} launcher starts for a bare
 * {@code lockstep serve}; run here, the command says so and exits 2.
 */
public final class ServeCommand implements Callable<Integer> {

  CommandSpec spec;

  /** {@code serve}'s picocli model, bound to this command's fields. */
  CommandSpec model() {
    spec =
        CommandModel.command(
            this,
            "serve",
            "Run the reconciler service: poll or webhooks, validate, apply, self-heal, status to Git, "
                + "release channels over HTTP.",
            "",
            "Takes no arguments: configure it with LOCKSTEP_* environment variables or -Dlockstep.* "
                + "properties (docs/configuration.md). With no LOCKSTEP_GIT_URL it reconciles the "
                + "bundled sample repository into the file target and serves on http://127.0.0.1:8080/.");
    return CommandModel.withStandardHelp(spec);
  }

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            "lockstep serve: the service runs through the launcher (./lockstep serve) or "
                + "java -jar target/quarkus-app/quarkus-run.jar; this JVM runs the other commands only");
    return ExitCodes.USAGE;
  }
}
