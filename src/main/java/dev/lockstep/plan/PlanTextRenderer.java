package dev.lockstep.plan;

import dev.lockstep.model.GoDuration;
import dev.lockstep.model.Weekdays;
import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.GroupConfig;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.RolloutSpec;
import dev.lockstep.rollout.Schedule;
import dev.lockstep.rollout.Simulation;
import dev.lockstep.rollout.Strategy;
import dev.lockstep.rollout.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a plan for a terminal. Shares its sentences with {@link MarkdownRenderer}. */
final class PlanTextRenderer {

  /** Events shown per group; the JSON keeps them all. */
  static final int MAX_EVENTS = 40;

  /** The longest reason, {@code rollout_changed_during_window}. */
  private static final int REASON_WIDTH = 29;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private PlanTextRenderer() {}

  static String render(Plan plan) {
    StringBuilder b = new StringBuilder();
    Simulation sim = plan.simulation();
    RolloutSpec spec = sim.spec();
    b.append("Plan for cluster ")
        .append(plan.cluster())
        .append(", revision ")
        .append(plan.revision());
    if (plan.baseRevision() != null) {
      b.append(" (base ").append(plan.baseRevision()).append(')');
    }
    b.append("\n\nRollout\n");
    row(b, "change", changeLabel(plan));
    if (spec != null) {
      row(b, "created", time(sim.created()) + " UTC (first controller run at or after --from)");
      row(b, "versions", spec.startVersion() + " -> " + spec.targetVersion());
      row(
          b,
          "strategy",
          spec.strategy().label()
              + (spec.strategy() == Strategy.TIME_BASED
                  ? ", " + GoDuration.human(spec.maintenanceWindowDuration()) + " windows"
                  : ""));
      row(b, "schedule", spec.schedule().label());
      row(b, "mode", spec.mode().label());
      row(b, "agents", sim.agents().describe());
      row(
          b,
          "horizon",
          duration(Duration.between(sim.created(), sim.horizonEnd()))
              + ", until "
              + time(sim.horizonEnd())
              + " UTC");
    }
    if (!plan.notes().isEmpty()) {
      b.append("\nNotes\n");
      plan.notes().forEach(n -> b.append("  - ").append(n).append('\n'));
    }
    if (spec != null && spec.schedule() == Schedule.IMMEDIATE) {
      b.append("\nTimeline (UTC)\n  ").append(immediateSentence(plan)).append('\n');
    } else if (spec != null) {
      b.append("\nTimeline (UTC)\n");
      int width =
          Math.max(
              5,
              plan.groups().stream()
                  .mapToInt(g -> g.name().length() + (g.catchAll() ? 1 : 0))
                  .max()
                  .orElse(5));
      b.append("  ")
          .append(pad("GROUP", width))
          .append("  ")
          .append(pad("START", 20))
          .append("  DONE\n");
      for (GroupTimeline g : plan.groups()) {
        b.append("  ")
            .append(pad(g.name() + (g.catchAll() ? "*" : ""), width))
            .append("  ")
            .append(pad(orNever(g.start()), 20))
            .append("  ")
            .append(orNever(g.done()))
            .append('\n');
      }
      b.append("  * catch-all: also serves agents whose update group matches no group name\n");
      b.append("  ").append(completesSentence(plan)).append('\n');
      for (GroupTimeline g : plan.groups()) {
        b.append('\n')
            .append("Group ")
            .append(g.name())
            .append(g.catchAll() ? " (catch-all)" : "")
            .append(": ")
            .append(groupSummary(spec, g))
            .append('\n');
        int shown = 0;
        for (TimelineEvent e : g.events()) {
          if (shown++ == MAX_EVENTS) {
            b.append("  ... ")
                .append(g.events().size() - MAX_EVENTS)
                .append(" more events (see --format json)\n");
            break;
          }
          b.append("  ")
              .append(time(e.at()))
              .append("  ")
              .append(pad(e.state().label(), 10))
              .append("  ");
          if (sim.agents().reports()) {
            b.append(pad(e.reason(), REASON_WIDTH)).append("  ").append(counts(e));
          } else {
            b.append(e.reason());
          }
          b.append('\n');
        }
        for (String line : toldLines(plan, g)) {
          b.append("  ").append(line).append('\n');
        }
      }
    }
    b.append("\nWarnings\n");
    if (plan.warnings().isEmpty()) {
      b.append("  none\n");
    }
    plan.warnings().forEach(w -> b.append("  - ").append(w).append('\n'));
    return b.toString();
  }

  static String changeLabel(Plan plan) {
    return switch (plan.change()) {
      case NEW -> "new rollout";
      case UNCHANGED -> "same rollout (not reset)";
      case NO_ROLLOUT -> "no rollout";
    };
  }

  static String groupSummary(RolloutSpec spec, GroupTimeline g) {
    return windowSummary(spec, g)
        + ", "
        + g.agents()
        + (g.agents() == 1 ? " agent" : " agents")
        + unnamedBreakdown(g);
  }

