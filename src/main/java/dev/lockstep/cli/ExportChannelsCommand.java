package dev.lockstep.cli;

import dev.lockstep.channel.ChannelDocuments;
import dev.lockstep.channel.ChannelExport;
import dev.lockstep.check.CheckOptions;
import dev.lockstep.check.ClusterSelection;
import dev.lockstep.check.RevisionCheck;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.Version;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.report.OutputFormat;
import dev.lockstep.report.ReportContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep export-channels PATH --out DIR}: checks a repository as {@code validate} does
 * (built-in rules and the repository's policies) and writes its release channels as {@code
 * DIR/<channel>/version} and {@code DIR/<channel>/critical}, the files an S3 or GCS bucket or nginx
 * serves to v1 updaters (teleport-semantics §13.1). Writes nothing when validation finds an error
 * (exit 1, findings printed); exit 2 for bad arguments or a channel name that cannot be a path, 3
 * when DIR cannot be written.
 */
public final class ExportChannelsCommand implements Callable<Integer> {

  LocalPath path;
  Path out;
  final AuthVersionOption authVersion = new AuthVersionOption();
  boolean versionPrefix;
  CommandSpec spec;

  /**
   * {@code export-channels}'s picocli model, bound to this command's fields, paths resolved by
   * {@code paths}.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "export-channels",
            "Validate a repository and write its release channels (<channel>/version, <channel>/critical) "
                + "to a folder for static hosting (S3, GCS, nginx). Writes nothing when validation fails.");
    spec.addPositional(
        CommandModel.positional(0, LocalPath.class, v -> path = v)
            .paramLabel("PATH")
            .converters(paths)
            .description("Repository (or folder) to read the channels from.")
            .build());
    spec.addOption(
        CommandModel.option("--out", Path.class, v -> out = v)
            .paramLabel("DIR")
            .required(true)
            .description(
                "Folder to write <channel>/version and <channel>/critical into (created when missing).")
            .build());
    authVersion.addTo(spec);
    spec.addOption(
        CommandModel.option("--version-prefix", boolean.class, v -> versionPrefix = v)
            .negatable(true)
            .defaultValue("true")
            .fallbackValue("true")
            .description(
                "Write versions with a leading v (v17.2.1), as Teleport's version servers do (default: ${DEFAULT-VALUE}).")
            .build());
    return CommandModel.withStandardHelp(spec);
  }

  @Override
  public Integer call() throws IOException {
    Optional<Version> auth = authVersion.value(spec);
    PrintWriter err = spec.commandLine().getErr();
    if (!path.exists()) {
      err.println("lockstep: " + path + ": no such file or directory");
      return ExitCodes.USAGE;
    }
    ParseResult parsed = new RepositoryParser().parsePath(path);
    Optional<String> empty = EmptyInput.problem(path, parsed);
    if (empty.isPresent()) {
      err.println("lockstep: " + empty.get());
      return ExitCodes.USAGE;
    }
    Findings findings =
        new RevisionCheck(new CheckOptions(auth, List.of(), Optional.empty()))
            .check(parsed, Optional.empty(), ClusterSelection.all(), Map.of())
            .findings();
    ReportContext context =
        new ReportContext(
            Main.version(),
            parsed.state().revision(),
            CheckedFiles.of(parsed.state(), findings),
            Severity.ERROR);
    if (!findings.isEmpty()) {
      Options.emit(spec, null, OutputFormat.TEXT.renderer().render(findings, context));
    }
    if (findings.hasErrors()) {
      err.println("lockstep: validation failed; nothing written to " + out);
      return ExitCodes.FINDINGS;
    }
    List<String> written;
    try {
      written =
          ChannelExport.write(ChannelDocuments.of(parsed.state().channels(), versionPrefix), out);
    } catch (IllegalArgumentException e) {
      err.println("lockstep: " + e.getMessage() + "; nothing written to " + out);
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println("lockstep: " + out + ": " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    }
    PrintWriter o = spec.commandLine().getOut();
    written.forEach(f -> o.println(out.resolve(f)));
    o.println(
        parsed.state().channels().size()
            + " channels exported from "
            + parsed.state().revision()
            + " to "
            + out);
    o.flush();
    return ExitCodes.OK;
  }
}
