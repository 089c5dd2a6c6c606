package dev.lockstep.cli;

import dev.lockstep.check.LiveVersions;
import dev.lockstep.cluster.Applier;
import dev.lockstep.cluster.ClusterDiff;
import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.cluster.DiffText;
import dev.lockstep.cluster.TargetException;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep diff PATH --target ...}: desired (Git) against live, field by field, after
 * parsing and validating. Exit codes follow {@code flux diff}: 0 no change, 1 change, 2 invalid
 * revision or usage error, 3 target unreachable. Reads the cluster; never writes to it.
 */
public final class DiffCommand implements Callable<Integer> {

  boolean prune;
  final TargetOptions targetOptions = new TargetOptions();
  final ClusterInput input = new ClusterInput();
  CommandSpec spec;

  /**
   * The model of {@code diff}, bound to this command's fields, with path arguments resolved by
   * {@code paths}; picocli runs this command on it.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "diff",
            "Show what apply would change: Git against the live resources, field by field. Exit 0 no change, 1 change, 2 invalid, 3 unreachable.");
    spec.addOption(
        CommandModel.option("--prune", boolean.class, v -> prune = v)
            .description("Count live resources that are no longer in Git as changes (deletions).")
            .build());
    targetOptions.addTo(spec);
    input.addTo(spec, paths);
    return CommandModel.withStandardHelp(spec);
  }

  Function<LocalPath, ParseResult> parser = p -> new RepositoryParser().parsePath(p);

  @Override
  public Integer call() {
    TargetKind kind = targetOptions.kind(spec);
    DesiredCluster desired;
    try {
      desired = input.prepare(spec, parser, kind);
    } catch (LiveVersions.Unreachable e) {
      spec.commandLine().getErr().println("lockstep: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    spec.commandLine().getOut().print(desired.findingsText());
    if (desired.findings().hasErrors()) {
      spec.commandLine()
          .getErr()
          .println(
              "lockstep: revision " + desired.revision() + " is invalid: nothing would be applied");
      return ExitCodes.USAGE;
    }
    try {
      ClusterTarget target = targetOptions.build(spec, desired.revision());
      ClusterDiff diff = new Applier(target, kind).diff(desired.cluster().resources(), prune);
      spec.commandLine().getOut().print(DiffText.render(diff));
      spec.commandLine().getOut().flush();
      return diff.hasChanges() ? ExitCodes.FINDINGS : ExitCodes.OK;
    } catch (TargetException e) {
      spec.commandLine().getErr().println("lockstep: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    } finally {
      targetOptions.close();
    }
  }
}
