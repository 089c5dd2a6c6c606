package dev.lockstep.reconcile;

import dev.lockstep.finding.Finding;
import dev.lockstep.reconcile.StatusDocument.Group;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Renders a {@link StatusDocument} as stable YAML: fixed key order, instants in UTC at whole
 * seconds, lists in the document's order, {@code \n} line endings. Two documents that differ only
 * in {@code updatedAt} render to texts whose {@link #comparable} forms are equal, which is how the
 * status writer decides that nothing needs committing.
 */
public final class StatusYaml {
  /** The {@code kind} of the document. */
  public static final String KIND = "lockstep_status";

  /**
   * The top-level key holding the time of the reconcile; the only line {@link #comparable} drops.
   */
  public static final String UPDATED_AT = "updatedAt";

  /** The top-level key holding the rollout samples, left out of {@link #comparable}. */
  public static final String SAMPLES = "samples";

  private static final String HEADER =
      "# Written by Lockstep after each reconcile whose outcome changed. Do not edit.\n";

  private StatusYaml() {}

  /** The YAML text of the document. */
  public static String render(StatusDocument s) {
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true)
            .setWidth(4096)
            .setSplitLines(false)
            // core schema: strings such as True, null or 17.2 are quoted, so YAML 1.1 readers keep
            // them strings
            .setSchema(new CoreSchema())
            .build();
    return HEADER + new Dump(settings).dumpToString(tree(s));
  }

  /**
   * The document as maps, lists and scalars in file order: what {@link #render} writes, and what
   * {@code GET /api/status} answers as JSON, so both say the same thing in the same words.
   */
  public static Map<String, Object> tree(StatusDocument s) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", KIND);
    root.put("version", "v1");
    root.put("cluster", s.cluster());
    root.put(UPDATED_AT, time(s.updatedAt()));

    Map<String, Object> sig = new LinkedHashMap<>();
    sig.put("mode", s.source().signature().mode());
    sig.put("verified", s.source().signature().verified());
    putIfNotEmpty(sig, "format", s.source().signature().format());
    putIfNotEmpty(sig, "signer", s.source().signature().signer());
    putIfNotEmpty(sig, "message", s.source().signature().message());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("url", s.source().url());
    source.put("ref", s.source().ref());
    source.put("commit", s.source().commit());
    source.put("signature", sig);
    s.source()
        .rewritten()
        .ifPresent(
            r -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("previous", r.previous());
              m.put("commit", r.commit());
              m.put("at", time(r.at()));
              source.put("rewritten", m);
            });
    root.put("source", source);

    root.put(
        "conditions",
        s.conditions().stream()
            .map(
                c -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("type", c.type());
                  m.put("status", c.status().label());
                  m.put("reason", c.reason());
                  m.put("message", c.message());
                  m.put("observedRevision", c.observedRevision());
                  m.put("lastTransitionTime", time(c.lastTransitionTime()));
                  return m;
                })
            .collect(Collectors.toList()));

    root.put(
        "applied",
        s.applied().stream()
            .map(
                a -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("kind", a.kind());
                  m.put("name", a.name());
                  m.put("change", a.change());
                  putIfNotEmpty(m, "file", a.file());
                  return m;
                })
            .collect(Collectors.toList()));

    Map<String, Object> findings = new LinkedHashMap<>();
    Map<String, Object> counts = new LinkedHashMap<>();
    s.findings().countBySeverity().forEach((sev, n) -> counts.put(sev.label(), n));
    findings.put("counts", counts);
    List<Object> items = new ArrayList<>();
    for (Finding f : s.findings().items()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", f.severity().label());
      m.put("rule", f.rule());
      m.put("file", f.location().file());
      if (f.location().hasLine()) {
        m.put("line", f.location().line());
        if (f.location().column() > 0) {
          m.put("column", f.location().column());
        }
      }
      putIfNotEmpty(m, "path", f.path());
      m.put("message", f.message());
      items.add(m);
    }
    findings.put("items", items);
    root.put("findings", findings);

    s.rollout()
        .ifPresent(
            r -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("state", r.state());
              m.put("startVersion", r.startVersion());
              m.put("targetVersion", r.targetVersion());
              m.put("strategy", r.strategy());
              r.startTime().ifPresent(t -> m.put("startTime", time(t)));
              List<Object> groups = new ArrayList<>();
              for (Group g : r.groups()) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("name", g.name());
                gm.put("state", g.state());
                putIfNotEmpty(gm, "reason", g.reason());
                g.startTime().ifPresent(t -> gm.put("startTime", time(t)));
                gm.put("initialCount", g.initialCount());
                gm.put("presentCount", g.presentCount());
                gm.put("upToDateCount", g.upToDateCount());
                groups.add(gm);
              }
              m.put("groups", groups);
              root.put("rollout", m);
            });

    root.put(
        "timeline",
        s.timeline().stream()
            .map(
                t -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("at", time(t.at()));
                  m.put("group", t.group());
                  m.put("state", t.state());
                  m.put("reason", t.reason());
                  return m;
                })
            .collect(Collectors.toList()));

    root.put(
        "history",
        s.history().stream()
            .map(
                h -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("at", time(h.at()));
                  m.put("revision", h.revision());
                  m.put("ready", h.ready().label());
                  m.put("reason", h.reason());
                  m.put("message", h.message());
                  return m;
                })
            .collect(Collectors.toList()));
    s.halt().ifPresent(h -> root.put("halt", halt(h)));
    // last: the samples change every run and are left out of the comparison (see comparable)
    if (s.samples().size() > 0) {
      root.put(SAMPLES, s.samples().toDocument().get("samples"));
    }
    return root;
  }

  private static Map<String, Object> halt(StatusDocument.Halt h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", h.key());
    m.put("check", h.check());
    putIfNotEmpty(m, "group", h.group());
    m.put("evidence", h.evidence());
    m.put("outcome", h.outcome());
    h.commit().ifPresent(c -> m.put("commit", c));
    m.put("message", h.message());
    m.put("at", time(h.at()));
    m.put("holding", h.holding());
    return m;
  }

  /**
   * The text without the {@code updatedAt} line and the rollout samples: what the writer compares
   * to decide whether the status changed (a new sample alone commits nothing; the samples ride
   * along with the next commit the rollout's state, counts or a check's streak cause). Works on any
   * text (e.g. a file written by an older version).
   */
  public static String comparable(String yaml) {
    StringBuilder out = new StringBuilder();
    boolean inSamples = false;
    for (String l : yaml.replace("\r\n", "\n").lines().toList()) {
      boolean topLevel = !l.isEmpty() && !l.startsWith(" ") && !l.startsWith("-");
      if (topLevel) {
        inSamples = l.startsWith(SAMPLES + ":");
      }
      if (inSamples || l.startsWith(UPDATED_AT + ":")) {
        continue;
      }
      out.append(out.length() == 0 ? "" : "\n").append(l);
    }
    return out.toString();
  }

  /** The text without the {@code updatedAt} line only (the samples kept). */
  public static String untimed(String yaml) {
    return yaml.replace("\r\n", "\n")
        .lines()
        .filter(l -> !l.startsWith(UPDATED_AT + ":"))
        .collect(Collectors.joining("\n"));
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void putIfNotEmpty(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }
}
