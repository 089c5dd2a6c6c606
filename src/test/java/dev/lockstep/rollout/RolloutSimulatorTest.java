package dev.lockstep.rollout;

import static dev.lockstep.rollout.Fixtures.config;
import static dev.lockstep.rollout.Fixtures.group;
import static dev.lockstep.rollout.Fixtures.sources;
import static dev.lockstep.rollout.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.model.Resource;
import dev.lockstep.rollout.RolloutController.Sources;
import dev.lockstep.rollout.RolloutSimulator.Input;
import dev.lockstep.rollout.RolloutSimulator.Stepping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The event-jumping simulator gives exactly what running the controller every minute gives. */
class RolloutSimulatorTest {
  static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

  /**
   * 80 random schedules from a fixed seed: strategies, days, hours, waits, canaries, windows,
   * agents (some in groups the schedule does not name), reports or none, modes. Time-based runs
   * with reports carry agent counts, so their runs are compared too.
   */
  static Stream<Arguments> randomSchedules() {
    return IntStream.range(0, 80)
        .mapToObj(
            seed -> {
              Random r = new Random(seed);
              boolean timeBased = r.nextInt(3) == 0;
              int n = 1 + r.nextInt(4);
              List<Map<String, Object>> groups = new ArrayList<>();
              Map<String, Integer> agents = new HashMap<>();
              for (int i = 0; i < n; i++) {
                String days = r.nextInt(4) == 0 ? "*" : randomDays(r);
                int wait = !timeBased && i > 0 && r.nextInt(3) == 0 ? r.nextInt(50) : 0;
                int canaries = !timeBased && r.nextInt(4) == 0 ? 1 + r.nextInt(5) : 0;
                groups.add(group("g" + i, days, r.nextInt(24), wait, canaries));
                if (r.nextBoolean()) {
                  agents.put("g" + i, r.nextInt(12));
                }
              }
              String window = timeBased ? (10 + r.nextInt(300)) + "m" : null;
              String mode = r.nextInt(8) == 0 ? "suspended" : "enabled";
              @SuppressWarnings("unchecked")
              Resource config =
                  config(
                      mode,
                      timeBased ? "time-based" : "halt-on-error",
                      window,
                      groups.toArray(new Map[0]));
              Sources s = sources(config, version());
              Instant from =
                  Instant.parse("2026-11-23T00:00:00Z").plusSeconds(r.nextInt(7 * 24 * 3600));
              int defaultAgents = r.nextInt(12);
              Duration delay = Duration.ofSeconds(r.nextInt(3 * 3600));
              boolean reports = r.nextInt(4) != 0;
              // agents of groups the schedule does not name: they join the last group
              int unnamed = r.nextInt(3);
              for (int k = 0; k < unnamed; k++) {
                agents.put("x" + k, r.nextInt(8));
              }
              AgentModel model = new AgentModel(defaultAgents, agents, delay, reports);
              Input in = Input.of(s, from, Duration.ofDays(9), model);
              return Arguments.of(
                  Named.named(
                      "seed "
                          + seed
                          + (timeBased ? " time-based " : " halt-on-error ")
                          + n
                          + " groups",
                      in));
            });
  }

  static String randomDays(Random r) {
    List<String> out = new ArrayList<>();
    for (String d : DAYS) {
      if (r.nextInt(3) == 0) {
        out.add(d);
      }
    }
    return out.isEmpty() ? "Wed" : String.join(",", out);
  }

  @ParameterizedTest
  @MethodSource("randomSchedules")
  void eventJumpingEqualsSteppingEveryMinute(Input input) {
    Simulation stepped = RolloutSimulator.simulate(input, Stepping.EVERY_MINUTE);
    Simulation jumped = RolloutSimulator.simulate(input, Stepping.EVENTS);
    assertThat(jumped).isEqualTo(stepped);
  }

  /**
   * What the last (catch-all) group shows at the end of a simulation.
   *
   * @param agents its modelled agents, its own and those of unnamed groups
   * @param unnamed agents of groups the schedule does not name, by group
   * @param present its present_count after the last run
   * @param upToDate its up_to_date_count after the last run
   * @param done whether it is done within the horizon
   */
  record CatchAll(
      int agents, Map<String, Integer> unnamed, long present, long upToDate, boolean done) {}

  record UnnamedCase(Input input, CatchAll want) {}

  static Input twoGroups(String strategy, String window, long webCanaries, Map<String, Integer> n) {
    Sources s = sources(Fixtures.devAndWeb(strategy, window, webCanaries), version());
    return Input.of(
        s,
        Instant.parse("2026-11-23T09:00:00Z"),
        Duration.ofDays(3),
        new AgentModel(10, n, Duration.ofMinutes(10), true));
  }

