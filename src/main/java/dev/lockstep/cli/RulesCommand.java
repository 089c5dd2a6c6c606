package dev.lockstep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code lockstep rules}: every rule id with its severity and description. */
@Command(name = "rules", description = "List every built-in rule id with a one-line description.")
public final class RulesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return ExitCodes.OK;
  }
}
