package dev.lockstep.cli;

import dev.lockstep.check.LiveVersions;
import dev.lockstep.cluster.Applier;
import dev.lockstep.cluster.ApplyReport;
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
 * {@code lockstep apply PATH --target ... [--dry-run] [--prune]}: the push-based counterpart of
 * {@code serve}, for pipelines. Parses and validates first; a revision with any error applies
 * nothing (exit 2). Writes in apply order, only what differs; a failed write is reported per
 * resource and exits 3 (running apply again retries it). Exit 0 when everything is applied or
 * already was.
 */
public final class ApplyCommand implements Callable<Integer> {

  boolean dryRun;
  boolean prune;
  final TargetOptions targetOptions = new TargetOptions();
  final ClusterInput input = new ClusterInput();
  CommandSpec spec;

  /**
   * The model of {@code apply}, bound to this command's fields, with path arguments resolved by
   * {@code paths}; picocli runs this command on it.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "apply",
            "Apply a cluster's resources to the target: all or nothing on errors, in order, only what differs. Exit 0 applied or unchanged, 2 invalid, 3 a write failed or the target is unreachable.");
    spec.addOption(
        CommandModel.option("--dry-run", boolean.class, v -> dryRun = v)
            .description("Show what would change; write nothing.")
            .build());
    spec.addOption(
        CommandModel.option("--prune", boolean.class, v -> prune = v)
            .description(
                "Delete live resources that are no longer in Git (default: leave and report them).")
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
    ApplyReport report;
    try {
      // a blocked revision never touches the target: the applier returns before reading it
      ClusterTarget target = targetOptions.build(spec, desired.revision());
      report =
          new Applier(target, kind)
              .apply(
                  desired.revision(),
                  desired.cluster().resources(),
                  desired.findings(),
                  dryRun,
                  prune);
    } catch (TargetException e) {
      // only building the target throws: an invalid revision is still reported as invalid first
      spec.commandLine().getErr().println("lockstep: " + e.getMessage());
      return desired.findings().hasErrors() ? ExitCodes.USAGE : ExitCodes.UNAVAILABLE;
    } finally {
      targetOptions.close();
    }
    // the blocking findings were printed above with the others
    spec.commandLine().getOut().print(DiffText.render(withoutBlocking(report)));
    spec.commandLine().getOut().flush();
    return switch (report.status()) {
      case UNCHANGED, APPLIED, DRY_RUN -> ExitCodes.OK;
      case BLOCKED -> ExitCodes.USAGE;
      case FAILED -> ExitCodes.UNAVAILABLE;
    };
  }

  private static ApplyReport withoutBlocking(ApplyReport r) {
    return new ApplyReport(
        r.revision(),
        r.target(),
        r.status(),
        r.results(),
        dev.lockstep.finding.Findings.NONE,
        r.message());
  }
}
