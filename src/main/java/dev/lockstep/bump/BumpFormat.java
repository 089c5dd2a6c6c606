package dev.lockstep.bump;

import dev.lockstep.finding.Finding;
import dev.lockstep.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Output formats of {@code lockstep bump}; each owns its renderer. Unknown names are an error,
 * never a silent fallback.
 */
public enum BumpFormat {
  /** For a terminal or a CI log. */
  TEXT,
  /** The documented JSON schema (README, "Bump"). */
  JSON,
  /** One section per cluster, as the pull requests show it. */
  MARKDOWN;

  /** The name on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format of that name. */
  public static BumpFormat parse(String name) {
    for (BumpFormat f : values()) {
      if (f.label().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format \""
            + name
            + "\" (expected "
            + Arrays.stream(values()).map(BumpFormat::label).collect(Collectors.joining(", "))
            + ")");
  }

  /**
   * Renders the report.
   *
   * @param delivered where each cluster's proposal went, by cluster name (absent: printed only)
   */
  public String render(BumpReport report, Map<String, Delivered> delivered) {
    return switch (this) {
      case TEXT -> text(report, delivered);
      case JSON -> Json.write(tree(report, delivered)) + "\n";
      case MARKDOWN ->
          report.clusters().stream()
              .map(PullRequestText::body)
              .collect(Collectors.joining("\n---\n\n"));
    };
  }

  private static String text(BumpReport report, Map<String, Delivered> delivered) {
    StringBuilder s = new StringBuilder();
    for (ClusterBump b : report.clusters()) {
      Decision d = b.decision();
      s.append(d.cluster()).append(": ").append(d.outcome().label());
      if (d.proposed().isPresent()) {
        s.append(' ')
            .append(d.current().map(Object::toString).orElse("?"))
            .append(" -> ")
            .append(d.proposed().get());
      }
      s.append(" (").append(d.reason()).append(")\n");
      d.steps()
          .forEach(
              st -> s.append("  ").append(st.name()).append(": ").append(st.text()).append('\n'));
      for (Candidate c : d.candidates()) {
        s.append("  candidate ")
            .append(c.version())
            .append(": ")
            .append(c.verdict().label())
            .append(c.security() ? " [security-patch=yes]" : "")
            .append(", published ")
            .append(PullRequestText.time(c.published()))
            .append(", soak ends ")
            .append(PullRequestText.time(c.soakedAt()))
            .append(" (")
            .append(c.why())
            .append(")\n");
      }
      for (FileChange f : b.files()) {
        s.append("  file ").append(f.path()).append('\n');
        f.notes().forEach(n -> s.append("    ").append(n).append('\n'));
      }
      b.findings().stream()
          .map(Finding::toString)
          .forEach(f -> s.append("  ").append(f).append('\n'));
      Delivered out = delivered.get(d.cluster());
      if (out != null) {
        s.append("  delivered: ").append(out.mode()).append(' ').append(out.action());
        out.branch().ifPresent(x -> s.append(", branch ").append(x));
        out.pullRequest().ifPresent(x -> s.append(", ").append(x));
        out.closed().forEach(x -> s.append(", closed ").append(x));
        s.append('\n');
      }
    }
    return s.toString();
  }

  /** The JSON document: plain maps and lists in the documented key order. */
  static Map<String, Object> tree(BumpReport report, Map<String, Delivered> delivered) {
    List<Object> clusters = new ArrayList<>();
    for (ClusterBump b : report.clusters()) {
      Decision d = b.decision();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cluster", d.cluster());
      m.put("outcome", d.outcome().label());
      m.put("current", d.current().map(Object::toString).orElse(null));
      m.put("proposed", d.proposed().map(Object::toString).orElse(null));
      m.put(
          "ceiling",
          d.ceiling()
              .map(
                  c -> {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("version", c.version().toString());
                    cm.put("source", c.source().label());
                    return (Object) cm;
                  })
              .orElse(null));
      List<Object> candidates = new ArrayList<>();
      for (Candidate c : d.candidates()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("version", c.version().toString());
        cm.put("published", c.published().toString());
        cm.put("soaked_at", c.soakedAt().toString());
        cm.put("security", c.security());
        cm.put("verdict", c.verdict().label());
        cm.put("why", c.why());
        candidates.add(cm);
      }
      m.put("candidates", candidates);
      List<Object> steps = new ArrayList<>();
      for (Step st : d.steps()) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("step", st.name());
        sm.put("text", st.text());
        steps.add(sm);
      }
      m.put("steps", steps);
      m.put("files", b.files().stream().map(FileChange::path).toList());
      m.put("findings", b.findings().stream().map(Finding::toString).toList());
      m.put("reason", d.reason());
      m.put(
          "promotion",
          d.promotion()
              .map(
                  p -> {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("from", p.from());
                    pm.put("version", p.version());
                    pm.put("done_since", p.doneSince().map(Object::toString).orElse(null));
                    pm.put("soak_ends", p.soakEnds().map(Object::toString).orElse(null));
                    pm.put("commit", p.commit());
                    return (Object) pm;
                  })
              .orElse(null));
      Delivered out = delivered.get(d.cluster());
      if (out == null) {
        m.put("delivery", null);
      } else {
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("mode", out.mode());
        dm.put("action", out.action());
        dm.put("branch", out.branch().orElse(null));
        dm.put("commit", out.commit().orElse(null));
        dm.put("pull_request", out.pullRequest().orElse(null));
        dm.put("closed", out.closed());
        m.put("delivery", dm);
      }
      clusters.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("clusters", clusters);
    return root;
  }
}