  /**
   * Agents whose group the schedule does not name belong to the last group, as Teleport's
   * controller treats them (teleport-semantics §5.4): {@code /webapi/find} answers them as the last
   * group, the last group counts them, and they can be sampled as its canaries.
   */
  static Stream<Arguments> unnamedGroups() {
    return Stream.of(
        Arguments.of(
            Named.named(
                "halt-on-error: batch agents count in the last group web and update with it",
                new UnnamedCase(
                    twoGroups("halt-on-error", null, 0, Map.of("web", 4, "batch", 6)),
                    new CatchAll(10, Map.of("batch", 6), 10, 10, true)))),
        Arguments.of(
            Named.named(
                "halt-on-error: batch agents can be the last group's canaries (3 web agents, 5 canaries)",
                new UnnamedCase(
                    twoGroups("halt-on-error", null, 5, Map.of("web", 3, "batch", 6)),
                    new CatchAll(9, Map.of("batch", 6), 9, 9, true)))),
        Arguments.of(
            Named.named(
                "time-based: the last group counts batch agents, which update in its window",
                new UnnamedCase(
                    twoGroups("time-based", "2h", 0, Map.of("web", 4, "batch", 6)),
                    new CatchAll(10, Map.of("batch", 6), 10, 10, true)))),
        Arguments.of(
            Named.named(
                "several unnamed groups all join the last group",
                new UnnamedCase(
                    twoGroups("halt-on-error", null, 0, Map.of("web", 1, "batch", 2, "typo", 3)),
                    new CatchAll(6, Map.of("batch", 2, "typo", 3), 6, 6, true)))),
        Arguments.of(
            Named.named(
                "a count for a scheduled group, or for an unnamed group of 0 agents, adds nobody",
                new UnnamedCase(
                    twoGroups("halt-on-error", null, 0, Map.of("dev", 3, "batch", 0)),
                    new CatchAll(10, Map.of(), 10, 10, true)))));
  }

  @ParameterizedTest
  @MethodSource("unnamedGroups")
  void agentsOfUnnamedGroupsBelongToTheLastGroup(UnnamedCase c) {
    Simulation sim = RolloutSimulator.simulate(c.input());
    GroupTimeline web = sim.groups().get(sim.groups().size() - 1);
    GroupStatus last = sim.finalRollout().status().group(web.name());
    assertThat(
            new CatchAll(
                web.agents(),
                web.unnamedGroups(),
                last.presentCount(),
                last.upToDateCount(),
                web.done() != null))
        .isEqualTo(c.want());
    assertThat(sim.groups().get(0).unnamedGroups()).isEmpty();
  }

  @Test
  void unnamedAgentsCanBeSampledAsCanariesOfTheLastGroup() {
    Simulation sim =
        RolloutSimulator.simulate(
            twoGroups("halt-on-error", null, 5, Map.of("web", 3, "batch", 6)));
    assertThat(sim.finalRollout().status().group("web").canaries())
        .extracting(Canary::hostId)
        .contains("batch-1", "batch-2");
  }

  @Test
  void firstRunIsTheFirstWholeMinuteAtOrAfterFrom() {
    Sources s = sources(config("enabled", "halt-on-error", null, group("dev", "*", 12)), version());
    Simulation a =
        RolloutSimulator.simulate(
            Input.of(
                s, Instant.parse("2026-11-23T09:00:00Z"), Duration.ofDays(2), AgentModel.DEFAULT));
    Simulation b =
        RolloutSimulator.simulate(
            Input.of(
                s,
                Instant.parse("2026-11-23T09:00:00.001Z"),
                Duration.ofDays(2),
                AgentModel.DEFAULT));
    assertThat(a.created()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    assertThat(b.created()).isEqualTo(Instant.parse("2026-11-23T09:01:00Z"));
    assertThat(a.finalRollout().status().startTime()).isEqualTo(a.created());
  }

  /** dev then prod, both every day at 12:00, halt-on-error, from Monday 09:00. */
  static Simulation devThenProd(Duration agentDelay) {
    Sources s =
        sources(
            config("enabled", "halt-on-error", null, group("dev", "*", 12), group("prod", "*", 12)),
            version());
    return RolloutSimulator.simulate(
        Input.of(
            s,
            Instant.parse("2026-11-23T09:00:00Z"),
            Duration.ofDays(30),
            new AgentModel(10, Map.of(), agentDelay, true)));
  }

  @Test
  void stopsAtTheFirstRunWithEveryGroupDone() {
    Simulation sim = devThenProd(Duration.ofMinutes(15));
    assertThat(sim.groups().get(0).done()).isEqualTo(Instant.parse("2026-11-23T12:15:00Z"));
    assertThat(sim.groups().get(1).start()).isEqualTo(Instant.parse("2026-11-23T12:15:00Z"));
    assertThat(sim.completes()).isEqualTo(Instant.parse("2026-11-23T12:30:00Z"));
  }

  @Test
  void agentsWithoutDelayReportTheTargetAtTheNextRun() {
    Simulation sim = devThenProd(Duration.ZERO);
    // prod starts in the run that finds dev done, and its agents report the target at the next
    assertThat(sim.groups().get(0).done()).isEqualTo(Instant.parse("2026-11-23T12:01:00Z"));
    assertThat(sim.groups().get(1).done()).isEqualTo(Instant.parse("2026-11-23T12:02:00Z"));
    assertThat(sim.groups().get(1).events())
        .last()
        .extracting(TimelineEvent::present, TimelineEvent::upToDate)
        .containsExactly(10L, 10L);
  }

  @Test
  void withoutReportsAGroupIsDoneAtTheFirstRunMoreThanAnHourAfterItsStart() {
    Sources s = sources(config("enabled", "halt-on-error", null, group("dev", "*", 12)), version());
    Simulation sim =
        RolloutSimulator.simulate(
            Input.of(
                s,
                Instant.parse("2026-11-23T09:00:00Z"),
                Duration.ofDays(2),
                new AgentModel(10, Map.of(), Duration.ofMinutes(10), false)));
    assertThat(sim.groups().get(0).done()).isEqualTo(Instant.parse("2026-11-23T13:01:00Z"));
  }

  @Test
  void noAgentsBlockSimulatesNoRollout() {
    Simulation sim =
        RolloutSimulator.simulate(
            Input.of(
                sources(config("enabled", "halt-on-error", null)),
                Instant.parse("2026-11-23T09:00:00Z"),
                Duration.ofDays(1),
                AgentModel.DEFAULT));
    assertThat(sim.spec()).isNull();
    assertThat(sim.groups()).isEmpty();
  }
}
