package dev.lockstep.plan;

import dev.lockstep.model.Weekdays;
import dev.lockstep.rollout.GroupConfig;
import dev.lockstep.rollout.Reasons;
import dev.lockstep.rollout.Windows;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reasons, days and times in the short words the picture and the page use. All times UTC. */
final class Words {
  private Words() {}

  static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  static final DateTimeFormatter DAY_YEAR =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** A reason in words, as a reviewer reads it; unknown reasons are shown as they are. */
  static String reasonWords(GroupConfig config, String reason) {
    return switch (reason) {
      case Reasons.CREATED -> "rollout just created";
      case Reasons.PREVIOUS_GROUPS_NOT_DONE -> "waiting for earlier groups";
      case Reasons.CANNOT_START ->
          config != null && config.waitHours() > 0
              ? "waiting for wait_hours or its window"
              : "waiting for its window";
      case Reasons.ROLLOUT_CHANGED_DURING_WINDOW -> "rollout changed in its window";
      case Reasons.RECONCILER_ERROR -> "skipped: controller error";
      case Reasons.CAN_START -> "started";
      case Reasons.WAITING_FOR_CANARIES -> "waiting for canaries";
      case Reasons.CANARIES_ARE_ALIVE -> "canaries updated";
      case Reasons.UPDATE_IN_PROGRESS -> "updating";
      case Reasons.UPDATE_COMPLETE -> "update complete";
      case Reasons.IN_WINDOW -> "in its window";
      case Reasons.OUTSIDE_WINDOW -> "outside its window";
      case Reasons.MANUAL_TRIGGER -> "started by hand";
      case Reasons.MANUAL_FORCED_DONE -> "marked done by hand";
      case Reasons.MANUAL_ROLLBACK -> "rolled back by hand";
      default -> reason;
    };
  }

  /** {@code Mon–Thu}, {@code Mon, Wed}, {@code every day}. */
  static String dayRange(List<String> days) {
    boolean[] on = new boolean[7];
    for (int d = 0; d < 7; d++) {
      on[d] = Windows.isDay(days, d);
    }
    List<String> parts = new ArrayList<>();
    int d = 0;
    while (d < 7) {
      if (!on[d]) {
        d++;
        continue;
      }
      int end = d;
      while (end + 1 < 7 && on[end + 1]) {
        end++;
      }
      String first = Weekdays.shortName(DayOfWeek.of(d + 1));
      String last = Weekdays.shortName(DayOfWeek.of(end + 1));
      if (end - d >= 2) {
        parts.add(first + "\u2013" + last);
      } else {
        for (int i = d; i <= end; i++) {
          parts.add(Weekdays.shortName(DayOfWeek.of(i + 1)));
        }
      }
      d = end + 1;
    }
    return parts.size() == 1 && parts.get(0).equals("Mon\u2013Sun")
        ? "every day"
        : parts.isEmpty() ? "no day" : String.join(", ", parts);
  }

  /** {@code Tue 2026-11-24 08:00 – 09:00 UTC}, with the second date when it differs. */
  static String range(Instant from, Instant to) {
    return PlanTextRenderer.time(from) + " \u2013 " + after(from, to) + " UTC";
  }

  /** {@code 08:10} when on the same UTC day as {@code previous}, else {@code Wed 25 Nov 10:10}. */
  static String after(Instant previous, Instant t) {
    return previous.truncatedTo(ChronoUnit.DAYS).equals(t.truncatedTo(ChronoUnit.DAYS))
        ? CLOCK.format(t)
        : SHORT.format(t);
  }
}
