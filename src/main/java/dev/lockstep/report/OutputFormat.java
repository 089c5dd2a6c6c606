package dev.lockstep.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Output formats for findings. An unknown name is an error, never a silent fallback to text. */
public enum OutputFormat {
  /** Compiler style, one finding a line: {@code file:line:col: error [rule] message}. */
  TEXT(new TextRenderer()),
  /** A JSON document: {@code findings[]} and {@code summary}. */
  JSON(new JsonRenderer()),
  /** SARIF 2.1.0, for GitHub code scanning and other SARIF consumers. */
  SARIF(new SarifRenderer()),
  /** JUnit XML: one test case per file checked. */
  JUNIT(new JunitRenderer()),
  /**
   * GitHub Actions workflow commands ({@code ::error file=...}), shown as annotations on the PR.
   */
  GITHUB(new GithubRenderer()),
  /** GitLab's code-quality report (Code Climate JSON), shown in the merge request. */
  CODEQUALITY(new CodeQualityRenderer());

  private final FindingsRenderer renderer;

  OutputFormat(FindingsRenderer renderer) {
    this.renderer = renderer;
  }

  /** The renderer for this format. */
  public FindingsRenderer renderer() {
    return renderer;
  }

  /** The name as written on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a format name; unknown names are rejected with the list of known ones. */
  public static OutputFormat fromLabel(String label) {
    for (OutputFormat f : values()) {
      if (f.label().equals(label)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format \"" + label + "\" (expected one of: " + labels() + ")");
  }

  /** The known names, comma-separated. */
  public static String labels() {
    return Arrays.stream(values()).map(OutputFormat::label).collect(Collectors.joining(", "));
  }
}
