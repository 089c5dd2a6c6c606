package dev.lockstep.cli;

import dev.lockstep.check.LiveVersions;
import dev.lockstep.cluster.RolloutObserver;
import dev.lockstep.cluster.TargetException;
import dev.lockstep.finding.Finding;
import dev.lockstep.health.Assessment;
import dev.lockstep.health.HealthChecks;
import dev.lockstep.health.RolloutReport;
import dev.lockstep.json.Json;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.observe.Observation;
import dev.lockstep.observe.Sample;
import dev.lockstep.observe.SampleHistory;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.rollout.GroupConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep rollout PATH --cluster C --target T}: observes the cluster's live rollout once
 * and judges that one sample with the cluster's {@code spec.halt} checks (docs/rollout-health.md).
 * Exit 0 healthy, 1 a check fails, 2 usage or an invalid {@code cluster.yaml}, 3 the cluster could
 * not be read or the data to judge is missing (inconclusive). Reads the cluster; never writes to
 * it, never halts anything.
 */
public final class RolloutCommand implements Callable<Integer> {

  final ClusterInput input = new ClusterInput();
  final TargetOptions targetOptions = new TargetOptions();
  Instant now;
  String format;
  CommandSpec spec;

  /**
   * The model of {@code rollout}, bound to this command's fields, with path arguments resolved by
   * {@code paths}; picocli runs this command on it.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "rollout",
            "Observe the live rollout and judge it with the spec.halt health checks. Exit 0 healthy, 1 a check fails, 3 unreachable or inconclusive.");
    spec.usageMessage().sortOptions(false);
    input.addTo(spec, paths);
    targetOptions.addTo(spec);
    spec.addOption(
        CommandModel.option("--now", Instant.class, v -> now = v)
            .paramLabel("ISO-8601")
            .converters(new PlanCommand.InstantConverter())
            .description(
                "The instant the observation stands for (default: now): reports older than a minute before it are expired.")
            .build());
    spec.addOption(
        CommandModel.option("--format", v -> format = v)
            .paramLabel("FORMAT")
            .defaultValue("text")
            .description("text or json (default: ${DEFAULT-VALUE}).")
            .build());
    return CommandModel.withStandardHelp(spec);
  }

  Function<LocalPath, ParseResult> parser = p -> new RepositoryParser().parsePath(p);
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean json =
        switch (format) {
          case "text" -> false;
          case "json" -> true;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(),
                  "--format: unknown format \"" + format + "\" (expected text or json)");
        };
    DesiredCluster desired;
    try {
      desired = input.prepare(spec, parser, targetOptions.kind(spec));
    } catch (LiveVersions.Unreachable e) {
      err.println("lockstep: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    ClusterSource cluster = desired.cluster();
    // only the cluster's own settings matter here: the rest of the revision is not applied
    List<Finding> invalid =
        cluster.descriptor() == null
            ? List.of()
            : desired.findings().stream()
                .filter(f -> f.severity().atLeast(dev.lockstep.finding.Severity.ERROR))
                .filter(f -> f.location().file().equals(cluster.descriptor().file()))
                .toList();
    if (!invalid.isEmpty()) {
      invalid.forEach(f -> err.println(f));
      err.println(
          "lockstep: " + cluster.descriptor().file() + " is invalid: the checks cannot run");
      return ExitCodes.USAGE;
    }
    Instant at = now != null ? now : clock.instant();
    List<String> groups =
        GroupConfig.from(
                cluster.autoupdateConfig().orElse(null), cluster.maintenanceConfig().orElse(null))
            .stream()
            .map(GroupConfig::name)
            .toList();
    try {
      RolloutObserver observer =
          targetOptions.observer(spec, input.live.proxySettings(spec, cluster));
      Observation observation = observer.observe(at, groups);
      Assessment assessment =
          HealthChecks.of(cluster.haltSpec())
              .assess(
                  SampleHistory.EMPTY.append(Sample.of(observation), SampleHistory.Bounds.DEFAULT),
                  at);
      out.print(
          json
              ? Json.write(RolloutReport.document(cluster.name(), observation, assessment)) + "\n"
              : RolloutReport.text(cluster.name(), observation, assessment));
      out.flush();
      return switch (assessment.overall()) {
        case HEALTHY -> ExitCodes.OK;
        case HALT -> ExitCodes.FINDINGS;
        case INCONCLUSIVE -> ExitCodes.UNAVAILABLE;
      };
    } catch (TargetException e) {
      err.println("lockstep: cannot read the rollout of " + cluster.name() + ": " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    } finally {
      targetOptions.close();
    }
  }
}
