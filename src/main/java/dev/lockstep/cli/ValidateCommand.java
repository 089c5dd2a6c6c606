package dev.lockstep.cli;

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
import dev.lockstep.validate.BaseRules;
import dev.lockstep.validate.ValidationContext;
import dev.lockstep.validate.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockstep validate PATH}: parses a repository, a cluster folder or one file, runs every
 * built-in rule and prints the findings. Exit 0 when nothing reaches the fail level, 1 when
 * something does, 2 for bad arguments or a missing path, 3 when {@code --live} cannot read a Proxy.
 * Reads only; never writes to a cluster.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Validate a repository, a cluster folder or one file against Teleport's rules and the compatibility rules.")
public final class ValidateCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      converter = PathArgument.class,
      description =
          "Repository, cluster folder or YAML file. A folder inside a repository's clusters/ is checked with its repository's channels and policies.")
  LocalPath path;

  @picocli.CommandLine.Mixin AuthVersionOption authVersion;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "Output format: text, json, sarif, junit or github (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "error",
      description =
          "Exit 1 when a finding is at least this severe: error or warning (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the report to FILE instead of standard output (e.g. a SARIF file for upload).")
  Path output;

  @picocli.CommandLine.Mixin LiveOptions liveOptions;

  @picocli.CommandLine.Mixin PolicyOptions policyOptions;

  @Option(
      names = "--base",
      paramLabel = "PATH|REV",
      converter = PathArgument.class,
      description =
          "Also check against the repository before the change, as a folder or as a revision of the Git repository "
              + "holding PATH (e.g. origin/main): a target major more than one above the base's is an error (compat/major-skip).")
  LocalPath base;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

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
    Map<String, Version> live;
    try {
      live = liveOptions.read(spec, parsed.state().clusters());
    } catch (LiveOptions.Unreachable e) {
      spec.commandLine().getErr().println("lockstep: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    ValidationContext context = new ValidationContext(auth, live);
    Findings findings = parsed.findings().plus(new Validator().validate(parsed.state(), context));
    Optional<DesiredState> baseState = Optional.empty();
    if (base != null) {
      try {
        baseState = Optional.of(BaseRevision.state(path, base));
        findings = findings.plus(BaseRules.check(parsed.state(), baseState.get()));
      } catch (SourceException e) {
        spec.commandLine()
            .getErr()
            .println("lockstep: --base " + base.typed() + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    findings = findings.plus(policyOptions.evaluate(spec, parsed.state(), baseState, context));
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
