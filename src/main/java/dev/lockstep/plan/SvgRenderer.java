package dev.lockstep.plan;

import static dev.lockstep.plan.Svg.BLUE;
import static dev.lockstep.plan.Svg.GREEN;
import static dev.lockstep.plan.Svg.HALO;
import static dev.lockstep.plan.Svg.INK;
import static dev.lockstep.plan.Svg.MUTED;
import static dev.lockstep.plan.Svg.ORANGE;
import static dev.lockstep.plan.Svg.PURPLE;
import static dev.lockstep.plan.Svg.SKY;
import static dev.lockstep.plan.Svg.VERMILLION;
import static dev.lockstep.plan.Svg.checkShape;
import static dev.lockstep.plan.Svg.diamondShape;
import static dev.lockstep.plan.Svg.escape;
import static dev.lockstep.plan.Svg.fit;
import static dev.lockstep.plan.Svg.fmt;
import static dev.lockstep.plan.Svg.line;
import static dev.lockstep.plan.Svg.octagonShape;
import static dev.lockstep.plan.Svg.pauseShape;
import static dev.lockstep.plan.Svg.playShape;
import static dev.lockstep.plan.Svg.rect;
import static dev.lockstep.plan.Svg.rollbackShape;
import static dev.lockstep.plan.Svg.symbol;
import static dev.lockstep.plan.Svg.text;
import static dev.lockstep.plan.Svg.textWidth;
import static dev.lockstep.plan.Svg.wrap;
import static dev.lockstep.plan.Words.CLOCK;
import static dev.lockstep.plan.Words.DAY_YEAR;
import static dev.lockstep.plan.Words.SHORT;
import static dev.lockstep.plan.Words.after;
import static dev.lockstep.plan.Words.dayRange;
import static dev.lockstep.plan.Words.range;
import static dev.lockstep.plan.Words.reasonWords;

