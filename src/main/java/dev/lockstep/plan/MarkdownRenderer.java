package dev.lockstep.plan;

import dev.lockstep.model.GoDuration;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.RolloutSpec;
import dev.lockstep.rollout.Schedule;
import dev.lockstep.rollout.Simulation;
import dev.lockstep.rollout.Strategy;
import dev.lockstep.rollout.TimelineEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders a plan as a pull-request comment: a summary, a group table, a Mermaid gantt, details. */
final class MarkdownRenderer {

  /** Bars per group in the chart; time-based groups may be active in many windows. */
  static final int MAX_BARS = 20;

  private static final DateTimeFormatter GANTT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private MarkdownRenderer() {}

  static String render(Plan plan) {
    StringBuilder b = new StringBuilder();
    Simulation sim = plan.simulation();
    RolloutSpec spec = sim.spec();
    b.append("### Lockstep plan: cluster `").append(plan.cluster()).append("`\n\n");
    b.append("Revision `").append(plan.revision()).append('`');
    if (plan.baseRevision() != null) {
      b.append(", base `").append(plan.baseRevision()).append('`');
    }
    b.append(". **").append(capitalise(PlanTextRenderer.changeLabel(plan))).append("**");
    if (spec != null) {
      b.append(": `")
          .append(spec.startVersion())
          .append("` → `")
          .append(spec.targetVersion())
          .append("`, ")
          .append(spec.strategy().label());
      if (spec.strategy() == Strategy.TIME_BASED) {
        b.append(" (")
            .append(GoDuration.human(spec.maintenanceWindowDuration()))
            .append(" windows)");
      }
      b.append(", schedule ")
          .append(spec.schedule().label())
          .append(", mode ")
          .append(spec.mode().label())
          .append(", created ")
          .append(PlanTextRenderer.time(sim.created()))
          .append(" UTC");
    }
    b.append(".\n\n");
    plan.notes().forEach(n -> b.append("- ").append(n).append('\n'));
    if (!plan.notes().isEmpty()) {
      b.append('\n');
    }
    if (spec != null && spec.schedule() == Schedule.IMMEDIATE) {
      b.append(PlanTextRenderer.immediateSentence(plan)).append("\n\n");
    } else if (spec != null) {
      b.append("| Group | Window (UTC) | Agents | Start | Done |\n|---|---|---|---|---|\n");
      for (GroupTimeline g : plan.groups()) {
        b.append("| ")
            .append(cell(g.name()))
            .append(g.catchAll() ? " (catch-all)" : "")
            .append(" | ")
            .append(cell(PlanTextRenderer.windowSummary(spec, g)))
            .append(" | ")
            .append(g.agents())
            .append(cell(PlanTextRenderer.unnamedBreakdown(g)))
            .append(" | ")
            .append(PlanTextRenderer.orNever(g.start()))
            .append(" | ")
            .append(PlanTextRenderer.orNever(g.done()))
            .append(" |\n");
      }
      b.append("\n**")
          .append(capitalise(PlanTextRenderer.completesSentence(plan)))
          .append("**\n\n");
      gantt(b, plan);
      for (GroupTimeline g : plan.groups()) {
        b.append("<details><summary>")
            .append(html(g.name()))
            .append(g.catchAll() ? " (catch-all)" : "")
            .append(": ")
            .append(g.events().size())
            .append(" events</summary>\n\n");
        PlanTextRenderer.toldLines(plan, g).forEach(l -> b.append("- ").append(l).append('\n'));
        boolean counts = sim.agents().reports();
        b.append(
            counts
                ? "\n| At (UTC) | State | Reason | Up to date |\n|---|---|---|---|\n"
                : "\n| At (UTC) | State | Reason |\n|---|---|---|\n");
        int shown = 0;
        for (TimelineEvent e : g.events()) {
          if (shown++ == PlanTextRenderer.MAX_EVENTS) {
            b.append("| … | | ")
                .append(g.events().size() - PlanTextRenderer.MAX_EVENTS)
                .append(counts ? " more | |\n" : " more |\n");
            break;
          }
          b.append("| ")
              .append(PlanTextRenderer.time(e.at()))
              .append(" | ")
              .append(e.state().label())
              .append(" | `")
              .append(e.reason())
              .append("` |");
          if (counts) {
            b.append(' ').append(e.upToDate()).append('/').append(e.present()).append(" |");
          }
          b.append('\n');
        }
        b.append("\n</details>\n\n");
      }
    }
    if (!plan.warnings().isEmpty()) {
      b.append("#### Warnings\n\n");
      plan.warnings()
          .forEach(
              w ->
                  b.append("- **")
                      .append(w.code().id())
                      .append("**: ")
                      .append(w.message())
                      .append('\n'));
      b.append('\n');
    }
    if (spec != null) {
      b.append("<sub>Agent model: ")
          .append(sim.agents().describe())
          .append(". Simulated with Teleport's controller rules")
          .append(" until ")
          .append(PlanTextRenderer.time(sim.horizonEnd()))
          .append(" UTC.</sub>\n");
    }
    return b.toString();
  }

  private static void gantt(StringBuilder b, Plan plan) {
    Simulation sim = plan.simulation();
    RolloutSpec spec = sim.spec();
    Instant stop = sim.completes() != null ? sim.completes() : sim.horizonEnd();
    b.append("```mermaid\ngantt\n    title ")
        .append(mermaid(plan.cluster()))
        .append(' ')
        .append(mermaid(spec.startVersion()))
        .append(" to ")
        .append(mermaid(spec.targetVersion()))
        .append(" (UTC)\n")
        .append("    dateFormat YYYY-MM-DD HH:mm\n    axisFormat %a %d %H:%M\n")
        .append("    section rollout\n    created :milestone, ")
        .append(GANTT.format(sim.created()))
        .append(", 0m\n");
    for (GroupTimeline g : plan.groups()) {
      b.append("    section ").append(mermaid(g.name())).append('\n');
      GroupState open = null;
      Instant openedAt = null;
      int bars = 0;
      for (TimelineEvent e : g.events()) {
        if (open != null && e.state() != open) {
          bars += bar(b, open, openedAt, e.at(), false, bars);
          open = null;
        }
        if (open == null && (e.state() == GroupState.ACTIVE || e.state() == GroupState.CANARY)) {
          open = e.state();
          openedAt = e.at();
        }
      }
      if (open != null) {
        bars += bar(b, open, openedAt, stop, sim.completes() == null, bars);
      }
      if (bars == 0) {
        b.append("    not started :crit, ")
            .append(GANTT.format(sim.created()))
            .append(", ")
            .append(GANTT.format(stop))
            .append('\n');
      }
    }
    b.append("```\n\n");
  }

  private static int bar(
      StringBuilder b, GroupState state, Instant from, Instant to, boolean unfinished, int bars) {
    if (bars >= MAX_BARS) {
      return 0;
    }
    b.append("    ")
        .append(state.label())
        .append(" :")
        .append(unfinished ? "crit, " : "")
        .append(GANTT.format(from))
        .append(", ")
        .append(GANTT.format(to))
        .append('\n');
    return 1;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // mermaid gantt lines are split on ':' and '#' starts a comment
  private static String mermaid(String s) {
    return s.replaceAll("[:;#]", "_");
  }
}
