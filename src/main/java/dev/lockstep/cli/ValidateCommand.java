package dev.lockstep.cli;

import dev.lockstep.check.CheckOptions;
import dev.lockstep.check.CheckResult;
import dev.lockstep.check.ClusterSelection;
import dev.lockstep.check.LiveVersions;
import dev.lockstep.check.RevisionCheck;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Version;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.report.OutputFormat;
import dev.lockstep.report.ReportContext;
import dev.lockstep.source.SourceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep validate PATH}: parses a repository, a cluster folder or one file, runs every
 * built-in rule and prints the findings. Exit 0 when nothing reaches the fail level, 1 when
 * something does, 2 for bad arguments or a missing path, 3 when {@code --live} cannot read a Proxy.
 * Reads only; never writes to a cluster.
 */
public final class ValidateCommand implements Callable<Integer> {
  LocalPath path;
  final AuthVersionOption authVersion = new AuthVersionOption();
  String format;
  String failOn;
  Path output;
  final LiveOptions liveOptions = new LiveOptions();
  final PolicyOptions policyOptions = new PolicyOptions();
  LocalPath base;
  CommandSpec spec;

  /**
   * The model of {@code validate}, bound to this command's fields, with path arguments resolved by
   * {@code paths}; picocli runs {@link #call} on it.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "validate",
            "Validate a repository, a cluster folder or one file against Teleport's rules and the compatibility rules.");
    spec.addPositional(
        CommandModel.positional(0, LocalPath.class, v -> path = v)
            .paramLabel("PATH")
            .converters(paths)
            .description(
                "Repository, cluster folder or YAML file. A folder inside a repository's clusters/ is checked with its repository's channels and policies.")
            .build());
    authVersion.addTo(spec);
    spec.addOption(
        CommandModel.option("--format", v -> format = v)
            .paramLabel("FORMAT")
            .defaultValue("text")
            .description(
                "Output format: text, json, sarif, junit or github (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--fail-on", v -> failOn = v)
            .paramLabel("LEVEL")
            .defaultValue("error")
            .description(
                "Exit 1 when a finding is at least this severe: error or warning (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.output(
            v -> output = v,
            "Write the report to FILE instead of standard output (e.g. a SARIF file for upload)."));
    liveOptions.addTo(spec);
    policyOptions.addTo(spec, paths);
    spec.addOption(
        CommandModel.option("--base", LocalPath.class, v -> base = v)
            .paramLabel("PATH|REV")
            .converters(paths)
            .description(
                "Also check against the repository before the change, as a folder or as a revision of the Git repository "
                    + "holding PATH (e.g. origin/main): a target major more than one above the base's is an error (compat/major-skip).")
            .build());
    return CommandModel.withStandardHelp(spec);
  }

  @Override
  public Integer call() throws IOException {
    OutputFormat outputFormat = Options.format(spec, format);
    Severity threshold = Options.failOn(spec, failOn);
    Optional<Version> auth = authVersion.value(spec);
    if (!path.exists()) {
      spec.commandLine().getErr().println("lockstep: " + path + ": no such file or directory");
      return ExitCodes.USAGE;
    }
    ParseResult parsed = new RepositoryParser().parsePath(path);
    Optional<String> empty = EmptyInput.problem(path, parsed);
    if (empty.isPresent()) {
      spec.commandLine().getErr().println("lockstep: " + empty.get());
      return ExitCodes.USAGE;
    }
    Optional<DesiredState> baseState = Optional.empty();
    if (base != null) {
      try {
        baseState = Optional.of(BaseRevision.state(path, base));
      } catch (SourceException e) {
        spec.commandLine()
            .getErr()
            .println("lockstep: --base " + base.typed() + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    CheckResult checked;
    try {
      checked =
          new RevisionCheck(new CheckOptions(auth, policyOptions.read(spec), Optional.empty()))
              .check(parsed, baseState, ClusterSelection.all(), liveOptions.versions(spec));
    } catch (LiveVersions.Unreachable e) {
      spec.commandLine().getErr().println("lockstep: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    Findings findings = checked.findings();
    ReportContext report =
        new ReportContext(
            Main.version(),
            parsed.state().revision(),
            CheckedFiles.of(parsed.state(), findings),
            threshold);
    Options.emit(spec, output, outputFormat.renderer().render(findings, report));
    return findings.any(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
