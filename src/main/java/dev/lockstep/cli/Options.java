package dev.lockstep.cli;

import dev.lockstep.finding.Severity;
import dev.lockstep.model.InvalidVersionException;
import dev.lockstep.model.Version;
import dev.lockstep.report.OutputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Option conversions shared by the commands; bad values are usage errors (exit 2), never fallbacks.
 */
final class Options {
  private Options() {}

  static OutputFormat format(CommandSpec spec, String value) {
    try {
      return OutputFormat.fromLabel(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
    }
  }

  static Severity failOn(CommandSpec spec, String value) {
    if (!value.equals("error") && !value.equals("warning")) {
      throw new ParameterException(
          spec.commandLine(),
          "--fail-on: unknown level \"" + value + "\" (expected error or warning)");
    }
    return Severity.fromLabel(value);
  }

  static Optional<Version> version(CommandSpec spec, String option, String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Version.parseLenient(value));
    } catch (InvalidVersionException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  /** Why a file could not be written, in words that say what to fix. */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "its folder does not exist (create it first)";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Writes the report to the file, or to standard output. */
  static void emit(CommandSpec spec, Path output, String text) throws IOException {
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    }
  }
}
