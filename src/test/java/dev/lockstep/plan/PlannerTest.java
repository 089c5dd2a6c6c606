package dev.lockstep.plan;

import static dev.lockstep.rollout.Fixtures.cluster;
import static dev.lockstep.rollout.Fixtures.config;
import static dev.lockstep.rollout.Fixtures.group;
import static dev.lockstep.rollout.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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

  @Test
  void renderSelectsTheOnlyClusterOrNeedsAName() {
    DesiredState one =
        new DesiredState(
            "r",
            List.of(prod("enabled", "halt-on-error", null, "17.2.1", "*")),
            List.of(),
            List.of());
    assertThat(Planner.render(one, null, OPTIONS, PlanFormat.TEXT))
        .startsWith("Plan for cluster prod, revision r");
    assertThatThrownBy(() -> Planner.render(one, "dev", OPTIONS, PlanFormat.TEXT))
        .hasMessage("no cluster named \"dev\" (clusters: prod)");
  }

  @Test
  void unknownFormatHasNoFallback() {
    assertThatThrownBy(() -> PlanFormat.parse("yaml"))
        .hasMessage("unknown format \"yaml\" (expected text, markdown, json, svg, html)");
  }
}
