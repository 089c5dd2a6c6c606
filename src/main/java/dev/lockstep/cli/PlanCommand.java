package dev.lockstep.cli;

import dev.lockstep.check.CheckOptions;
import dev.lockstep.check.CheckResult;
import dev.lockstep.check.ClusterSelection;
import dev.lockstep.check.RevisionCheck;
import dev.lockstep.dashboard.Observation;
import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.GoDuration;
import dev.lockstep.model.Version;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.plan.ObservedRollout;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanFormat;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.reconcile.StatusReader;
import dev.lockstep.reconcile.StatusYaml;
import dev.lockstep.rollout.AgentModel;
import dev.lockstep.rollout.RolloutException;
import dev.lockstep.source.SourceException;
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
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep plan PATH}: validates the repository, then shows whether the revision creates a
 * new rollout, when each update group starts and is done, what agents are told, and warnings. Exit
 * 0 with a plan, 1 when validation finds errors, 2 for usage or input errors.
 */
public final class PlanCommand implements Callable<Integer> {

  CommandSpec spec;
  LocalPath path;
  String cluster;
  Instant from;
  Duration horizon;
  LocalPath base;
  final AuthVersionOption authVersion = new AuthVersionOption();
  PlanFormat format;
  Path output;
  String agents;
  Duration agentDelay;
  Path status;
  final PolicyOptions policyOptions = new PolicyOptions();
  boolean noReports;

