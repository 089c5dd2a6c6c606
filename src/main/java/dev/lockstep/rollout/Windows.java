package dev.lockstep.rollout;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Maintenance windows (teleport-semantics §6). All computations are in UTC. */
public final class Windows {

  /**
   * Halt-on-error windows last one hour ({@code haltOnErrorWindowDuration}, teleport-semantics
   * §6.1).
   */
  public static final Duration HALT_ON_ERROR_WINDOW = Duration.ofHours(1);

  private static final Duration DAY = Duration.ofDays(1);
  private static final long SECONDS_PER_DAY = 86_400L;

  private Windows() {}

  /**
   * {@code inWindow}: true when {@code t}'s weekday is one of the group's days and {@code t} lies
   * in {@code [day + start_hour, day + start_hour + duration)} of that same UTC day. A window never
   * spills over midnight: with 23:00 and 2 h, 00:30 the next day is outside (teleport-semantics
   * §6.1).
   *
   * @throws RolloutException when a day does not parse
   */
  public static boolean inWindow(GroupStatus group, Instant t, Duration duration) {
    return inWindow(group.configDays(), group.configStartHour(), t, duration);
  }

  /** {@link #inWindow(GroupStatus, Instant, Duration)} over the bare schedule fields. */
  public static boolean inWindow(List<String> days, int startHour, Instant t, Duration duration) {
    if ((dayMask(days) & (1 << weekdayOrdinal(t))) == 0) {
      return false;
    }
    // seconds since this UTC day's window start; the window is [0, duration)
    long sinceStart = Math.floorMod(t.getEpochSecond(), SECONDS_PER_DAY) - startHour * 3600L;
    if (sinceStart < 0) {
      return false;
    }
    return Duration.ofSeconds(sinceStart, t.getNano()).compareTo(duration) < 0;
  }

  /** {@link DayOfWeek#ordinal()} of the UTC day of {@code t} (Monday = 0), without allocating. */
  public static int weekdayOrdinal(Instant t) {
    long epochDay = Math.floorDiv(t.getEpochSecond(), SECONDS_PER_DAY);
    return (int) Math.floorMod(epochDay + 3, 7L); // 1970-01-01 was a Thursday
  }

  /**
   * {@code rolloutChangedInWindow}: true when the rollout is at most 24 h old and its own start
   * time lies inside a window of this group, whichever day's window {@code now} is in
   * (teleport-semantics §6.2). A null start time never blocks.
   */
  public static boolean rolloutChangedInWindow(
      GroupStatus group, Instant now, Instant rolloutStart, Duration duration) {
    if (rolloutStart == null || Duration.between(rolloutStart, now).compareTo(DAY) > 0) {
      return false;
    }
    return inWindow(group, rolloutStart, duration);
  }

  /**
   * The end of the window that starts at {@code windowStart} as {@link #inWindow} sees it: the
   * earlier of start + duration and the next UTC midnight.
   */
  public static Instant effectiveEnd(Instant windowStart, Duration duration) {
    Instant end = windowStart.plus(duration);
    Instant midnight = windowStart.truncatedTo(ChronoUnit.DAYS).plus(DAY);
    return end.isAfter(midnight) ? midnight : end;
  }

  /** True when {@code day} is one of the days (a bit per {@link DayOfWeek#ordinal()}). */
  public static boolean isDay(List<String> days, int weekdayOrdinal) {
    return (dayMask(days) & (1 << weekdayOrdinal)) != 0;
  }

  private static int dayMask(List<String> days) {
    return DayList.of(days).mask();
  }
}
