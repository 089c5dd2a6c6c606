package dev.lockstep.report;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML, as CI systems show test results: one test case per file checked, failed when the file
 * has findings at or above the fail level; findings below it go to the case's {@code system-out}.
 * Findings of files not in the list (rare) get a case of their own.
 */
final class JunitRenderer implements FindingsRenderer {

  @Override
  public String render(Findings findings, ReportContext context) {
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    context.files().forEach(f -> byFile.put(f, new ArrayList<>()));
    findings
        .items()
        .forEach(f -> byFile.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f));

    int failures = 0;
    StringBuilder cases = new StringBuilder();
    for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
      List<Finding> failing =
          e.getValue().stream().filter(f -> f.severity().atLeast(context.failOn())).toList();
      List<Finding> other =
          e.getValue().stream().filter(f -> !f.severity().atLeast(context.failOn())).toList();
      cases
          .append("    <testcase classname=\"lockstep.validate\" name=\"")
          .append(attribute(e.getKey()))
          .append('"');
      if (failing.isEmpty() && other.isEmpty()) {
        cases.append("/>\n");
        continue;
      }
      cases.append(">\n");
      if (!failing.isEmpty()) {
        failures++;
        cases
            .append("      <failure message=\"")
            .append(attribute(failing.size() + (failing.size() == 1 ? " finding" : " findings")))
            .append("\" type=\"")
            .append(attribute(failing.get(0).rule()))
            .append("\">");
        failing.forEach(f -> cases.append(xml(f.toString())).append('\n'));
        cases.append("</failure>\n");
      }
      if (!other.isEmpty()) {
        cases.append("      <system-out>");
        other.forEach(f -> cases.append(xml(f.toString())).append('\n'));
        cases.append("</system-out>\n");
      }
      cases.append("    </testcase>\n");
    }
    int tests = byFile.size();
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuites name=\"lockstep\" tests=\""
        + tests
        + "\" failures=\""
        + failures
        + "\">\n"
        + "  <testsuite name=\"lockstep validate ("
        + attribute(context.revision())
        + ")\" tests=\""
        + tests
        + "\" failures=\""
        + failures
        + "\" errors=\"0\" skipped=\"0\">\n"
        + cases
        + "  </testsuite>\n"
        + "</testsuites>\n";
  }

  /**
   * Escapes an attribute value: as {@link #xml}, and line breaks and tabs as character references,
   * which a parser's attribute normalisation would otherwise turn into spaces (a file name with a
   * line break would lose it).
   */
  static String attribute(String s) {
    return xml(s).replace("\n", "&#10;").replace("\t", "&#9;");
  }

  /**
   * Escapes XML text; a carriage return becomes {@code &#13;} (parsers turn a literal one into a
   * line feed) and characters XML 1.0 cannot hold become U+FFFD.
   */
  static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\r' -> sb.append("&#13;");
                default -> {
                  if (c == 0x9
                      || c == 0xA
                      || c == 0xD
                      || (c >= 0x20 && c <= 0xD7FF)
                      || (c >= 0xE000 && c <= 0xFFFD)
                      || c >= 0x10000) {
                    sb.appendCodePoint(c);
                  } else {
                    sb.append('\uFFFD');
                  }
                }
              }
            });
    return sb.toString();
  }
}
