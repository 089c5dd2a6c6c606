package dev.lockstep.report;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;

/**
 * GitHub Actions workflow commands: {@code ::error file=F,line=L,col=C,title=RULE::MESSAGE} per
 * finding ({@code warning} and {@code notice} for the others), then the summary as a plain line.
 * Values are escaped as the runner expects ({@code %}, CR, LF; and {@code :} {@code ,} in
 * properties).
 */
final class GithubRenderer implements FindingsRenderer {

  @Override
  public String render(Findings findings, ReportContext context) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings.items()) {
      String command =
          switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
          };
      sb.append("::").append(command).append(" file=").append(property(f.location().file()));
      if (f.location().hasLine()) {
        sb.append(",line=").append(f.location().line());
        if (f.location().column() > 0) {
          sb.append(",col=").append(f.location().column());
        }
      }
      sb.append(",title=").append(property(f.rule()));
      sb.append("::").append(data(f.message())).append('\n');
    }
    sb.append(TextRenderer.summary(findings, context)).append('\n');
    return sb.toString();
  }

  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
