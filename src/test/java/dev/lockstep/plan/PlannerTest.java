package dev.lockstep.plan;

import static dev.lockstep.rollout.Fixtures.cluster;
import static dev.lockstep.rollout.Fixtures.config;
import static dev.lockstep.rollout.Fixtures.group;
import static dev.lockstep.rollout.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.model.ClusterSource;
import dev.lockstep.rollout.AgentModel;
import dev.lockstep.rollout.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * New-rollout detection against a base revision (teleport-semantics §5.3) and cluster selection.
 */
class PlannerTest {
  static final PlanOptions OPTIONS = PlanOptions.from(Instant.parse("2026-11-23T09:00:00Z"));

  static ClusterSource prod(
      String mode, String strategy, String window, String target, String prodDays) {
    return cluster(
        "prod",
        config(mode, strategy, window, group("dev", "*", 12), group("prod", prodDays, 14)),
        version("17.1.4", target, "regular", "enabled"));
  }

  static Plan plan(ClusterSource desired, ClusterSource base) {
    return Planner.plan("pr", desired, Optional.of(new Planner.Baseline("main", base)), OPTIONS);
  }

  @Test
  void scheduleOnlyChangeKeepsTheRolloutAndSaysWhenItTakesEffect() {
    Plan p =
        plan(
            prod("enabled", "halt-on-error", null, "17.2.1", "Mon"),
            prod("enabled", "halt-on-error", null, "17.2.1", "*"));
    assertThat(p.change()).isEqualTo(RolloutChange.UNCHANGED);
    assertThat(p.notes())
        .anyMatch(
            n ->
                n.startsWith("Schedule edits (changes prod) do NOT take effect now")
                    && n.contains(
                        "when start_version, target_version, schedule or strategy next changes"));
    // the live rollout keeps the base groups: prod still every day
    assertThat(p.groups().get(1).config().days()).containsExactly("*");
  }

  @Test
  void windowDurationChangeTakesEffectAtOnce() {
    Plan p =
        plan(
            prod("enabled", "time-based", "3h", "17.2.1", "*"),
            prod("enabled", "time-based", "1h", "17.2.1", "*"));
    assertThat(p.change()).isEqualTo(RolloutChange.UNCHANGED);
    assertThat(p.notes())
        .anyMatch(n -> n.startsWith("maintenance_window_duration changes from 1h to 3h"));
    assertThat(p.simulation().spec().maintenanceWindowDuration()).hasHours(3);
  }

  @Test
  void targetAndStrategyChangesResetAndAreNamed() {
    Plan p =
        plan(
            prod("enabled", "time-based", "1h", "17.3.0", "*"),
            prod("enabled", "halt-on-error", null, "17.2.1", "*"));
    assertThat(p.change()).isEqualTo(RolloutChange.NEW);
    assertThat(p.notes())
        .singleElement()
        .asString()
        .contains("target_version (17.2.1 -> 17.3.0), strategy (halt-on-error -> time-based)");
  }

  @Test
  void baseWithoutTheClusterIsANewRollout() {
    Plan p = plan(prod("enabled", "halt-on-error", null, "17.2.1", "*"), null);
    assertThat(p.change()).isEqualTo(RolloutChange.NEW);
    assertThat(p.newRollout()).isTrue();
  }

  @Test
  void versionWithoutAgentsIsNoRollout() {
    Plan p =
        Planner.plan(
            "pr",
            cluster("prod", config("enabled", "halt-on-error", null)),
            Optional.empty(),
            OPTIONS);
    assertThat(p.change()).isEqualTo(RolloutChange.NO_ROLLOUT);
    assertThat(PlanFormat.JSON.render(p)).contains("\"rollout\" : null");
  }

  record UnnamedCase(ClusterSource cluster, Map<String, Integer> agents, List<String> notes) {}

  static ClusterSource devAndWeb(String strategy, String window, long webCanaries) {
    return cluster("prod", Fixtures.devAndWeb(strategy, window, webCanaries), version());
  }

  static final String CATCH_ALL_RULE =
      ": Teleport's controller treats an agent whose update group matches no group name as a member"
          + " of the last group, tells it what it tells that group and counts it there"
          + " (teleport-semantics §5.4).";

