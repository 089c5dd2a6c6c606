package dev.lockstep.cli;

import dev.lockstep.parse.DirectoryTree;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.validate.policy.PolicyDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --policies DIR} (repeatable): CEL policy folders checked on top of the repository's own
 * {@code policies/}. {@code validate} and {@code plan} add it to their model ({@link #addTo}); the
 * revision check loads and runs them with the repository's.
 */
public final class PolicyOptions {

  List<LocalPath> dirs = new ArrayList<>();

  /** Adds {@code --policies} to {@code spec}, its folders resolved by {@code paths}. */
  void addTo(CommandSpec spec, PathArgument paths) {
    spec.addOption(
        CommandModel.list("--policies", LocalPath.class, v -> dirs = v)
            .paramLabel("DIR")
            .converters(paths)
            .description(
                "A folder of CEL policies (lockstep_policy) to check as well; repeatable. "
                    + "The repository's own policies/ folder is always loaded.")
            .build());
  }

  /**
   * Reads every {@code --policies} folder.
   *
   * @throws ParameterException (exit 2) for a folder that does not exist
   * @throws IOException when a folder cannot be read
   */
  List<PolicyDirectory> read(CommandSpec spec) throws IOException {
    List<PolicyDirectory> out = new ArrayList<>();
    for (LocalPath dir : dirs) {
      if (!dir.isDirectory()) {
        throw new ParameterException(spec.commandLine(), "--policies: " + dir + " is not a folder");
      }
      out.add(
          PolicyDirectory.read(
              new DirectoryTree(dir.location(), dir.shownPrefix(), "working tree")));
    }
    return out;
  }
}
