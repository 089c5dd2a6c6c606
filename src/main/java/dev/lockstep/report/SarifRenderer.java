package dev.lockstep.report;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.json.Json;
import dev.lockstep.validate.Rules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, the rules its results use (catalog text
 * for built-in rules), results with {@code %SRCROOT%}-relative URIs and a region when the line is
 * known.
 */
final class SarifRenderer implements FindingsRenderer {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  @Override
  public String render(Findings findings, ReportContext context) {
    // the rules the results use: built-in ones with their catalog text, policy rules by id
    Map<String, Map<String, Object>> rules = new TreeMap<>();
    for (Finding f : findings.items()) {
      rules.computeIfAbsent(
          f.rule(),
          id ->
              Rules.byId(id)
                  .map(r -> rule(r.id(), r.description(), r.severity()))
                  .orElseGet(() -> rule(id, "Policy rule " + id + ".", f.severity())));
    }
    List<String> ruleIds = new ArrayList<>(rules.keySet());

    List<Object> results = new ArrayList<>();
    for (Finding f : findings.items()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ruleId", f.rule());
      result.put("ruleIndex", ruleIds.indexOf(f.rule()));
      result.put("level", level(f.severity()));
      result.put("message", Map.of("text", f.message()));
      Map<String, Object> physical = new LinkedHashMap<>();
      Map<String, Object> artifact = new LinkedHashMap<>();
      artifact.put("uri", uri(f.location().file()));
      artifact.put("uriBaseId", "%SRCROOT%");
      physical.put("artifactLocation", artifact);
      if (f.location().hasLine()) {
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", f.location().line());
        if (f.location().column() > 0) {
          region.put("startColumn", f.location().column());
        }
        physical.put("region", region);
      }
      result.put("locations", List.of(Map.of("physicalLocation", physical)));
      results.add(result);
    }

    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "lockstep");
    driver.put("version", context.tool());
    driver.put("rules", new ArrayList<>(rules.values()));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    run.put("columnKind", "unicodeCodePoints");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    root.put("runs", List.of(run));
    return Json.write(root) + "\n";
  }

  private static Map<String, Object> rule(String id, String description, Severity severity) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("shortDescription", Map.of("text", description));
    m.put("defaultConfiguration", Map.of("level", level(severity)));
    return m;
  }

  /**
   * A repository path as a relative URI reference (SARIF requires a valid URI): every byte of its
   * UTF-8 form except unreserved characters and {@code /} is percent-encoded, so spaces, quotes,
   * backslashes, line breaks and non-ASCII letters survive exactly.
   */
  static String uri(String path) {
    StringBuilder sb = new StringBuilder(path.length() + 8);
    for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean keep = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/".indexOf(c) >= 0);
      if (keep) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
