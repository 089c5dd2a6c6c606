package dev.lockstep.model;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Weekday parsing as Teleport does it (teleport-semantics §2.2, §12). {@link #parseDay} is {@code
 * ParseWeekday}: a case-insensitive full English name ({@code Monday}) or its first three letters
 * ({@code Mon}). {@link #parseList} is {@code ParseWeekdays}: a non-empty list, either exactly
 * {@code ["*"]} (every day) or distinct day names.
 */
public final class Weekdays {

  /** Every day of the week, the meaning of {@code ["*"]}. */
  public static final Set<DayOfWeek> ALL = EnumSet.allOf(DayOfWeek.class);

  private Weekdays() {}

  /** {@code ParseWeekday}: empty when the text names no day. */
  public static Optional<DayOfWeek> parseDay(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = fullName(d);
      if (full.equalsIgnoreCase(text) || full.substring(0, 3).equalsIgnoreCase(text)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code ParseWeekdays}: the set of days, or an exception whose message is Teleport's ("empty
   * weekdays list", "duplicate weekday: Monday", ...).
   */
  public static Set<DayOfWeek> parseList(List<String> days) throws InvalidWeekdaysException {
    if (days == null || days.isEmpty()) {
      throw new InvalidWeekdaysException("empty weekdays list");
    }
    if (days.size() == 1 && "*".equals(days.get(0))) {
      return ALL;
    }
    EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    for (int i = 0; i < days.size(); i++) {
      String d = days.get(i);
      if ("*".equals(d)) {
        throw new InvalidWeekdaysException(
            "\"*\" must be the only entry of the list when it is used", i);
      }
      Optional<DayOfWeek> day = parseDay(d);
      if (day.isEmpty()) {
        throw new InvalidWeekdaysException("failed to parse weekday: \"" + d + "\"", i);
      }
      if (!set.add(day.get())) {
        throw new InvalidWeekdaysException("duplicate weekday: " + fullName(day.get()), i);
      }
    }
    return set;
  }

  /** The English name Go's {@code time.Weekday.String()} prints, e.g. {@code Monday}. */
  public static String fullName(DayOfWeek day) {
    // From the constant's name, not the JDK's locale data: loading the locale providers is a
    // measurable part of a short validate run, and the names are fixed English anyway.
    String upper = day.name();
    return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
  }

  /** The three-letter name, e.g. {@code Mon}. */
  public static String shortName(DayOfWeek day) {
    return fullName(day).substring(0, 3);
  }
}
