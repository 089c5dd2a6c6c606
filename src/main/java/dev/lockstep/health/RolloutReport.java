package dev.lockstep.health;

import dev.lockstep.observe.GroupFind;
import dev.lockstep.observe.Observation;
import dev.lockstep.observe.ObservedReport;
import dev.lockstep.rollout.Canary;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.GroupStatus;
import dev.lockstep.rollout.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code lockstep rollout} prints: the observed rollout, the agent reports and every check's
 * verdict on that one sample, as a JSON document (schema in docs/rollout-health.md) or as text for
 * a terminal. Pure.
 */
public final class RolloutReport {
  private RolloutReport() {}

  /**
   * The JSON document: {@code cluster}, {@code rollout} (null without one), {@code reports}, {@code
   * checks} and {@code verdict}, with the keys the README lists and no others.
   */
  public static Map<String, Object> document(
      String cluster, Observation observation, Assessment assessment) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("cluster", cluster);
    doc.put("rollout", observation.rollout().map(RolloutReport::rollout).orElse(null));
    Map<String, Object> reports = new LinkedHashMap<>();
    reports.put("fresh", observation.reports().fresh().size());
    reports.put("expired", observation.reports().expired().size());
    reports.put("groups", observation.reports().counts());
    doc.put("reports", reports);
    List<Object> checks = new ArrayList<>();
    for (Verdict v : assessment.verdicts()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("check", v.check());
      c.put("group", v.group());
      c.put("verdict", v.outcome().label());
      c.put("evidence", v.evidence());
      checks.add(c);
    }
    doc.put("checks", checks);
    doc.put("verdict", assessment.overall().label());
    return doc;
  }

  private static Map<String, Object> rollout(Rollout r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", r.status().state().label());
    m.put("start_version", r.spec().startVersion());
    m.put("target_version", r.spec().targetVersion());
    m.put("start_time", time(r.status().startTime()));
    List<Object> groups = new ArrayList<>();
    for (GroupStatus g : r.status().groups()) {
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("name", g.name());
      gm.put("state", g.state().label());
      gm.put("reason", g.lastUpdateReason());
      gm.put("start_time", time(g.startTime()));
      gm.put("last_update_time", time(g.lastUpdateTime()));
      gm.put("initial", g.initialCount());
      gm.put("present", g.presentCount());
      gm.put("up_to_date", g.upToDateCount());
      List<Object> canaries = new ArrayList<>();
      for (Canary c : g.canaries()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("hostname", c.hostname());
        cm.put("host_id", c.hostId());
        cm.put("updater_id", c.updaterId());
        cm.put("success", c.success());
        canaries.add(cm);
      }
      gm.put("canaries", canaries);
      groups.add(gm);
    }
    m.put("groups", groups);
    return m;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  /** The same as lines for a terminal: rollout, groups, reports, every verdict, the verdict. */
  public static String text(String cluster, Observation o, Assessment a) {
    StringBuilder b = new StringBuilder();
    b.append("Cluster ")
        .append(cluster)
        .append(", observed ")
        .append(o.at())
        .append(" through ")
        .append(o.source().label())
        .append('\n');
    if (o.rollout().isPresent()) {
      Rollout r = o.rollout().get();
      b.append("Rollout ")
          .append(r.spec().startVersion())
          .append(" -> ")
          .append(r.spec().targetVersion())
          .append(", ")
          .append(r.spec().strategy().label())
          .append(", mode ")
          .append(r.spec().mode().label())
          .append(", state ")
          .append(r.status().state().label())
          .append(r.status().startTime() == null ? "" : ", created " + r.status().startTime())
          .append('\n');
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "group", "state", "reason", "started", "initial/present/up to date", "canaries"
          });
      for (GroupStatus g : r.status().groups()) {
        rows.add(
            new String[] {
              g.name(),
              g.state().label(),
              g.lastUpdateReason(),
              g.startTime() == null ? "-" : g.startTime().toString(),
              g.initialCount()
                  + "/"
                  + g.presentCount()
                  + "/"
                  + g.upToDateCount()
                  + (g.presentCount() == 0
                      ? ""
                      : String.format(
                          Locale.ROOT, " (%.0f%%)", 100.0 * g.upToDateCount() / g.presentCount())),
              canaries(g)
            });
      }
      table(b, rows);
    } else if (o.finds().isEmpty()) {
      b.append(
          "No rollout (no autoupdate_agent_rollout: the cluster has no autoupdate_version agents section)\n");
    }
    if (!o.finds().isEmpty()) {
      b.append(
          "What /webapi/find tells each group (no credentials: no rollout state or counts):\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"group", "agent version", "update now"});
      for (GroupFind f : o.finds()) {
        rows.add(
            new String[] {
              f.group().isEmpty() ? "(none)" : f.group(),
              f.agentVersion(),
              f.agentAutoUpdate() ? "yes" : "no"
            });
      }
      table(b, rows);
    }
    if (o.reports().read()) {
      b.append("Reports: ")
          .append(o.reports().fresh().size())
          .append(" fresh, ")
          .append(o.reports().expired().size())
          .append(" expired (older than a minute, not counted), ")
          .append(o.reports().agents())
          .append(" agent(s)\n");
      Map<String, Map<String, Long>> counts = o.reports().counts();
      if (!counts.isEmpty()) {
        Set<String> versions = new TreeSet<>();
        counts.values().forEach(v -> versions.addAll(v.keySet()));
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("version"));
        header.addAll(counts.keySet());
        rows.add(header.toArray(String[]::new));
        for (String v : versions) {
          List<String> row = new ArrayList<>(List.of(v));
          counts.values().forEach(c -> row.add(String.valueOf(c.getOrDefault(v, 0L))));
          rows.add(row.toArray(String[]::new));
        }
        table(b, rows);
      }
      for (ObservedReport.Omission om : o.reports().omitted()) {
        b.append("  ")
            .append(om.count())
            .append(" agent(s) omitted: ")
            .append(oneLine(om.reason()))
            .append('\n');
      }
    }
    o.notes().forEach(n -> b.append("Note: ").append(oneLine(n)).append('\n'));
    b.append("Checks:\n");
    if (a.verdicts().isEmpty()) {
      b.append("  (none: nothing to judge)\n");
    }
    for (Verdict v : a.verdicts()) {
      b.append("  ")
          .append(String.format(Locale.ROOT, "%-13s", v.outcome().label()))
          .append(oneLine(v.check()))
          .append(v.group().isEmpty() ? "" : " " + oneLine(v.group()))
          .append(": ")
          .append(oneLine(v.evidence()))
          .append('\n');
    }
    long failing = a.verdicts().stream().filter(v -> v.outcome() == Outcome.FAIL).count();
    b.append("Verdict: ")
        .append(a.overall().label())
        .append(
            switch (a.overall()) {
              case HALT -> " (" + failing + " check(s) fail on this sample)";
              case INCONCLUSIVE -> " (data missing or expired: no check can judge)";
              case HEALTHY -> "";
            })
        .append('\n');
    return b.toString();
  }

  private static String canaries(GroupStatus g) {
    if (g.canaryCount() == 0) {
      return "-";
    }
    StringBuilder s =
        new StringBuilder().append(g.successfulCanaries()).append('/').append(g.canaryCount());
    List<String> waiting =
        g.canaries().stream().filter(c -> !c.success()).map(Canary::hostname).toList();
    if (!waiting.isEmpty() && g.state() == GroupState.CANARY) {
      s.append(" waiting for ").append(String.join(", ", waiting));
    }
    return s.toString();
  }

  /** Values come from the cluster: a control character must not break or forge a line. */
  private static String oneLine(String s) {
    return s.replaceAll("\\p{Cntrl}", "?");
  }

  private static void table(StringBuilder b, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        r[i] = oneLine(r[i]);
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < r.length; i++) {
        line.append(
            i == r.length - 1
                ? r[i]
                : String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", r[i]));
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
