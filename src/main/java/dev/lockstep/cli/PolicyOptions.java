package dev.lockstep.cli;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.parse.DirectoryTree;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.validate.ValidationContext;
import dev.lockstep.validate.policy.LoadedPolicies;
import dev.lockstep.validate.policy.PolicyDirectory;
import dev.lockstep.validate.policy.PolicyEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --policies DIR} (repeatable): CEL policy folders checked on top of the repository's own
 * {@code policies/}. A picocli mixin shared by {@code validate} and {@code plan}. CEL is only set
 * up when there is at least one policy, so a repository without policies pays nothing for it.
 */
public final class PolicyOptions {

  @Option(
      names = "--policies",
      paramLabel = "DIR",
      converter = PathArgument.class,
      description =
          "A folder of CEL policies (lockstep_policy) to check as well; repeatable. "
              + "The repository's own policies/ folder is always loaded.")
  List<LocalPath> dirs = new ArrayList<>();

  /**
   * Loads the repository's policies and every {@code --policies} folder, and evaluates them.
   *
   * @throws ParameterException (exit 2) for a folder that does not exist
   * @throws IOException when a folder cannot be read
   */
  Findings evaluate(
      CommandSpec spec, DesiredState state, Optional<DesiredState> base, ValidationContext context)
      throws IOException {
    List<Resource> documents = new ArrayList<>(state.policies());
    Findings findings = Findings.NONE;
    for (LocalPath dir : dirs) {
      if (!dir.isDirectory()) {
        throw new ParameterException(spec.commandLine(), "--policies: " + dir + " is not a folder");
      }
      PolicyDirectory folder =
          PolicyDirectory.read(
              new DirectoryTree(dir.location(), dir.shownPrefix(), "working tree"));
      documents.addAll(folder.policies());
      findings = findings.plus(folder.findings());
    }
    if (documents.isEmpty()) {
      return findings;
    }
    LoadedPolicies loaded = new PolicyEngine().load(documents);
    return findings.plus(loaded.findings()).plus(loaded.evaluate(state, base, context));
  }
}
