package dev.lockstep.plan;

import dev.lockstep.json.Json;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.RolloutSpec;
import dev.lockstep.rollout.Simulation;
import dev.lockstep.rollout.TimelineEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a plan as JSON with the documented schema: {@code rollout} {created, strategy, schedule,
 * mode, start_version, target_version, new_rollout}, {@code notes[]}, {@code groups[]} {name,
 * catch_all, agents, unnamed_groups, canary_count, start, done, events[] {at, state, reason,
 * present, up_to_date}}, {@code completes}, {@code warnings[]}. Times are ISO-8601 UTC, null when
 * not reached; {@code rollout} is null when there is none.
 */
final class PlanJsonRenderer {
  private PlanJsonRenderer() {}

  static String render(Plan plan) {
    Simulation sim = plan.simulation();
    RolloutSpec spec = sim.spec();
    Map<String, Object> root = new LinkedHashMap<>();
    if (spec == null) {
      root.put("rollout", null);
    } else {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("created", iso(sim.created()));
      r.put("strategy", spec.strategy().label());
      r.put("schedule", spec.schedule().label());
      r.put("mode", spec.mode().label());
      r.put("start_version", spec.startVersion());
      r.put("target_version", spec.targetVersion());
      r.put("new_rollout", plan.newRollout());
      root.put("rollout", r);
    }
    root.put("notes", plan.notes());
    List<Object> groups = new ArrayList<>();
    for (GroupTimeline g : plan.groups()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.name());
      m.put("catch_all", g.catchAll());
      m.put("agents", g.agents());
      m.put("unnamed_groups", g.unnamedGroups());
      m.put("canary_count", g.config().canaryCount());
      m.put("start", iso(g.start()));
      m.put("done", iso(g.done()));
      List<Object> events = new ArrayList<>();
      for (TimelineEvent e : g.events()) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("at", iso(e.at()));
        ev.put("state", e.state().label());
        ev.put("reason", e.reason());
        ev.put("present", e.present());
        ev.put("up_to_date", e.upToDate());
        events.add(ev);
      }
      m.put("events", events);
      groups.add(m);
    }
    root.put("groups", groups);
    root.put("completes", iso(sim.completes()));
    root.put("warnings", plan.warnings().stream().map(PlanWarning::toString).toList());
    return Json.write(root) + "\n";
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
