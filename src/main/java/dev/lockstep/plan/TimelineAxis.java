package dev.lockstep.plan;

import static dev.lockstep.plan.Svg.MUTED;
import static dev.lockstep.plan.Svg.line;
import static dev.lockstep.plan.Svg.text;
import static dev.lockstep.plan.Svg.textWidth;
import static dev.lockstep.plan.Words.CLOCK;

import dev.lockstep.rollout.Simulation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The picture's time axis: from the UTC midnight before the rollout's creation to the midnight
 * after it completes; when it does not complete, after a quiet day following the last change (or
 * the horizon, when that is sooner); after the observation when that is later; at most {@link
 * SvgRenderer#MAX_DAYS} days.
 *
 * @param start the first instant shown, a UTC midnight
 * @param end the last instant shown
 * @param x0 the x of {@code start}
 * @param x1 the x of {@code end}
 * @param cut true when the rollout needed more than {@link SvgRenderer#MAX_DAYS} days
 */
record TimelineAxis(Instant start, Instant end, double x0, double x1, boolean cut) {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter WEEKDAY_DATE =
      DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** The axis for a plan and an observation, drawn from {@code x0} to {@code x1}. */
  static TimelineAxis of(Plan plan, ObservedRollout observed, double x0, double x1) {
    Simulation sim = plan.simulation();
    Instant start = sim.created().truncatedTo(ChronoUnit.DAYS);
    Instant stop = sim.completes();
    if (stop == null) {
      Instant quiet = SvgRenderer.lastChange(plan).plus(Duration.ofDays(1));
      stop = quiet.isBefore(sim.horizonEnd()) ? quiet : sim.horizonEnd();
    }
    if (!observed.isEmpty() && observed.at().isAfter(stop)) {
      stop = observed.at();
    }
    Instant end = stop.truncatedTo(ChronoUnit.DAYS);
    if (end.isBefore(stop) || !end.isAfter(start)) {
      end = end.plus(Duration.ofDays(1));
    }
    Instant cap = start.plus(Duration.ofDays(SvgRenderer.MAX_DAYS));
    boolean cut = end.isAfter(cap);
    return new TimelineAxis(start, cut ? cap : end, x0, x1, cut);
  }

  /** The x of an instant, clamped to the axis. */
  double x(Instant t) {
    double total = Duration.between(start, end).getSeconds();
    double at = Duration.between(start, t).getSeconds();
    double f = Math.max(0, Math.min(1, at / total));
    return x0 + (x1 - x0) * f;
  }

  /**
   * Draws the labels in two rows from {@code top} (days over hours when a day is wide enough, else
   * months over days, Mondays darker) and the grid lines down to {@code bottom}.
   */
  void draw(StringBuilder b, double top, double bottom) {
    double perHour = (x1 - x0) / (Duration.between(start, end).toMinutes() / 60.0);
    String grid = "stroke=\"#D0D0D0\" stroke-width=\"1\"";
    b.append("<g class=\"axis\" font-size=\"11\">\n");
    if (perHour * 24 >= 160) {
      int step = 12;
      for (int s : new int[] {1, 2, 3, 6, 12}) {
        if (s * perHour >= 44) {
          step = s;
          break;
        }
      }
      for (Instant t = start; !t.isAfter(end); t = t.plus(Duration.ofHours(step))) {
        double x = x(t);
        boolean midnight = t.equals(t.truncatedTo(ChronoUnit.DAYS));
        line(b, x, top + 16, x, bottom, midnight ? "stroke=\"#A0A0A0\"" : grid);
        if (t.isBefore(end) && x + textWidth("00:00", 11, false) <= x1) {
          text(b, x + 3, top + 28, "start", "fill=\"" + MUTED + "\"", CLOCK.format(t));
        }
        if (midnight && t.isBefore(end)) {
          String day = DAY.format(t);
          if (x + textWidth(day, 11, true) <= x1) {
            text(b, x + 3, top + 12, "start", "font-weight=\"bold\"", day);
          }
        }
      }
    } else {
      double perDay = perHour * 24;
      int step = perDay >= 56 ? 1 : perDay * 2 >= 56 ? 2 : 7;
      String month = null;
      for (Instant t = start; !t.isAfter(end); t = t.plus(Duration.ofDays(1))) {
        double x = x(t);
        boolean monday = t.atOffset(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.MONDAY;
        line(b, x, top + 16, x, bottom, monday ? "stroke=\"#A0A0A0\"" : grid);
        if (!t.isBefore(end)) {
          continue;
        }
        long index = Duration.between(start, t).toDays();
        boolean labelled = step == 7 ? monday : index % step == 0;
        String day = WEEKDAY_DATE.format(t);
        if (labelled && x + textWidth(day, 11, false) <= x1) {
          text(b, x + 3, top + 28, "start", "fill=\"" + MUTED + "\"", day);
        }
        String m = MONTH.format(t);
        if (!m.equals(month) && x + textWidth(m, 11, true) <= x1) {
          text(b, x + 3, top + 12, "start", "font-weight=\"bold\"", m);
          month = m;
        }
      }
    }
    b.append("</g>\n");
  }
}
