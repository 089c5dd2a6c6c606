package dev.lockstep.plan;

import static dev.lockstep.plan.Svg.escape;

import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.RolloutSpec;
import dev.lockstep.rollout.Schedule;
import dev.lockstep.rollout.Simulation;
import dev.lockstep.rollout.TimelineEvent;
import java.util.List;
import java.util.Objects;

/**
 * Renders a plan as one self-contained HTML page: the {@link SvgRenderer} picture inline, then the
 * group table with reasons in words, the warnings, the notes and every group's events. Styles are
 * inline and a Content-Security-Policy forbids every fetch, so the page loads nothing from anywhere
 * (no script, font, image or style sheet): a pull request can attach it as an artifact. The picture
 * scrolls sideways on narrow screens; the text reflows. Deterministic, pure ASCII, reads no clock.
 */
public final class HtmlRenderer {

  private static final String STYLE =
      """
      :root { color-scheme: light; }
      body { margin: 0; background: #fff; color: #1a1a1a;
        font: 15px/1.45 Verdana, "DejaVu Sans", "Bitstream Vera Sans", sans-serif; }
      main { max-width: 1000px; margin: 0 auto; padding: 16px; }
      h1 { font-size: 1.35em; margin: 0 0 .4em; }
      h2 { font-size: 1.1em; margin: 1.6em 0 .5em; }
      code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
      .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
      figure { margin: 1em 0; }
      figure svg { display: block; width: 100%; min-width: 760px; height: auto; }
      figcaption { font-size: .85em; color: #4d4d4d; margin-top: .3em; }
      table { border-collapse: collapse; font-size: .9em; }
      th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }
      th { background: #f0f0f0; }
      th[scope="row"], summary { overflow-wrap: anywhere; }
      th[scope="row"] { max-width: 14em; }
      td.warn, li.warn { color: #a04000; }
      td.t { white-space: nowrap; }
      details { margin: .4em 0; }
      summary { cursor: pointer; }
      footer { margin-top: 2em; font-size: .85em; color: #4d4d4d; }
      @media (max-width: 600px) {
        body { font-size: 14px; }
        main { padding: 10px; }
        figcaption::before { content: "Scroll the picture sideways. "; }
        table.groups, table.groups tbody, table.groups tr, table.groups th, table.groups td {
          display: block; }
        table.groups thead { display: none; }
        table.groups tr { border: 1px solid #bbb; margin-bottom: .8em; }
        table.groups th, table.groups td { border: 0; border-top: 1px solid #ddd; }
        table.groups td::before { content: attr(data-label) ": "; font-weight: bold; }
      }
      @media print {
        .scroll { overflow: visible; }
        figure svg { min-width: 0; }
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      }
      """;

  private HtmlRenderer() {}

  /** The page for a plan alone. */
  public static String render(Plan plan) {
    return render(plan, ObservedRollout.NONE);
  }

