package dev.lockstep.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.model.AutoupdateConfig.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Teleport's computeMinRolloutTime (teleport-semantics §2.4), with examples worked by hand. */
class MinRolloutTimeTest {

  /** Groups from (start_hour, wait_hours) pairs. */
  static List<Group> groups(long... startAndWait) {
    List<Group> out = new ArrayList<>();
    for (int i = 0; i < startAndWait.length; i += 2) {
      out.add(
          new Group(
              "g" + i,
              List.of("Mon", "Tue", "Wed", "Thu"),
              startAndWait[i],
              startAndWait[i + 1],
              0));
    }
    return out;
  }

  static Stream<Arguments> examples() {
    return Stream.of(
        // no groups: 0
        Arguments.of(named("no groups", groups()), 0L),
        // hours = 12 + 1 = 13; 13 - 12 = 1
        Arguments.of(named("one group runs one hour", groups(12, 0)), 1L),
        // hours = 1; next: diff(0,5) = 5 >= 0 -> += diff(1,5) = 4 -> 5; +1 -> 6; 6 - 0
        Arguments.of(named("00:00 then 05:00 the same day", groups(0, 0, 5, 0)), 6L),
        // hours = 11; diff(10,10) = 0, not < 0 -> += diff(11,10) = 23 -> 34; waitDays 1 - 1 = 0; +1
        // -> 35; 35 - 10
        Arguments.of(named("same hour a day later (wait 24)", groups(10, 0, 10, 24)), 25L),
        // hours = 11; diff(10,12) = 2 < 5 -> += 24 + diff(11,12) = 25 -> 36; waitDays 0; +1 -> 37;
        // 37 - 10
        Arguments.of(named("wait longer than the gap pushes a day", groups(10, 0, 12, 5)), 27L),
        // hours = 6; diff 0 -> += 23 -> 29; waitDays 2 - 1 = 1 -> +24 -> 53; +1 -> 54; 54 - 5
        Arguments.of(named("same hour two days later (wait 48)", groups(5, 0, 5, 48)), 49L),
        // hours = 1, then three times +23 +1 -> 73; 73 - 0 (over the Cloud limit of 72)
        Arguments.of(
            named("four daily groups at midnight", groups(0, 0, 0, 24, 0, 24, 0, 24)), 73L),
        // hours = 24; diff(23,1) = 2 >= 0 -> += diff(0,1) = 1 -> 25; +1 -> 26; 26 - 23
        Arguments.of(named("23:00 then 01:00 across midnight", groups(23, 0, 1, 0)), 3L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void estimate(List<Group> groups, long expectedHours) {
    assertEquals(expectedHours, TeleportRules.computeMinRolloutTime(groups));
  }
}
