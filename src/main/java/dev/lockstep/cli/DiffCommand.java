package dev.lockstep.cli;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep diff PATH --target ...}: desired (Git) against live, field by field, after
 * parsing and validating. Exit codes follow {@code flux diff}: 0 no change, 1 change, 2 invalid
 * revision or usage error, 3 target unreachable. Reads the cluster; never writes to it.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description =
        "Show what apply would change: Git against the live resources, field by field. Exit 0 no change, 1 change, 2 invalid, 3 unreachable.")
public final class DiffCommand implements Callable<Integer> {

  @Option(
      names = "--prune",
      description = "Count live resources that are no longer in Git as changes (deletions).")
  boolean prune;

  @Mixin TargetOptions targetOptions;
  @Mixin ClusterInput input;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  Function<LocalPath, ParseResult> parser = p -> new RepositoryParser().parsePath(p);

  @Override
  public Integer call() {
    TargetKind kind = targetOptions.kind(spec);
    DesiredCluster desired;
    try {
      desired = input.prepare(spec, parser, kind);
    } catch (LiveOptions.Unreachable e) {
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
