package dev.lockstep.rollout;

import dev.lockstep.model.Weekdays;
import java.time.DayOfWeek;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * An immutable list of weekday names that remembers which days it means (a bit per {@link
 * DayOfWeek#ordinal()}), so that window checks on every simulated minute do not parse it again. It
 * equals any list with the same names. Unparseable names are kept; {@link #mask()} then reports the
 * first one, which is when Teleport reports it (teleport-semantics §6.1).
 */
final class DayList extends AbstractList<String> implements RandomAccess {
  private final List<String> names;
  private final int mask;
  private final String invalid;

  private DayList(List<String> names) {
    this.names = List.copyOf(names);
    int m = 0;
    String bad = null;
    for (String d : this.names) {
      if ("*".equals(d)) {
        m = 0x7f;
        continue;
      }
      Optional<DayOfWeek> day = Weekdays.parseDay(d);
      if (day.isEmpty()) {
        bad = bad == null ? d : bad;
      } else {
        m |= 1 << day.get().ordinal();
      }
    }
    this.mask = m;
    this.invalid = bad;
  }

  /** The list itself when it already is a DayList, else a parsed copy. */
  static DayList of(List<String> names) {
    return names instanceof DayList d ? d : new DayList(names);
  }

  /** The days as bits. */
  int mask() {
    if (invalid != null) {
      throw new RolloutException("failed to parse weekday: \"" + invalid + "\"");
    }
    return mask;
  }

  @Override
  public String get(int index) {
    return names.get(index);
  }

  @Override
  public int size() {
    return names.size();
  }
}
