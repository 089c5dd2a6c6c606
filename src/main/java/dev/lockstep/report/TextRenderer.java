package dev.lockstep.report;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import java.util.Map;

/**
 * Compiler-style text, so editors and CI logs link each line to its file: {@code
 * clusters/prod/version.yaml:7:5: error [teleport/version-format] ...}, then one summary line.
 */
final class TextRenderer implements FindingsRenderer {

  @Override
  public String render(Findings findings, ReportContext context) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings.items()) {
      sb.append(f).append('\n');
    }
    sb.append(summary(findings, context)).append('\n');
    return sb.toString();
  }

  /** {@code 3 files checked (working tree): 1 error, 2 warnings}. */
  static String summary(Findings findings, ReportContext context) {
    Map<Severity, Integer> n = findings.countBySeverity();
    return context.files().size()
        + (context.files().size() == 1 ? " file" : " files")
        + " checked ("
        + context.revision()
        + "): "
        + plural(n.get(Severity.ERROR), "error")
        + ", "
        + plural(n.get(Severity.WARNING), "warning")
        + (n.get(Severity.INFO) > 0 ? ", " + plural(n.get(Severity.INFO), "note") : "");
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