  /**
   * For a last group serving agents of groups the schedule does not name, how its agents divide:
   * {@code " (web 4, batch 6)"}; else "".
   */
  static String unnamedBreakdown(GroupTimeline g) {
    if (g.unnamedGroups().isEmpty()) {
      return "";
    }
    int own = g.agents() - g.unnamedGroups().values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder b = new StringBuilder(" (").append(g.name()).append(' ').append(own);
    g.unnamedGroups().forEach((name, n) -> b.append(", ").append(name).append(' ').append(n));
    return b.append(')').toString();
  }

  /**
   * The agent counts after an event's run, as {@code tctl autoupdate agents status} shows them:
   * {@code 4/10 up to date}.
   */
  static String counts(TimelineEvent e) {
    return e.upToDate() + "/" + e.present() + " up to date";
  }

  /** Days, hour, window length and, for halt-on-error, wait hours and canaries. */
  static String windowSummary(RolloutSpec spec, GroupTimeline g) {
    GroupConfig c = g.config();
    StringBuilder b = new StringBuilder();
    b.append(Planner.days(c.days()))
        .append(" at ")
        .append(Planner.hour(c.startHour()))
        .append(" UTC for ")
        .append(
            spec.strategy() == Strategy.TIME_BASED
                ? GoDuration.human(spec.maintenanceWindowDuration())
                : "1h");
    if (spec.strategy() == Strategy.HALT_ON_ERROR) {
      b.append(", wait_hours ").append(c.waitHours());
      if (c.canaryCount() > 0) {
        b.append(", canary_count ").append(c.canaryCount());
      }
    }
    return b.toString();
  }

  static String completesSentence(Plan plan) {
    Simulation sim = plan.simulation();
    if (sim.completes() == null) {
      return "completes: not within the horizon";
    }
    return "completes: "
        + time(sim.completes())
        + " ("
        + duration(Duration.between(sim.created(), sim.completes()))
        + " after creation)";
  }

  static String immediateSentence(Plan plan) {
    RolloutSpec spec = plan.simulation().spec();
    String who =
        spec.mode() == AgentMode.ENABLED
            ? "every agent is told to update to " + spec.targetVersion()
            : "every agent is told "
                + spec.targetVersion()
                + " (new installs) but not to update (mode "
                + spec.mode().label()
                + ")";
    return "Schedule immediate: the rollout has no groups; from "
        + time(plan.simulation().created())
        + " "
        + who
        + ".";
  }

  /** What new and existing agents of a group are told, and from when (teleport-semantics §11.2). */
  static List<String> toldLines(Plan plan, GroupTimeline g) {
    Simulation sim = plan.simulation();
    RolloutSpec spec = sim.spec();
    String s = spec.startVersion();
    String t = spec.targetVersion();
    List<String> out = new ArrayList<>();
    if (s.equals(t) || sim.created().equals(g.newAgentsTarget())) {
      out.add("new agents install " + t + " from " + time(sim.created()));
    } else if (g.newAgentsTarget() == null) {
      out.add("new agents install " + s + " throughout the horizon");
    } else {
      out.add("new agents install " + s + " until " + time(g.newAgentsTarget()) + ", then " + t);
    }
    if (spec.mode() != AgentMode.ENABLED) {
      out.add("existing agents are never told to update (mode " + spec.mode().label() + ")");
      return out;
    }
    if (g.config().canaryCount() > 0 && spec.strategy() == Strategy.HALT_ON_ERROR) {
      out.add(
          g.canariesTold() == null
              ? "canaries are never sampled, so none is told to update"
              : "canaries ("
                  + g.config().canaryCount()
                  + ") are told to update to "
                  + t
                  + " from "
                  + time(g.canariesTold()));
    }
    if (g.agentsTold() == null) {
      out.add("existing agents are not told to update within the horizon");
    } else if (spec.strategy() == Strategy.TIME_BASED) {
      out.add(
          "existing agents are told to update to "
              + t
              + " while the group is active (in its window), first "
              + time(g.agentsTold()));
    } else {
      out.add("existing agents are told to update to " + t + " from " + time(g.agentsTold()));
    }
    return out;
  }

  /** {@code Mon 2026-11-23 12:00}, UTC. */
  static String time(Instant t) {
    return Weekdays.shortName(t.atOffset(ZoneOffset.UTC).getDayOfWeek()) + " " + TIME.format(t);
  }

  static String orNever(Instant t) {
    return t == null ? "-" : time(t);
  }

  /** {@code 2d 3h 10m}. */
  static String duration(Duration d) {
    long minutes = d.toMinutes();
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long mins = minutes % 60;
    List<String> parts = new ArrayList<>();
    if (days > 0) {
      parts.add(days + "d");
    }
    if (hours > 0) {
      parts.add(hours + "h");
    }
    if (mins > 0 || parts.isEmpty()) {
      parts.add(mins + "m");
    }
    return String.join(" ", parts);
  }

  private static void row(StringBuilder b, String key, String value) {
    b.append("  ").append(pad(key, 9)).append("  ").append(value).append('\n');
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
