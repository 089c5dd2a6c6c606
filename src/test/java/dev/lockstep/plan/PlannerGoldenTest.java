package dev.lockstep.plan;

import static dev.lockstep.rollout.Fixtures.cluster;
import static dev.lockstep.rollout.Fixtures.config;
import static dev.lockstep.rollout.Fixtures.descriptor;
import static dev.lockstep.rollout.Fixtures.group;
import static dev.lockstep.rollout.Fixtures.maintenance;
import static dev.lockstep.rollout.Fixtures.version;

import dev.lockstep.model.ClusterSource;
import dev.lockstep.rollout.AgentModel;
import dev.lockstep.testing.Golden;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden plans in every format for the scenarios of issue 3. Fixed instants, no clock. */
class PlannerGoldenTest {

  /** Monday 2026-11-23 09:00 UTC. */
  static final Instant MONDAY_9 = Instant.parse("2026-11-23T09:00:00Z");

  record Scenario(String name, ClusterSource cluster, PlanOptions options) {}

  static Stream<Arguments> scenarios() {
    return Stream.of(
            new Scenario(
                "halt-on-error-wait-24",
                cluster(
                    "prod",
                    config(
                        "enabled",
                        "halt-on-error",
                        null,
                        group("dev", "Mon,Tue,Wed,Thu,Fri", 12),
                        group("staging", "Mon,Tue,Wed,Thu,Fri", 12, 24, 0),
                        group("prod", "Mon,Tue,Wed,Thu,Fri", 12, 24, 0)),
                    version()),
                PlanOptions.from(MONDAY_9)),
            new Scenario(
                "friday-miss-moves-to-monday",
                cluster(
                    "prod",
                    config(
                        "enabled",
                        "halt-on-error",
                        null,
                        group("staging", "Mon,Tue,Wed,Thu,Fri", 14),
                        group("prod", "Mon,Tue,Wed,Thu,Fri", 13)),
                    version()),
                PlanOptions.from(Instant.parse("2026-11-27T09:30:00Z"))),
            new Scenario(
                "time-based-2h-windows",
                cluster(
                    "edge",
                    config(
                        "enabled",
                        "time-based",
                        "2h",
                        group("eu", "Mon,Wed", 8),
                        group("us", "Tue,Thu", 16),
                        group("rest", "*", 20)),
                    version()),
                PlanOptions.from(MONDAY_9)),
            new Scenario(
                "canary-groups",
                cluster(
                    "prod",
                    config(
                        "enabled",
                        "halt-on-error",
                        null,
                        group("dev", "*", 10, 0, 2),
                        group("prod", "*", 14, 0, 5)),
                    version()),
                new PlanOptions(
                    MONDAY_9,
                    PlanOptions.DEFAULT_HORIZON,
                    new AgentModel(10, Map.of("prod", 3), Duration.ofMinutes(10), true))),
            new Scenario(
                "time-based-23h-cut-at-midnight",
                cluster(
                    "night",
                    config("enabled", "time-based", "2h", group("night", "*", 23)),
                    version()),
                PlanOptions.from(MONDAY_9)),
            new Scenario(
                "default-cmc-group",
                cluster("legacy", maintenance(2, "Tue", "Thu"), version()),
                PlanOptions.from(MONDAY_9)),
            new Scenario(
                "immediate-schedule",
                cluster(
                    "lab",
                    config("enabled", "halt-on-error", null, group("dev", "*", 12)),
                    version("17.1.4", "17.2.1", "immediate", "enabled")),
                PlanOptions.from(MONDAY_9)),
            new Scenario(
                "suspended-mode",
                cluster(
                    "prod",
                    config(
                        "suspended",
                        "halt-on-error",
                        null,
                        group("dev", "Mon,Tue,Wed,Thu", 12),
                        group("prod", "Mon,Tue,Wed,Thu", 12, 24, 0)),
                    version()),
                PlanOptions.from(MONDAY_9)),
            new Scenario(
                "no-reports-canary",
                cluster(
                    "prod",
                    config(
                        "enabled",
                        "halt-on-error",
                        null,
                        group("dev", "*", 12),
                        group("prod", "*", 12, 0, 1)),
                    version()),
                new PlanOptions(
                    MONDAY_9,
                    Duration.ofDays(7),
                    new AgentModel(10, Map.of(), Duration.ofMinutes(10), false))),
            new Scenario(
                "unnamed-group-agents",
                cluster(
                    "prod",
                    config(
                        "enabled",
                        "halt-on-error",
                        null,
                        group("dev", "Mon,Tue,Wed,Thu,Fri", 12),
                        group("web", "Mon,Tue,Wed,Thu,Fri", 14, 0, 5)),
                    version()),
                new PlanOptions(
                    MONDAY_9,
                    Duration.ofDays(7),
                    new AgentModel(
                        10, Map.of("web", 3, "batch", 6), Duration.ofMinutes(10), true))),
            new Scenario(
                "cloud-over-72h",
                cluster(
                    "cloud",
                    descriptor("cloud", true),
                    config(
                        "enabled",
                        "halt-on-error",
                        null,
                        group("dev", "Mon,Tue,Wed,Thu", 10),
                        group("staging", "Mon,Tue,Wed,Thu", 10, 24, 0),
                        group("prod", "Mon,Tue,Wed,Thu", 10, 48, 0)),
                    version()),
                PlanOptions.from(MONDAY_9)))
        .flatMap(
            s ->
                Stream.of(PlanFormat.values())
                    .map(f -> Arguments.of(Named.named(s.name() + "." + f.label(), s), f)));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void rendersGoldenPlan(Scenario s, PlanFormat format) {
    Plan plan = Planner.plan("main@abc1234", s.cluster(), Optional.empty(), s.options());
    Golden.assertMatches(
        PlannerGoldenTest.class, s.name() + "." + format.label(), format.render(plan));
  }
}
