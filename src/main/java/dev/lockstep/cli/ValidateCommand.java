package dev.lockstep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code lockstep validate PATH}: parse and validate, print findings. */
@Command(name = "validate", description = "Validate a repository, a cluster folder or one file.")
public final class ValidateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return ExitCodes.OK;
  }
}
