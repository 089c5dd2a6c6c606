package dev.lockstep.report;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitLab's code-quality report (the Code Climate subset GitLab reads from {@code
 * artifacts:reports:codequality}): a JSON array with one issue per finding, {@code
 * {"description","check_name","fingerprint","severity","location":{"path","lines":{"begin"}}}}.
 * Errors are {@code major}, warnings {@code minor}, information {@code info}. A finding without a
 * line is placed on line 1, since GitLab requires one. The fingerprint is a hash of the file, line,
 * rule and message, so two findings never share one (GitLab shows only the first of a fingerprint)
 * and the same finding keeps it from run to run. A clean report is {@code []}.
 */
final class CodeQualityRenderer implements FindingsRenderer {

  @Override
  public String render(Findings findings, ReportContext context) {
    List<Object> issues = new ArrayList<>();
    for (Finding f : findings.items()) {
      int line = f.location().hasLine() ? f.location().line() : 1;
      Map<String, Object> issue = new LinkedHashMap<>();
      issue.put("description", f.message());
      issue.put("check_name", f.rule());
      issue.put("fingerprint", fingerprint(f.location().file(), line, f.rule(), f.message()));
      issue.put(
          "severity",
          switch (f.severity()) {
            case ERROR -> "major";
            case WARNING -> "minor";
            case INFO -> "info";
          });
      Map<String, Object> location = new LinkedHashMap<>();
      location.put("path", f.location().file());
      location.put("lines", Map.of("begin", line));
      issue.put("location", location);
      issues.add(issue);
    }
    return Json.write(issues) + "\n";
  }

  private static String fingerprint(String file, int line, String rule, String message) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest(
              String.join("\0", file, String.valueOf(line), rule, message)
                  .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
