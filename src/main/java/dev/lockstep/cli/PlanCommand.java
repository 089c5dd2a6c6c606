package dev.lockstep.cli;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.GoDuration;
import dev.lockstep.model.Version;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanFormat;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.rollout.AgentModel;
import dev.lockstep.rollout.RolloutException;
import dev.lockstep.source.SourceException;
import dev.lockstep.validate.ValidationContext;
import dev.lockstep.validate.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockstep plan PATH}: validates the repository, then shows whether the revision creates a
 * new rollout, when each update group starts and is done, what agents are told, and warnings. Exit
 * 0 with a plan, 1 when validation finds errors, 2 for usage or input errors.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Simulate Teleport's rollout controller: when each update group moves, and what agents are told.")
public final class PlanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      converter = PathArgument.class,
      description = "Repository, cluster folder or one YAML file to plan.")
  LocalPath path;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "Cluster to plan (required when there are several).")
  String cluster;

  @Option(
      names = "--from",
      paramLabel = "ISO-8601",
      converter = InstantConverter.class,
      description =
          "When the revision is applied (default: now). The rollout is created at the first whole UTC minute at or after it.")
  Instant from;

  @Option(
      names = "--horizon",
      paramLabel = "DURATION",
      defaultValue = "30d",
      converter = HorizonConverter.class,
      description = "How far to simulate: 30d, 12h, 1h30m, P7D (default: ${DEFAULT-VALUE}).")
  Duration horizon;

  @Option(
      names = "--base",
      paramLabel = "PATH|REV",
      converter = PathArgument.class,
      description =
          "The repository before the change, as a folder or as a revision of the Git repository holding PATH "
              + "(e.g. origin/main): tells a new rollout from an unchanged one.")
  LocalPath base;

  @picocli.CommandLine.Mixin AuthVersionOption authVersion;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description =
          "text, markdown, json, svg (the timeline picture) or html (a self-contained page)"
              + " (default: ${DEFAULT-VALUE}).")
  PlanFormat format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the plan to FILE instead of standard output (e.g. plan.html for a pull-request artifact).")
  Path output;

  @Option(
      names = "--agents",
      paramLabel = "COUNTS",
      description =
          "Agents per update group: 'dev=3,prod=120'; a bare number sets the default (10)."
              + " A group the schedule does not name joins the last group.")
  String agents;

  @Option(
      names = "--agent-delay",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DelayConverter.class,
      description =
          "Time from 'told to update' to 'reports the target version' (default: ${DEFAULT-VALUE}).")
  Duration agentDelay;

  @picocli.CommandLine.Mixin PolicyOptions policyOptions;

  @Option(
      names = "--no-reports",
      description =
          "Model a cluster without agent reports: groups are done an hour after they start; canaries are never sampled.")
  boolean noReports;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AgentModel model = agentModel(err);
    if (model == null) {
      return ExitCodes.USAGE;
    }
    Optional<Version> auth = authVersion.value(spec);
    if (!path.exists()) {
      err.println("lockstep plan: " + path + ": no such file or directory");
      return ExitCodes.USAGE;
    }
    ParseResult parsed = new RepositoryParser().parsePath(path);
    Optional<String> empty = EmptyInput.problem(path, parsed);
    if (empty.isPresent()) {
      err.println("lockstep plan: " + empty.get());
      return ExitCodes.USAGE;
    }
    ValidationContext context = new ValidationContext(auth, Map.of());
    Findings findings = parsed.findings().plus(new Validator().validate(parsed.state(), context));
    try {
      findings =
          findings.plus(policyOptions.evaluate(spec, parsed.state(), Optional.empty(), context));
    } catch (java.io.IOException e) {
      err.println("lockstep plan: cannot read the policies: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    if (findings.hasErrors()) {
      findings.stream().forEach(out::println);
      return ExitCodes.FINDINGS;
    }
    findings.stream()
        .filter(f -> f.severity() != Severity.ERROR)
        .map(Finding::toString)
        .forEach(err::println);
    try {
      var source = Planner.select(parsed.state(), cluster);
      Optional<Planner.Baseline> baseline = Optional.empty();
      if (base != null) {
        DesiredState before;
        try {
          before = BaseRevision.state(path, base);
        } catch (SourceException e) {
          err.println(
              "lockstep plan: --base "
                  + base.typed()
                  + ": neither a folder nor a revision of the repository holding "
                  + path
                  + " ("
                  + e.getMessage()
                  + ")");
          return ExitCodes.USAGE;
        }
        // the same cluster by name; a single-cluster repository at the root keeps its folder's name
        var same =
            before
                .cluster(source.name())
                .or(
                    () ->
                        before.clusters().size() == 1 && parsed.state().clusters().size() == 1
                            ? Optional.of(before.clusters().get(0))
                            : Optional.empty());
        baseline = Optional.of(new Planner.Baseline(base.typed(), same.orElse(null)));
      }
      PlanOptions options = new PlanOptions(from != null ? from : Instant.now(), horizon, model);
      Plan plan = Planner.plan(parsed.state().revision(), source, baseline, options);
      String rendered = format.render(plan);
      try {
        Options.emit(spec, output, rendered);
      } catch (java.io.IOException e) {
        err.println("lockstep plan: cannot write " + output + ": " + Options.reason(e));
        return ExitCodes.UNAVAILABLE;
      }
      return ExitCodes.OK;
    } catch (IllegalArgumentException | RolloutException e) {
      err.println("lockstep plan: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }

  private AgentModel agentModel(PrintWriter err) {
    int defaultAgents = AgentModel.DEFAULT.defaultAgents();
    Map<String, Integer> perGroup = new LinkedHashMap<>();
    if (agents != null) {
      Pattern pair = Pattern.compile("([^=,\\s]+)=(\\d{1,6})");
      for (String part : agents.split(",")) {
        String p = part.strip();
        Matcher m = pair.matcher(p);
        if (p.matches("\\d{1,6}")) {
          defaultAgents = Integer.parseInt(p);
        } else if (m.matches()) {
          perGroup.put(m.group(1), Integer.parseInt(m.group(2)));
        } else {
          err.println(
              "lockstep plan: invalid value for option '--agents': '"
                  + part
                  + "' (expected GROUP=COUNT or COUNT, e.g. dev=3,prod=120)");
          return null;
        }
      }
    }
    return new AgentModel(defaultAgents, perGroup, agentDelay, !noReports);
  }

  /**
   * Instants: {@code 2026-11-23T09:00:00Z}, with an offset, without one (UTC), or a date (midnight
   * UTC).
   */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        // try the next form
      }
      try {
        return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // try the next form
      }
      try {
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an ISO-8601 instant (e.g. 2026-11-23T09:00:00Z)");
      }
    }
  }

  /**
   * Durations: {@code 30d}, a Go duration ({@code 12h}, {@code 1h30m}) or ISO-8601 ({@code P7D}).
   */
  static Duration parseDuration(String value) {
    Matcher days = Pattern.compile("(\\d{1,5})d").matcher(value);
    if (days.matches()) {
      return Duration.ofDays(Long.parseLong(days.group(1)));
    }
    Optional<Duration> go = GoDuration.parse(value);
    if (go.isPresent()) {
      return go.get();
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration (e.g. 30d, 12h, 1h30m, P7D)");
    }
  }

  /** A positive duration. */
  static final class HorizonConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = parseDuration(value);
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(3660)) > 0) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' must be positive and at most 3660d");
      }
      return d;
    }
  }

  /** A duration that is not negative. */
  static final class DelayConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = parseDuration(value);
      if (d.isNegative()) {
        throw new CommandLine.TypeConversionException("'" + value + "' cannot be negative");
      }
      return d;
    }
  }

  /** text, markdown, json, svg or html; anything else is a usage error. */
  static final class FormatConverter implements CommandLine.ITypeConverter<PlanFormat> {
    @Override
    public PlanFormat convert(String value) {
      try {
        return PlanFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