  /**
   * The model of {@code plan}, bound to this command's fields, with path arguments resolved by
   * {@code paths}; picocli runs this command on it.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "plan",
            "Simulate Teleport's rollout controller: when each update group moves, and what agents are told.");
    spec.usageMessage().sortOptions(false);
    spec.addPositional(
        CommandModel.positional(0, LocalPath.class, v -> path = v)
            .paramLabel("PATH")
            .converters(paths)
            .description("Repository, cluster folder or one YAML file to plan.")
            .build());
    spec.addOption(
        CommandModel.option("--cluster", v -> cluster = v)
            .paramLabel("NAME")
            .description("Cluster to plan (required when there are several).")
            .build());
    spec.addOption(
        CommandModel.option("--from", Instant.class, v -> from = v)
            .paramLabel("ISO-8601")
            .converters(new InstantConverter())
            .description(
                "When the revision is applied (default: now). The rollout is created at the first whole UTC minute at or after it.")
            .build());
    spec.addOption(
        CommandModel.option("--horizon", Duration.class, v -> horizon = v)
            .paramLabel("DURATION")
            .defaultValue("30d")
            .converters(new HorizonConverter())
            .description("How far to simulate: 30d, 12h, 1h30m, P7D (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--base", LocalPath.class, v -> base = v)
            .paramLabel("PATH|REV")
            .converters(paths)
            .description(
                "The repository before the change, as a folder or as a revision of the Git repository holding PATH "
                    + "(e.g. origin/main): tells a new rollout from an unchanged one.")
            .build());
    authVersion.addTo(spec);
    spec.addOption(
        CommandModel.option("--format", PlanFormat.class, v -> format = v)
            .paramLabel("FORMAT")
            .defaultValue("text")
            .converters(new FormatConverter())
            .description(
                "text, markdown, json, svg (the timeline picture) or html (a self-contained page)"
                    + " (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.output(
            v -> output = v,
            "Write the plan to FILE instead of standard output (e.g. plan.html for a pull-request artifact)."));
    spec.addOption(
        CommandModel.option("--agents", v -> agents = v)
            .paramLabel("COUNTS")
            .description(
                "Agents per update group: 'dev=3,prod=120'; a bare number sets the default (10)."
                    + " A group the schedule does not name joins the last group.")
            .build());
    spec.addOption(
        CommandModel.option("--agent-delay", Duration.class, v -> agentDelay = v)
            .paramLabel("DURATION")
            .defaultValue("10m")
            .converters(new DelayConverter())
            .description(
                "Time from 'told to update' to 'reports the target version' (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--status", Path.class, v -> status = v)
            .paramLabel("FILE")
            .description(
                "A status file Lockstep committed for this cluster (status/<cluster>.yaml on the status"
                    + " branch): svg and html draw its live rollout under the plan, with manual"
                    + " transitions and a halt as markers.")
            .build());
    policyOptions.addTo(spec, paths);
    spec.addOption(
        CommandModel.option("--no-reports", boolean.class, v -> noReports = v)
            .description(
                "Model a cluster without agent reports: groups are done an hour after they start; canaries are never sampled.")
            .build());
    return CommandModel.withStandardHelp(spec);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AgentModel model = agentModel(err);
    if (model == null) {
      return ExitCodes.USAGE;
    }
    Optional<Version> auth = authVersion.value(spec);
    if (status != null && format != PlanFormat.SVG && format != PlanFormat.HTML) {
      err.println(
          "lockstep plan: --status draws on the timeline picture: use it with --format svg or"
              + " --format html");
      return ExitCodes.USAGE;
    }
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
    Optional<DesiredState> before = Optional.empty();
    if (base != null) {
      try {
        before = Optional.of(BaseRevision.state(path, base));
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
    }
    CheckResult checked;
    try {
      checked =
          new RevisionCheck(new CheckOptions(auth, policyOptions.read(spec), Optional.empty()))
              .check(
                  parsed,
                  before,
                  ClusterSelection.one(
                      Optional.ofNullable(cluster), path.shown(), "--cluster NAME"),
                  Map.of());
    } catch (java.io.IOException e) {
      err.println("lockstep plan: cannot read the policies: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    // with a cluster chosen only its scope decides: another team's mistake never blocks its plan
    Findings findings = checked.scope();
    if (findings.hasErrors()) {
      findings.stream().forEach(out::println);
      return ExitCodes.FINDINGS;
    }
    if (checked.selectionProblem().isPresent()) {
      err.println("lockstep plan: " + checked.selectionProblem().get());
      return ExitCodes.USAGE;
    }
    findings.stream()
        .filter(f -> f.severity() != Severity.ERROR)
        .map(Finding::toString)
        .forEach(err::println);
    checked.elsewhereLine().ifPresent(o -> err.println("lockstep plan: " + o));
    try {
      ClusterSource source = checked.selected().orElseThrow();
      Optional<Planner.Baseline> baseline =
          before.map(b -> Planner.Baseline.of(base.typed(), b, parsed.state(), source));
      PlanOptions options = new PlanOptions(from != null ? from : Instant.now(), horizon, model);
      Plan plan = Planner.plan(parsed.state().revision(), source, baseline, options);
      Optional<ObservedRollout> observed = Optional.of(ObservedRollout.NONE);
      if (status != null) {
        observed = observed(source.name(), err);
        if (observed.isEmpty()) {
          return ExitCodes.USAGE;
        }
      }
      String rendered = format.render(plan, observed.get());
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

  /**
   * What the {@code --status} file observed for {@code cluster}: its live rollout with its markers,
   * {@link ObservedRollout#NONE} when it holds no live rollout; empty (after saying why) when the
   * file cannot be read, is not a Lockstep status, or is another cluster's.
   */
  private Optional<ObservedRollout> observed(String cluster, PrintWriter err) {
    String text;
    try {
      text = java.nio.file.Files.readString(status);
    } catch (java.io.IOException e) {
      err.println("lockstep plan: --status " + status + ": cannot read: " + Options.reason(e));
      return Optional.empty();
    }
    Optional<StatusDocument> doc = StatusReader.read(text);
    if (doc.isEmpty()) {
      err.println(
          "lockstep plan: --status "
              + status
              + ": not a Lockstep status file (kind: "
              + StatusYaml.KIND
              + "); pass the status/"
              + cluster
              + ".yaml that serve commits on its status branch");
      return Optional.empty();
    }
    if (!doc.get().cluster().equals(cluster)) {
      err.println(
          "lockstep plan: --status "
              + status
              + ": the status of cluster "
              + doc.get().cluster()
              + ", not "
              + cluster
              + "; pass the status of "
              + cluster
              + " or choose --cluster "
              + doc.get().cluster());
      return Optional.empty();
    }
    return Optional.of(Observation.of(doc.get()).orElse(ObservedRollout.NONE));
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