import dev.lockstep.rollout.GroupConfig;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.Reasons;
import dev.lockstep.rollout.RolloutSpec;
import dev.lockstep.rollout.Schedule;
import dev.lockstep.rollout.Simulation;
import dev.lockstep.rollout.Strategy;
import dev.lockstep.rollout.TimelineEvent;
import dev.lockstep.rollout.Windows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws a plan as an SVG timeline: one lane per update group across the days the rollout needs (at
 * most {@value #MAX_DAYS} days), maintenance windows shaded, the simulated canary, active and done
 * phases as bars, "now" as a dashed line, groups that get stuck or never start said in words, and,
 * when given, the {@link ObservedRollout} drawn under each planned lane.
 *
 * <p>The SVG is deterministic (same plan, same bytes), needs no script or external resource, and is
 * pure ASCII (everything else is a character reference), so it can be saved as a file or inlined in
 * an HTML page. Times are UTC; every bar carries a tooltip with exact times and {@code data-from} /
 * {@code data-to} ISO-8601 attributes for a page script. Colours are the Okabe-Ito palette, which
 * stays distinguishable with the common colour-vision deficiencies, and every state also differs by
 * pattern, shape or words. Element ids start with a prefix derived from the cluster name, so
 * several clusters' pictures can share a page. Never reads a clock: "now" is the observation's
 * instant, else the rollout's creation.
 */
public final class SvgRenderer {

  /** The most days drawn; a longer horizon is cut and the picture says so. */
  public static final int MAX_DAYS = 35;

  /** Width of the picture in SVG user units (its viewBox). */
  static final int WIDTH = 960;

  private static final double LABELS = 224;
  private static final double PLOT_END = WIDTH - 16;
  private static final int LANE = 68;
  private static final int OBSERVED_ROW = 32;
  private static final double BAR_TOP = 14;
  private static final double BAR_HEIGHT = 16;
  // markers are 13 units wide; closer ones would hide each other
  private static final double MARKER_GAP = 14;

  // Verdana and DejaVu Sans share Bitstream Vera's metrics, which textWidth assumes
  private static final String FONT = "Verdana, 'DejaVu Sans', 'Bitstream Vera Sans', sans-serif";

  private SvgRenderer() {}

  /** The plan alone: {@link #render(Plan, ObservedRollout)} with {@link ObservedRollout#NONE}. */
  public static String render(Plan plan) {
    return render(plan, ObservedRollout.NONE);
  }

  /**
   * The picture of a plan, with the observed rollout drawn under each planned lane when it is not
   * empty.
   *
   * @return one {@code <svg>} element and a final newline, without an XML declaration
   */
  public static String render(Plan plan, ObservedRollout observed) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(observed, "observed");
    Simulation sim = plan.simulation();
    Svg.Ids ids = Svg.Ids.of(plan.cluster());
    List<String> header = headerLines(plan);
    double axisTop = 26 + header.size() * 18 + 10;
    double lanesTop = axisTop + 36;
    boolean lanes = sim.spec() != null && !plan.groups().isEmpty();
    int laneHeight = LANE + (observed.isEmpty() ? 0 : OBSERVED_ROW);
    TimelineAxis axis = TimelineAxis.of(plan, observed, LABELS, PLOT_END);

    StringBuilder body = new StringBuilder();
    double y;
    if (lanes) {
      double lanesBottom = lanesTop + laneHeight * plan.groups().size();
      for (int i = 0; i < plan.groups().size(); i++) {
        laneBackground(body, i, lanesTop + i * laneHeight, laneHeight, plan, axis);
      }
      axis.draw(body, axisTop, lanesBottom);
      for (int i = 0; i < plan.groups().size(); i++) {
        lane(body, ids, plan, plan.groups().get(i), lanesTop + i * laneHeight, axis, observed);
      }
      y = overlays(body, ids, plan, axis, observed, lanesTop, lanesBottom);
    } else {
      y = noLanes(body, plan, axisTop);
    }
    y = warnings(body, plan, y);
    y = legend(body, ids, plan, axis, observed, lanes, y + 6);
    long height = Math.round(Math.ceil(y + 10));

    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(ids.id("title"))
        .append(' ')
        .append(ids.id("desc"))
        .append("\" font-family=\"")
        .append(FONT)
        .append("\" font-size=\"13\" fill=\"")
        .append(INK)
        .append("\">\n");
    b.append("<title id=\"")
        .append(ids.id("title"))
        .append("\">")
        .append(escape(title(plan)))
        .append("</title>\n");
    b.append("<desc id=\"")
        .append(ids.id("desc"))
        .append("\">")
        .append(escape(description(plan, observed)))
        .append("</desc>\n");
    Svg.defs(b, ids);
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n");
    text(
        b,
        12,
        26,
        "start",
        "font-size=\"17\" font-weight=\"bold\"",
        fit(title(plan), 17, true, PLOT_END - 12));
    for (int i = 0; i < header.size(); i++) {
      text(
          b,
          12,
          26 + 18 * (i + 1),
          "start",
          "font-size=\"12\" fill=\"" + MUTED + "\"",
          header.get(i));
    }
    b.append(body);
    b.append("</svg>\n");
    return b.toString();
  }

  // ---------------------------------------------------------------- header, description

  private static String title(Plan plan) {
    RolloutSpec spec = plan.simulation().spec();
    return "Rollout plan for cluster "
        + plan.cluster()
        + (spec == null ? "" : ": " + spec.startVersion() + " \u2192 " + spec.targetVersion());
  }

  private static List<String> headerLines(Plan plan) {
    return wrap(headerText(plan), 12, false, PLOT_END - 12);
  }

  /** The rollout in one line: revision, change, strategy, schedule, mode, creation, completion. */
  static String headerText(Plan plan) {
    Simulation sim = plan.simulation();
    RolloutSpec spec = sim.spec();
    List<String> parts = new ArrayList<>();
    parts.add("revision " + plan.revision());
    if (plan.baseRevision() != null) {
      parts.add("base " + plan.baseRevision());
    }
    parts.add(PlanTextRenderer.changeLabel(plan));
    if (spec != null) {
      parts.add(
          spec.strategy().label()
              + (spec.strategy() == Strategy.TIME_BASED
                  ? " (" + PlanTextRenderer.duration(spec.maintenanceWindowDuration()) + " windows)"
                  : ""));
      parts.add("schedule " + spec.schedule().label());
      parts.add("mode " + spec.mode().label());
      parts.add("created " + DAY_YEAR.format(sim.created()) + " UTC");
      if (spec.schedule() == Schedule.REGULAR) {
        parts.add(
            sim.completes() == null
                ? "does not complete within the horizon ("
                    + PlanTextRenderer.duration(Duration.between(sim.created(), sim.horizonEnd()))
                    + ")"
                : "completes "
                    + SHORT.format(sim.completes())
                    + " UTC, "
                    + PlanTextRenderer.duration(Duration.between(sim.created(), sim.completes()))
                    + " after creation");
      }
    }
    return String.join(" \u00b7 ", parts);
  }

  /** One sentence per group, for screen readers and for the {@code <desc>}. */
  static String description(Plan plan, ObservedRollout observed) {
    Simulation sim = plan.simulation();
    StringBuilder b = new StringBuilder();
    b.append(title(plan))
        .append(": ")
        .append(headerText(plan).replace(" \u00b7 ", ", "))
        .append(". ");
    if (sim.spec() == null) {
      b.append("No rollout. ");
    } else if (sim.spec().schedule() == Schedule.IMMEDIATE) {
      b.append(PlanTextRenderer.immediateSentence(plan)).append(" ");
    } else {
      b.append("Times in UTC. ");
      for (GroupTimeline g : plan.groups()) {
        b.append("Group ")
            .append(g.name())
            .append(g.catchAll() ? " (catch-all)" : "")
            .append(": ")
            .append(groupSentence(sim, g));
        observed
            .group(g.name())
            .ifPresent(o -> b.append(" Observed: ").append(observedWords(o)).append('.'));
        b.append(' ');
      }
    }
    if (!plan.warnings().isEmpty()) {
      b.append("Warnings: ");
      plan.warnings().forEach(w -> b.append(w.message()).append(' '));
    }
    return b.toString().strip();
  }

  private static String groupSentence(Simulation sim, GroupTimeline g) {
    if (g.start() == null) {
      return "does not start within the horizon (" + reasonWords(g.config(), lastReason(g)) + ").";
    }
    String started = "starts " + PlanTextRenderer.time(g.start());
    if (g.done() == null) {
      return started
          + ", is not done within the horizon ("
          + lastState(g).label()
          + ": "
          + reasonWords(g.config(), lastReason(g))
          + ").";
    }
    return started + ", done " + PlanTextRenderer.time(g.done()) + ".";
  }

  // ---------------------------------------------------------------- lanes

  private static void laneBackground(
      StringBuilder b, int index, double top, int height, Plan plan, TimelineAxis axis) {
    if (index % 2 == 1) {
      b.append("<rect x=\"0\" y=\"")
          .append(fmt(top))
          .append("\" width=\"")
          .append(WIDTH)
          .append("\" height=\"")
          .append(height)
          .append("\" fill=\"#F5F5F5\"/>\n");
    }
    RolloutSpec spec = plan.simulation().spec();
    GroupTimeline g = plan.groups().get(index);
    Duration window =
        spec.strategy() == Strategy.HALT_ON_ERROR
            ? Windows.HALT_ON_ERROR_WINDOW
            : spec.maintenanceWindowDuration();
    if (window.isZero()) {
      return;
    }
    b.append("<g class=\"windows\">\n");
    for (Instant day = axis.start(); day.isBefore(axis.end()); day = day.plus(Duration.ofDays(1))) {
      if (!Windows.isDay(g.config().days(), Windows.weekdayOrdinal(day))) {
        continue;
      }
      Instant from = day.plus(Duration.ofHours(g.config().startHour()));
      Instant to = Windows.effectiveEnd(from, window);
      if (!from.isBefore(axis.end())) {
        continue;
      }
      double x = axis.x(from);
      b.append("<rect x=\"")
          .append(fmt(x))
          .append("\" y=\"")
          .append(fmt(top + 2))
          .append("\" width=\"")
          .append(fmt(Math.max(1, axis.x(to) - x)))
          .append("\" height=\"")
          .append(height - 4)
          .append("\" fill=\"")
          .append(SKY)
          .append("\" fill-opacity=\"0.3\"><title>")
          .append(escape("maintenance window of " + g.name() + ": " + range(from, to)))
          .append("</title></rect>\n");
    }
    b.append("</g>\n");
  }

  private static void lane(
      StringBuilder b,
      Svg.Ids ids,
      Plan plan,
      GroupTimeline g,
      double top,
      TimelineAxis axis,
      ObservedRollout observed) {
    Simulation sim = plan.simulation();
    b.append("<g class=\"lane\" data-group=\"")
        .append(escape(g.name()))
        .append("\" aria-label=\"")
        .append(escape("Group " + g.name() + ": " + groupSentence(sim, g)))
        .append("\">\n");
    nameColumn(b, plan, g, top);
    Instant end = laneEnd(sim, axis);
    List<Span> spans = spans(g, end);
    double right = axis.x0();
    for (Span run : runs(spans)) {
      if (!run.from().isAfter(axis.end())) {
        right = bar(b, ids, g, run, top, axis, sim, right);
      }
    }
    for (Span s : spans) {
      if (!s.state().isStarted() && s.state() != GroupState.DONE) {
        reasonLabel(b, g, s, top, axis);
      }
    }
    List<ObservedRollout.Marker> planned = plannedMarkers(g);
    String summary = laneSummary(g, spans, planned);
    double at = axis.x(g.start() != null ? g.start() : sim.created());
    label(b, at, top + 48, summary, "font-size=\"11\"", axis);
    TimelineEvent last = g.events().isEmpty() ? null : g.events().get(g.events().size() - 1);
    if (g.start() != null && g.done() == null && !last.at().isAfter(axis.end())) {
      symbol(
          b,
          "class=\"stuck\"",
          axis.x(last.at()),
          top + BAR_TOP + BAR_HEIGHT / 2,
          octagonShape(0, 0),
          g.name()
              + " is stuck from "
              + PlanTextRenderer.time(last.at())
              + " UTC: "
              + lastState(g).label()
              + ", "
              + reasonWords(g.config(), last.reason())
              + "; not done within the horizon");
    }
    markers(b, axis, planned, top + BAR_TOP + BAR_HEIGHT / 2);
    if (!observed.isEmpty()) {
      observedRow(b, g, top + LANE, axis, observed);
    }
    b.append("</g>\n");
  }

  private static void nameColumn(StringBuilder b, Plan plan, GroupTimeline g, double top) {
    GroupConfig c = g.config();
    RolloutSpec spec = plan.simulation().spec();
    b.append("<text x=\"12\" y=\"")
        .append(fmt(top + 18))
        .append("\" font-weight=\"bold\"><title>")
        .append(escape(g.name()))
        .append("</title>")
        .append(escape(fit(g.name(), 13, true, LABELS - 22)))
        .append("</text>\n");
    Duration window =
        spec.strategy() == Strategy.HALT_ON_ERROR
            ? Windows.HALT_ON_ERROR_WINDOW
            : spec.maintenanceWindowDuration();
    Instant day = Instant.EPOCH.plus(Duration.ofHours(c.startHour()));
    String windowText =
        dayRange(c.days())
            + " "
            + CLOCK.format(day)
            + "\u2013"
            + (Windows.effectiveEnd(day, window).equals(Instant.EPOCH.plus(Duration.ofDays(1)))
                ? "24:00"
                : CLOCK.format(Windows.effectiveEnd(day, window)))
            + " UTC";
    List<String> extra = new ArrayList<>();
    extra.add(g.agents() + (g.agents() == 1 ? " agent" : " agents"));
    if (g.catchAll()) {
      extra.add("catch-all");
    }
    List<String> more = new ArrayList<>();
    if (spec.strategy() == Strategy.HALT_ON_ERROR && c.waitHours() > 0) {
      more.add("wait " + c.waitHours() + "h");
    }
    if (spec.strategy() == Strategy.HALT_ON_ERROR && c.canaryCount() > 0) {
      more.add(c.canaryCount() + (c.canaryCount() == 1 ? " canary" : " canaries"));
    }
    String[] lines = {
      windowText, String.join(" \u00b7 ", extra), String.join(" \u00b7 ", more),
    };
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        text(
            b,
            12,
            top + 33 + 14 * i,
            "start",
            "font-size=\"11\" fill=\"" + MUTED + "\"",
            fit(lines[i], 11, false, LABELS - 22));
      }
    }
  }

  /** A state held from one instant to the next, with its reason. */
  record Span(Instant from, Instant to, GroupState state, String reason, List<String> reasons) {}

  /** Where a lane's last state ends: the horizon, or the picture's edge when that comes first. */
  private static Instant laneEnd(Simulation sim, TimelineAxis axis) {
    return sim.horizonEnd().isBefore(axis.end()) ? sim.horizonEnd() : axis.end();
  }

  static List<Span> spans(GroupTimeline g, Instant end) {
    List<Span> out = new ArrayList<>();
    List<TimelineEvent> events = g.events();
    for (int i = 0; i < events.size(); i++) {
      TimelineEvent e = events.get(i);
      Instant to = i + 1 < events.size() ? events.get(i + 1).at() : end;
      // a last change at the picture's edge (a rollout done at midnight) still gets its mark
      if (to.isAfter(e.at()) || (i == events.size() - 1 && to.equals(e.at()))) {
        out.add(new Span(e.at(), to, e.state(), e.reason(), List.of(e.reason())));
      }
    }
    return out;
  }

  /** Consecutive spans of one state merged: the bars. */
  static List<Span> runs(List<Span> spans) {
    List<Span> out = new ArrayList<>();
    for (Span s : spans) {
      Span last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.state() == s.state() && last.to().equals(s.from())) {
        List<String> reasons = new ArrayList<>(last.reasons());
        reasons.add(s.reason());
        out.set(out.size() - 1, new Span(last.from(), s.to(), s.state(), last.reason(), reasons));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Draws one run of a state and returns its right edge. {@code previousRight} is where the bar
   * before it ended: a done mark goes after it, so that a short active bar stays visible.
   */
  private static double bar(
      StringBuilder b,
      Svg.Ids ids,
      GroupTimeline g,
      Span run,
      double top,
      TimelineAxis axis,
      Simulation sim,
      double previousRight) {
    double x = axis.x(run.from());
    double w = Math.max(4, axis.x(run.to()) - x);
    boolean open = run.to().equals(laneEnd(sim, axis)) && run.state() != GroupState.DONE;
    String words =
        run.reasons().stream()
            .map(r -> reasonWords(g.config(), r))
            .distinct()
            .reduce((p, q) -> p + ", then " + q)
            .orElse("");
    String tip =
        g.name()
            + ": "
            + run.state().label()
            + " "
            + range(run.from(), run.to())
            + (open ? " (still " + run.state().label() + " at the end of the picture)" : "")
            + ": "
            + words;
    String data =
        " class=\"bar "
            + run.state().label()
            + "\" data-from=\""
            + run.from()
            + "\" data-to=\""
            + run.to()
            + "\"";
    switch (run.state()) {
      case UNSTARTED, UNSPECIFIED -> {
        b.append("<line x1=\"")
            .append(fmt(x))
            .append("\" x2=\"")
            .append(fmt(x + w))
            .append("\" y1=\"")
            .append(fmt(top + BAR_TOP + BAR_HEIGHT))
            .append("\" y2=\"")
            .append(fmt(top + BAR_TOP + BAR_HEIGHT))
            .append("\" stroke=\"")
            .append(MUTED)
            .append("\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"")
            .append(data)
            .append("><title>")
            .append(escape(tip))
            .append("</title></line>\n");
      }
      case DONE -> {
        rect(b, x, top + BAR_TOP + 6, w, 4, "fill=\"" + GREEN + "\"" + data, tip);
        symbol(
            b,
            "class=\"done-mark\"",
            Math.max(x, previousRight) + 6,
            top + BAR_TOP + BAR_HEIGHT / 2,
            checkShape(0, 0),
            g.name() + " done " + PlanTextRenderer.time(run.from()) + " UTC");
      }
      case ACTIVE -> rect(b, x, top + BAR_TOP, w, BAR_HEIGHT, "fill=\"" + BLUE + "\"" + data, tip);
      case CANARY ->
          rect(
              b,
              x,
              top + BAR_TOP,
              w,
              BAR_HEIGHT,
              "fill=\"" + ids.url("canary") + "\" stroke=\"" + ORANGE + "\"" + data,
              tip);
      case ROLLEDBACK ->
          rect(
              b,
              x,
              top + BAR_TOP,
              w,
              BAR_HEIGHT,
              "fill=\"" + ids.url("rolledback") + "\" stroke=\"" + VERMILLION + "\"" + data,
              tip);
    }
    return x + w;
  }

  private static void reasonLabel(
      StringBuilder b, GroupTimeline g, Span s, double top, TimelineAxis axis) {
    String words = reasonWords(g.config(), s.reason());
    double x = axis.x(s.from()) + 4;
    double room = axis.x(s.to()) - x - 4;
    if (textWidth(words, 11, false) <= room) {
      text(
          b,
          x,
          top + BAR_TOP + BAR_HEIGHT - 4,
          "start",
          "font-size=\"11\" font-style=\"italic\" fill=\"" + MUTED + "\"" + HALO,
          words);
    }
  }

  private static String laneSummary(
      GroupTimeline g, List<Span> spans, List<ObservedRollout.Marker> markers) {
    List<String> parts = new ArrayList<>();
    if (g.start() == null) {
      parts.add("does not start within the horizon: " + reasonWords(g.config(), lastReason(g)));
    } else {
      Instant previous = g.start();
      Span first =
          spans.stream().filter(s -> !s.from().isBefore(g.start())).findFirst().orElse(null);
      if (first != null && first.state() == GroupState.CANARY) {
        parts.add("canary " + SHORT.format(g.start()));
        Instant active =
            spans.stream()
                .filter(s -> s.state() == GroupState.ACTIVE && s.from().isAfter(g.start()))
                .map(Span::from)
                .findFirst()
                .orElse(null);
        if (active != null) {
          parts.add("active " + after(previous, active));
          previous = active;
        }
      } else {
        parts.add("start " + SHORT.format(g.start()));
      }
      if (g.done() == null) {
        parts.add(
            "stuck in "
                + lastState(g).label()
                + ": "
                + reasonWords(g.config(), lastReason(g))
                + ", not done within the horizon");
      } else {
        parts.add(
            "done "
                + after(previous, g.done())
                + " ("
                + PlanTextRenderer.duration(Duration.between(g.start(), g.done()))
                + ")");
        long again =
            runs(spans).stream()
                .filter(s -> s.state() == GroupState.ACTIVE && s.from().isAfter(g.done()))
                .count();
        if (again > 0) {
          parts.add(
              "active again in " + again + " later window" + (again == 1 ? "" : "s") + " in view");
        }
      }
    }
    for (ObservedRollout.Marker m : markers) {
      parts.add(m.kind().words() + " " + SHORT.format(m.at()));
    }
    return String.join(" \u00b7 ", parts);
  }

  /** The manual transitions the plan's own events show (none in a simulation from Git alone). */
  private static List<ObservedRollout.Marker> plannedMarkers(GroupTimeline g) {
    List<ObservedRollout.Marker> out = new ArrayList<>();
    TimelineEvent previous = null;
    for (TimelineEvent e : g.events()) {
      boolean reasonChanged = previous == null || !previous.reason().equals(e.reason());
      ObservedRollout.Marker.Kind kind =
          switch (e.reason()) {
            case Reasons.MANUAL_TRIGGER -> ObservedRollout.Marker.Kind.MANUAL_TRIGGER;
            case Reasons.MANUAL_FORCED_DONE -> ObservedRollout.Marker.Kind.MANUAL_DONE;
            case Reasons.MANUAL_ROLLBACK -> ObservedRollout.Marker.Kind.MANUAL_ROLLBACK;
            default -> null;
          };
      if (kind != null && reasonChanged) {
        out.add(new ObservedRollout.Marker(e.at(), g.name(), kind, ""));
      }
      previous = e;
    }
    return out;
  }

  private static void observedRow(
      StringBuilder b, GroupTimeline g, double top, TimelineAxis axis, ObservedRollout observed) {
    var found = observed.group(g.name());
    List<ObservedRollout.Marker> markers =
        observed.markers().stream().filter(m -> m.group().equals(g.name())).toList();
    String words =
        found.map(o -> "observed: " + observedWords(o)).orElse("observed: nothing for this group");
    for (ObservedRollout.Marker m : markers) {
      words += " \u00b7 " + m.kind().words() + " " + SHORT.format(m.at());
    }
    double labelAt = axis.x(observed.at());
    if (found.isPresent() && found.get().start() != null) {
      ObservedRollout.Group o = found.get();
      Instant to = o.done() != null ? o.done() : observed.at();
      double x = axis.x(o.start());
      double w = Math.max(3, axis.x(to) - x);
      rect(
          b,
          x,
          top + 3,
          w,
          10,
          "fill=\""
              + PURPLE
              + "\" stroke=\""
              + INK
              + "\" stroke-width=\"0.75\" class=\"bar observed\" data-from=\""
              + o.start()
              + "\" data-to=\""
              + to
              + "\"",
          g.name() + " observed: " + range(o.start(), to) + ", " + observedWords(o));
      labelAt = x;
    }
    label(b, labelAt, top + 27, words, "font-size=\"11\"", axis);
    markers(b, axis, markers, top + 8);
  }

  private static String observedWords(ObservedRollout.Group o) {
    StringBuilder s =
        new StringBuilder(o.state().label()).append(", ").append(reasonWords(null, o.reason()));
    if (o.present() > 0 || o.initial() > 0) {
      s.append(" \u00b7 ")
          .append(o.upToDate())
          .append(" of ")
          .append(o.present())
          .append(" up to date");
      o.upToDateRatio().ifPresent(r -> s.append(" (").append(Math.round(r * 100)).append(" %)"));
      if (o.initial() > 0 && o.initial() != o.present()) {
        s.append(", ").append(o.initial()).append(" at start");
      }
    }
    return s.toString();
  }

  /** "Now", the horizon and a cut picture: drawn over the lanes. Returns the next free line. */
  private static double overlays(
      StringBuilder b,
      Svg.Ids ids,
      Plan plan,
      TimelineAxis axis,
      ObservedRollout observed,
      double lanesTop,
      double lanesBottom) {
    Simulation sim = plan.simulation();
    double y = lanesBottom + 16;
    if (sim.horizonEnd().isBefore(axis.end())) {
      double x = axis.x(sim.horizonEnd());
      rect(
          b,
          x,
          lanesTop,
          axis.x1() - x,
          lanesBottom - lanesTop,
          "fill=\"" + ids.url("beyond") + "\" class=\"beyond\"",
          "beyond the horizon: not simulated after "
              + PlanTextRenderer.time(sim.horizonEnd())
              + " UTC");
    }
    Instant now = observed.isEmpty() ? sim.created() : observed.at();
    double nowX = axis.x(now);
    b.append("<g class=\"now\" data-at=\"").append(now).append("\">\n");
    line(
        b,
        nowX,
        lanesTop - 2,
        nowX,
        lanesBottom,
        "stroke=\"" + INK + "\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"");
    String nowText =
        "now "
            + SHORT.format(now)
            + " UTC"
            + (observed.isEmpty() ? " (rollout created)" : " (observed)");
    double nowWidth = textWidth(nowText, 11, true);
    boolean nowLeft = nowX + nowWidth > axis.x1();
    text(
        b,
        nowLeft ? nowX - 3 : nowX + 3,
        y,
        nowLeft ? "end" : "start",
        "font-size=\"11\" font-weight=\"bold\"",
        nowText);
    b.append("</g>\n");
    if (sim.horizonEnd().isBefore(axis.end())) {
      String h = "horizon ends " + SHORT.format(sim.horizonEnd()) + " UTC";
      double x = axis.x(sim.horizonEnd());
      double left = x - 3 - textWidth(h, 11, false);
      double nowRight = nowLeft ? nowX - 3 : nowX + 3 + nowWidth;
      double nowStart = nowLeft ? nowX - 3 - nowWidth : nowX + 3;
      boolean clash = left < nowRight + 8 && x > nowStart;
      if (clash) {
        y += 15;
      }
      text(b, x - 3, y, "end", "font-size=\"11\" fill=\"" + MUTED + "\"", h);
    }
    if (!axis.cut() && sim.completes() == null && sim.horizonEnd().isAfter(axis.end())) {
      y += 15;
      text(
          b,
          12,
          y,
          "start",
          "font-size=\"11\" fill=\"" + MUTED + "\"",
          "Nothing changes after "
              + PlanTextRenderer.time(lastChange(plan))
              + " UTC until the horizon ends "
              + PlanTextRenderer.time(sim.horizonEnd())
              + " UTC: whatever is stuck at the right edge stays so.");
    }
    if (axis.cut()) {
      y += 15;
      text(
          b,
          12,
          y,
          "start",
          "font-size=\"11\" fill=\"" + MUTED + "\"",
          "The picture shows the first "
              + MAX_DAYS
              + " days; the plan runs until "
              + PlanTextRenderer.time(sim.horizonEnd())
              + " UTC (see the text or JSON plan).");
    }
    return y + 6;
  }

  private static double noLanes(StringBuilder b, Plan plan, double top) {
    Simulation sim = plan.simulation();
    String message =
        sim.spec() == null
            ? "No rollout: autoupdate_version has no spec.agents, so the controller keeps no"
                + " rollout (it deletes an existing one). Agents are not told to update."
            : PlanTextRenderer.immediateSentence(plan);
    double y = top + 8;
    for (String line : wrap(message, 13, false, PLOT_END - 24)) {
      text(b, 12, y, "start", "", line);
      y += 18;
    }
    return y;
  }

  private static double warnings(StringBuilder b, Plan plan, double y) {
    if (plan.warnings().isEmpty()) {
      return y;
    }
    String all =
        "Warnings: "
            + String.join(
                "; ",
                plan.warnings().stream()
                    .map(w -> w.code().id() + (w.group().isEmpty() ? "" : " (" + w.group() + ")"))
                    .toList());
    y += 12;
    for (String line : wrap(all, 12, true, PLOT_END - 24)) {
      text(
          b,
          12,
          y,
          "start",
          "font-size=\"12\" fill=\"" + VERMILLION + "\" font-weight=\"bold\"",
          line);
      y += 16;
    }
    return y - 4;
  }

  private static double legend(
      StringBuilder b,
      Svg.Ids ids,
      Plan plan,
      TimelineAxis axis,
      ObservedRollout observed,
      boolean lanes,
      double top) {
    if (!lanes) {
      return top;
    }
    Simulation sim = plan.simulation();
    boolean canary =
        plan.groups().stream()
            .anyMatch(g -> g.events().stream().anyMatch(e -> e.state() == GroupState.CANARY));
    boolean rolledBack =
        plan.groups().stream()
                .anyMatch(
                    g -> g.events().stream().anyMatch(e -> e.state() == GroupState.ROLLEDBACK))
            || observed.groups().stream().anyMatch(o -> o.state() == GroupState.ROLLEDBACK);
    boolean stuck = plan.groups().stream().anyMatch(g -> g.start() != null && g.done() == null);
    EnumSet<ObservedRollout.Marker.Kind> kinds = EnumSet.noneOf(ObservedRollout.Marker.Kind.class);
    plan.groups().forEach(g -> plannedMarkers(g).forEach(m -> kinds.add(m.kind())));
    observed.markers().stream()
        .filter(m -> plan.groups().stream().anyMatch(g -> g.name().equals(m.group())))
        .forEach(m -> kinds.add(m.kind()));
    List<String> items = new ArrayList<>();
    List<String> swatches = new ArrayList<>();
    items.add("maintenance window");
    swatches.add(
        "<rect width=\"16\" height=\"12\" fill=\""
            + SKY
            + "\" fill-opacity=\"0.3\" stroke=\""
            + SKY
            + "\"/>");
    items.add("not started (reason in words)");
    swatches.add(
        "<line x1=\"0\" x2=\"16\" y1=\"10\" y2=\"10\" stroke=\""
            + MUTED
            + "\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>");
    if (canary) {
      items.add("canary phase (striped)");
      swatches.add(
          "<rect width=\"16\" height=\"12\" fill=\""
              + ids.url("canary")
              + "\" stroke=\""
              + ORANGE
              + "\"/>");
    }
    items.add("active: agents told to update");
    swatches.add("<rect width=\"16\" height=\"12\" fill=\"" + BLUE + "\"/>");
    items.add("done");
    swatches.add(
        "<rect y=\"4\" width=\"16\" height=\"4\" fill=\"" + GREEN + "\"/>" + checkShape(6, 6));
    if (rolledBack) {
      items.add("rolled back (cross-hatched)");
      swatches.add(
          "<rect width=\"16\" height=\"12\" fill=\""
              + ids.url("rolledback")
              + "\" stroke=\""
              + VERMILLION
              + "\"/>");
    }
    if (stuck) {
      items.add("stuck");
      swatches.add(octagonShape(8, 6));
    }
    for (ObservedRollout.Marker.Kind k : kinds) {
      items.add(k.words() + " (" + k.cause() + ")");
      swatches.add(markerShape(k, 8, 6));
    }
    if (!observed.isEmpty()) {
      items.add("observed");
      swatches.add(
          "<rect y=\"1\" width=\"16\" height=\"10\" fill=\""
              + PURPLE
              + "\" stroke=\""
              + INK
              + "\" stroke-width=\"0.75\"/>");
    }
    items.add("now");
    swatches.add(
        "<line x1=\"8\" x2=\"8\" y1=\"-2\" y2=\"14\" stroke=\""
            + INK
            + "\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>");
    if (sim.horizonEnd().isBefore(axis.end())) {
      items.add("beyond the horizon");
      swatches.add(
          "<rect width=\"16\" height=\"12\" fill=\""
              + ids.url("beyond")
              + "\" stroke=\"#999999\"/>");
    }
    items.add("all times UTC");
    swatches.add("");
    b.append("<g class=\"legend\" font-size=\"11\">\n");
    double x = 12;
    double y = top;
    for (int i = 0; i < items.size(); i++) {
      double w = (swatches.get(i).isEmpty() ? 0 : 22) + textWidth(items.get(i), 11, false) + 18;
      if (x + w > PLOT_END && x > 12) {
        x = 12;
        y += 20;
      }
      if (!swatches.get(i).isEmpty()) {
        b.append("<g transform=\"translate(")
            .append(fmt(x))
            .append(' ')
            .append(fmt(y))
            .append(")\">")
            .append(swatches.get(i))
            .append("</g>");
      }
      text(b, x + (swatches.get(i).isEmpty() ? 0 : 22), y + 10, "start", "", items.get(i));
      x += w;
    }
    b.append("</g>\n");
    return y + 14;
  }

  /**
   * The markers of one row in time order; one that would cover the one before it is moved right
   * just enough to show beside it (its tooltip and {@code data-at} keep its real time).
   */
  private static void markers(
      StringBuilder b, TimelineAxis axis, List<ObservedRollout.Marker> row, double cy) {
    double previous = Double.NEGATIVE_INFINITY;
    List<ObservedRollout.Marker> inOrder =
        row.stream().sorted(java.util.Comparator.comparing(ObservedRollout.Marker::at)).toList();
    for (ObservedRollout.Marker m : inOrder) {
      if (!m.at().isAfter(axis.end())) {
        double x = Math.max(axis.x(m.at()), previous + MARKER_GAP);
        marker(b, x, m, cy);
        previous = x;
      }
    }
  }

  private static void marker(StringBuilder b, double x, ObservedRollout.Marker m, double cy) {
    String tip =
        m.group()
            + " "
            + m.kind().words()
            + " "
            + PlanTextRenderer.time(m.at())
            + " UTC"
            + (m.detail().isEmpty() ? "" : ": " + m.detail());
    symbol(
        b,
        "class=\"marker "
            + m.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')
            + "\" data-at=\""
            + m.at()
            + "\"",
        x,
        cy,
        markerShape(m.kind(), 0, 0),
        tip);
  }

  /** One shape per kind, so a marker is told apart by its outline as well as its colour. */
  private static String markerShape(ObservedRollout.Marker.Kind kind, double cx, double cy) {
    return switch (kind) {
      case MANUAL_TRIGGER -> playShape(cx, cy);
      case MANUAL_DONE -> diamondShape(cx, cy);
      case MANUAL_ROLLBACK -> rollbackShape(cx, cy);
      case HALT -> pauseShape(cx, cy);
    };
  }

  /** A label starting at {@code x}, moved left to end at the plot's edge when it would not fit. */
  private static void label(
      StringBuilder b, double x, double y, String s, String attrs, TimelineAxis axis) {
    String shown = fit(s, 11, false, axis.x1() - axis.x0());
    double w = textWidth(shown, 11, false);
    boolean fits = x + 2 + w <= axis.x1();
    b.append("<text x=\"")
        .append(fmt(fits ? x + 2 : axis.x1()))
        .append("\" y=\"")
        .append(fmt(y))
        .append(fits ? "\" " : "\" text-anchor=\"end\" ")
        .append(attrs)
        .append(HALO)
        .append('>');
    if (!shown.equals(s)) {
      b.append("<title>").append(escape(s)).append("</title>");
    }
    b.append(escape(shown)).append("</text>\n");
  }

  // ---------------------------------------------------------------- words and text

  /** The last instant at which any group changed state or reason; the creation when none did. */
  static Instant lastChange(Plan plan) {
    Instant last = plan.simulation().created();
    for (GroupTimeline g : plan.groups()) {
      for (TimelineEvent e : g.events()) {
        if (e.at().isAfter(last)) {
          last = e.at();
        }
      }
    }
    return last;
  }

  private static String lastReason(GroupTimeline g) {
    return g.events().isEmpty() ? "" : g.events().get(g.events().size() - 1).reason();
  }

  private static GroupState lastState(GroupTimeline g) {
    return g.events().isEmpty()
        ? GroupState.UNSPECIFIED
        : g.events().get(g.events().size() - 1).state();
  }

  // ---------------------------------------------------------------- geometry

}