  /**
   * The page for a plan with the observed rollout drawn over it.
   *
   * @return a complete HTML document ending in a newline
   */
  public static String render(Plan plan, ObservedRollout observed) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(observed, "observed");
    Simulation sim = plan.simulation();
    RolloutSpec spec = sim.spec();
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<meta http-equiv=\"Content-Security-Policy\"")
        .append(" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n")
        .append("<title>")
        .append(escape("Lockstep plan: " + plan.cluster()))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<main>\n");
    b.append("<h1>Lockstep plan: cluster <code>")
        .append(escape(plan.cluster()))
        .append("</code></h1>\n<p>")
        .append(escape(capitalise(SvgRenderer.headerText(plan)) + "."))
        .append("</p>\n");
    boolean lanes = spec != null && spec.schedule() == Schedule.REGULAR;
    b.append(timeline(plan, observed));
    b.append("<h2>Warnings</h2>\n");
    if (plan.warnings().isEmpty()) {
      b.append("<p>None.</p>\n");
    } else {
      b.append("<ul>\n");
      for (PlanWarning w : plan.warnings()) {
        b.append("<li class=\"warn\"><strong>")
            .append(escape(w.code().id()))
            .append("</strong>: ")
            .append(escape(w.message()))
            .append("</li>\n");
      }
      b.append("</ul>\n");
    }
    if (!plan.notes().isEmpty()) {
      b.append("<h2>Notes</h2>\n<ul>\n");
      plan.notes().forEach(n -> b.append("<li>").append(escape(n)).append("</li>\n"));
      b.append("</ul>\n");
    }
    if (lanes) {
      events(b, plan);
    }
    b.append("<footer>");
    if (spec != null) {
      b.append(escape("Agent model: " + sim.agents().describe() + ". "))
          .append(
              escape(
                  "Simulated with Teleport's rollout controller rules until "
                      + PlanTextRenderer.time(sim.horizonEnd())
                      + " UTC. "));
    }
    b.append("Made by <code>lockstep plan --format html</code>.</footer>\n");
    b.append("</main>\n</body>\n</html>\n");
    return b.toString();
  }

  /**
   * The picture in a {@code <figure>} with its caption, then the group table with reasons in words
   * (for a regular schedule): the part of the page the {@code serve} dashboard embeds too.
   *
   * @return an HTML fragment; every name and message escaped
   */
  public static String timeline(Plan plan, ObservedRollout observed) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(observed, "observed");
    RolloutSpec spec = plan.simulation().spec();
    StringBuilder b = new StringBuilder();
    boolean lanes = spec != null && spec.schedule() == Schedule.REGULAR;
    b.append("<figure>\n<div class=\"scroll\">\n")
        .append(SvgRenderer.render(plan, observed))
        .append("</div>\n");
    if (lanes) {
      b.append("<figcaption>")
          .append(
              escape(
                  "Times in UTC; hover a bar for its exact times. Shaded: maintenance windows."
                      + " Colours from the Okabe-Ito palette; states also differ by pattern and"
                      + " shape."))
          .append("</figcaption>\n");
    }
    b.append("</figure>\n");
    if (lanes) {
      groupTable(b, plan);
    }
    return b.toString();
  }

  /**
   * A group's {@code last_update_reason} in words ({@code waiting for its window}); an unknown
   * reason is returned as it is.
   */
  public static String reasonWords(String reason) {
    return Words.reasonWords(null, reason);
  }

  /**
   * The text with {@code & < > " '} escaped and every non-ASCII or control character as a numeric
   * reference: safe in HTML text and attribute values.
   */
  public static String escape(String text) {
    return Svg.escape(text);
  }

  private static void groupTable(StringBuilder b, Plan plan) {
    RolloutSpec spec = plan.simulation().spec();
    b.append("<h2>Groups</h2>\n<div class=\"scroll\">\n<table class=\"groups\">\n<thead><tr>")
        .append("<th scope=\"col\">Group</th><th scope=\"col\">Window (UTC)</th>")
        .append("<th scope=\"col\">Start</th><th scope=\"col\">Done</th>")
        .append("<th scope=\"col\">At the end of the plan</th>")
        .append("<th scope=\"col\">What agents are told</th></tr></thead>\n<tbody>\n");
    for (GroupTimeline g : plan.groups()) {
      TimelineEvent last = g.events().isEmpty() ? null : g.events().get(g.events().size() - 1);
      b.append("<tr><th scope=\"row\">")
          .append(escape(g.name()))
          .append(g.catchAll() ? " (catch-all)" : "")
          .append("</th><td data-label=\"Window (UTC)\">")
          .append(escape(PlanTextRenderer.groupSummary(spec, g)))
          .append("</td><td class=\"t\" data-label=\"Start\">")
          .append(escape(PlanTextRenderer.orNever(g.start())))
          .append("</td><td data-label=\"Done\" class=\"t")
          .append(g.done() == null ? " warn" : "")
          .append("\">")
          .append(
              escape(g.done() == null ? "not within the horizon" : PlanTextRenderer.time(g.done())))
          .append("</td><td data-label=\"At the end of the plan\">")
          .append(
              last == null
                  ? ""
                  : escape(
                      last.state().label()
                          + ": "
                          + Words.reasonWords(g.config(), last.reason())
                          + " ("
                          + last.reason()
                          + ")"))
          .append("</td><td data-label=\"What agents are told\">")
          .append(
              String.join(
                  "<br/>", PlanTextRenderer.toldLines(plan, g).stream().map(Svg::escape).toList()))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</div>\n");
  }

  private static void events(StringBuilder b, Plan plan) {
    b.append("<h2>Events</h2>\n");
    for (GroupTimeline g : plan.groups()) {
      List<TimelineEvent> events = g.events();
      b.append("<details><summary>")
          .append(escape(g.name()))
          .append(": ")
          .append(events.size())
          .append(events.size() == 1 ? " event" : " events")
          .append("</summary>\n<div class=\"scroll\">\n<table>\n<thead><tr>")
          .append("<th scope=\"col\">At (UTC)</th><th scope=\"col\">State</th>")
          .append("<th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n");
      int shown = 0;
      for (TimelineEvent e : events) {
        if (shown++ == PlanTextRenderer.MAX_EVENTS) {
          b.append("<tr><td colspan=\"3\">")
              .append(events.size() - PlanTextRenderer.MAX_EVENTS)
              .append(" more (see <code>--format json</code>)</td></tr>\n");
          break;
        }
        b.append("<tr><td>")
            .append(escape(PlanTextRenderer.time(e.at())))
            .append("</td><td>")
            .append(e.state().label())
            .append("</td><td>")
            .append(escape(Words.reasonWords(g.config(), e.reason())))
            .append(" (<code>")
            .append(escape(e.reason()))
            .append("</code>)</td></tr>\n");
      }
      b.append("</tbody>\n</table>\n</div>\n</details>\n");
    }
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
