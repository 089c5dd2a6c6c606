package dev.lockstep.health.replay;

import dev.lockstep.health.replay.Scenario.Trouble;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The named recordings kept under {@code src/test/resources/replay/}: each a scenario of the
 * issue's list. {@code RecordingsTest} checks the files are what the {@link Recorder} makes of
 * these scenarios ({@code -Drecordings.update=true} rewrites them).
 */
final class Recordings {
  private Recordings() {}

  static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");

  static Instant at(int hour, int minute) {
    return MONDAY.plus(Duration.ofHours(hour).plusMinutes(minute));
  }

  /** dev at 10:00 (1 canary, 40 agents), prod at 12:00 (2 canaries, 120 agents). */
  static Scenario.Builder twoGroups(String name) {
    return Scenario.builder(name).group("dev", 10, 0, 1, 40).group("prod", 12, 0, 2, 120);
  }

  static final List<Scenario> ALL =
      List.of(
          twoGroups("healthy-slow").delays(Duration.ofMinutes(3), Duration.ofMinutes(25)).build(),
          twoGroups("churn-5pct").churn(0.05).seed(2).build(),
          twoGroups("canaries-stuck").trouble(new Trouble.StuckCanaries("prod")).build(),
          twoGroups("stall-at-70pct").trouble(new Trouble.StallAt("prod", 0.7)).build(),
          twoGroups("attrition-to-80pct").trouble(new Trouble.Attrition("prod", 0.2)).build(),
          twoGroups("reports-expire").trouble(new Trouble.ReportsFreeze(at(12, 20))).build(),
          twoGroups("api-errors")
              .trouble(
                  new Trouble.ApiErrors(
                      List.of(at(10, 30), at(10, 35), at(10, 40), at(12, 10), at(12, 20))))
              .build(),
          twoGroups("reset-midway").trouble(new Trouble.Reset(at(10, 20), "17.3.1")).build(),
          Scenario.builder("time-based")
              .group("dev", 10, 0, 0, 40)
              .group("prod", 12, 0, 0, 120)
              .timeBased(Duration.ofHours(1))
              .build(),
          Scenario.builder("time-based-attrition")
              .group("dev", 10, 0, 0, 40)
              .group("prod", 12, 0, 0, 120)
              .timeBased(Duration.ofHours(1))
              .trouble(new Trouble.Attrition("prod", 0.2))
              .build(),
          twoGroups("undefined-groups").trouble(new Trouble.UndefinedGroup("qa", 6)).build());

  static Scenario named(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