  /**
   * The plan says in words which agents update with the last group although it does not name them.
   */
  static Stream<Arguments> unnamedGroupNotes() {
    return Stream.of(
        Arguments.of(
            Named.named(
                "agents of a group the schedule does not name update with the last group",
                new UnnamedCase(
                    devAndWeb("halt-on-error", null, 0),
                    Map.of("web", 4, "batch", 6),
                    List.of(
                        "6 agents of group batch, which the schedule does not name, update with"
                            + " the last group web"
                            + CATCH_ALL_RULE)))),
        Arguments.of(
            Named.named(
                "with canaries in the last group, they can be canaries there too",
                new UnnamedCase(
                    devAndWeb("halt-on-error", null, 2),
                    Map.of("batch", 1),
                    List.of(
                        "1 agent of group batch, which the schedule does not name, updates with"
                            + " the last group web"
                            + CATCH_ALL_RULE
                            + " It can be one of web's 2 canaries.")))),
        Arguments.of(
            Named.named(
                "time-based: one note per unnamed group, in name order",
                new UnnamedCase(
                    devAndWeb("time-based", "2h", 0),
                    Map.of("typo", 2, "batch", 3),
                    List.of(
                        "3 agents of group batch, which the schedule does not name, update with"
                            + " the last group web"
                            + CATCH_ALL_RULE,
                        "2 agents of group typo, which the schedule does not name, update with"
                            + " the last group web"
                            + CATCH_ALL_RULE)))),
        Arguments.of(
            Named.named(
                "counts for scheduled groups need no note",
                new UnnamedCase(
                    devAndWeb("halt-on-error", null, 0), Map.of("dev", 3, "web", 2), List.of()))));
  }

  @ParameterizedTest
  @MethodSource("unnamedGroupNotes")
  void agentsOfUnnamedGroupsAreNamedInTheNotes(UnnamedCase c) {
    PlanOptions options =
        new PlanOptions(
            OPTIONS.from(),
            PlanOptions.DEFAULT_HORIZON,
            new AgentModel(10, c.agents(), Duration.ofMinutes(10), true));
    Plan p = Planner.plan("pr", c.cluster(), Optional.empty(), options);
    assertThat(p.notes().stream().filter(n -> n.contains("which the schedule does not name")))
        .isEqualTo(c.notes());
  }

  @Test
  void aGroupOnlyTheRevisionAddsWaitsForTheNextRollout() {
    ClusterSource desired =
        cluster(
            "prod",
            config(
                "enabled",
                "halt-on-error",
                null,
                group("dev", "*", 12),
                group("batch", "*", 13),
                group("web", "*", 14)),
            version());
    PlanOptions options =
        new PlanOptions(
            OPTIONS.from(),
            PlanOptions.DEFAULT_HORIZON,
            new AgentModel(10, Map.of("batch", 6), Duration.ofMinutes(10), true));
    Plan p =
        Planner.plan(
            "pr",
            desired,
            Optional.of(new Planner.Baseline("main", devAndWeb("halt-on-error", null, 0))),
            options);
    assertThat(p.change()).isEqualTo(RolloutChange.UNCHANGED);
    assertThat(p.notes())
        .contains(
            "6 agents of group batch, which the rollout's groups do not name until the next rollout"
                + " (a schedule edit does not reset the rollout), update with the last group web"
                + CATCH_ALL_RULE);
  }

  @Test
  void unnamedGroupsAndTheirNotesReachEveryFormat() {
    PlanOptions options =
        new PlanOptions(
            OPTIONS.from(),
            PlanOptions.DEFAULT_HORIZON,
            new AgentModel(10, Map.of("web", 4, "batch", 6), Duration.ofMinutes(10), true));
    Plan p = Planner.plan("pr", devAndWeb("halt-on-error", null, 0), Optional.empty(), options);
    String note = "6 agents of group batch, which the schedule does not name, update with";
    assertThat(PlanFormat.TEXT.render(p)).contains(note).contains("10 agents (web 4, batch 6)");
    assertThat(PlanFormat.MARKDOWN.render(p)).contains(note).contains("| 10 (web 4, batch 6) |");
    assertThat(PlanFormat.JSON.render(p))
        .contains(note)
        .contains("\"unnamed_groups\" : {\n        \"batch\" : 6\n      }");
  }

  @Test
  void unknownFormatHasNoFallback() {
    assertThatThrownBy(() -> PlanFormat.parse("yaml"))
        .hasMessage("unknown format \"yaml\" (expected text, markdown, json, svg, html)");
  }
}
