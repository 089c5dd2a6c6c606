package dev.lockstep.report;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON: {@code {"findings":[{"rule","severity","file","line","column","path","message"}],
 * "summary":{"files","errors","warnings","info","failed","revision"}}}. Lines and columns are
 * 1-based, 0 when unknown. Documented in docs/commands.md, "Output formats".
 */
final class JsonRenderer implements FindingsRenderer {

  @Override
  public String render(Findings findings, ReportContext context) {
    List<Object> items = new ArrayList<>();
    for (Finding f : findings.items()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", f.rule());
      m.put("severity", f.severity().label());
      m.put("file", f.location().file());
      m.put("line", f.location().line());
      m.put("column", f.location().column());
      m.put("path", f.path());
      m.put("message", f.message());
      items.add(m);
    }
    Map<Severity, Integer> n = findings.countBySeverity();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("revision", context.revision());
    summary.put("files", context.files().size());
    summary.put("errors", n.get(Severity.ERROR));
    summary.put("warnings", n.get(Severity.WARNING));
    summary.put("info", n.get(Severity.INFO));
    summary.put("failed", findings.any(context.failOn()));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("findings", items);
    root.put("summary", summary);
    return Json.write(root) + "\n";
  }
}
