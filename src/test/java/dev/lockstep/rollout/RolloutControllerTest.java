package dev.lockstep.rollout;

import static dev.lockstep.rollout.Builders.at;
import static dev.lockstep.rollout.Fixtures.config;
import static dev.lockstep.rollout.Fixtures.group;
import static dev.lockstep.rollout.Fixtures.maintenance;
import static dev.lockstep.rollout.Fixtures.sources;
import static dev.lockstep.rollout.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import dev.lockstep.rollout.RolloutController.Reconciled;
import dev.lockstep.rollout.RolloutController.Sources;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The controller run of teleport-semantics §5.3: spec, mode precedence, reset rules, groups and
 * rollout state.
 */
class RolloutControllerTest {

  @ParameterizedTest(name = "config {0}, version {1} -> {2}")
  @CsvSource({
    "enabled, enabled, enabled",
    "suspended, enabled, suspended",
    "enabled, suspended, suspended",
    "suspended, disabled, disabled",
    "'', enabled, enabled",
    "disabled, enabled, disabled",
  })
  void modePrecedenceTakesTheLowerMode(String configMode, String versionMode, String effective) {
    assertThat(AgentMode.effective(configMode, versionMode).label()).isEqualTo(effective);
  }

  @Test
  void emptyVersionModeIsAnError() {
    assertThatThrownBy(() -> AgentMode.effective("enabled", "")).hasMessage("version mode empty");
  }

  static final Sources BASE =
      sources(
          config("enabled", "halt-on-error", null, group("dev", "*", 12), group("prod", "*", 14)),
          version());

  static Rollout created() {
    return RolloutController.reconcile(BASE, null, at(0, 9, 0), Fleet.NONE).rollout();
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of(
            named(
                "new start_version resets",
                sources(
                    config(
                        "enabled",
                        "halt-on-error",
                        null,
                        group("dev", "*", 12),
                        group("prod", "*", 14)),
                    version("17.1.5", "17.2.1", "regular", "enabled"))),
            true),
        Arguments.of(
            named(
                "new target_version resets",
                sources(
                    config(
                        "enabled",
                        "halt-on-error",
                        null,
                        group("dev", "*", 12),
                        group("prod", "*", 14)),
                    version("17.1.4", "17.2.2", "regular", "enabled"))),
            true),
        Arguments.of(
            named(
                "new strategy resets",
                sources(
                    config(
                        "enabled",
                        "time-based",
                        "1h",
                        group("dev", "*", 12),
                        group("prod", "*", 14)),
                    version())),
            true),
        Arguments.of(
            named(
                "mode change does not reset",
                sources(
                    config(
                        "suspended",
                        "halt-on-error",
                        null,
                        group("dev", "*", 12),
                        group("prod", "*", 14)),
                    version())),
            false),
        Arguments.of(
            named(
                "group edits do not reset",
                sources(
                    config("enabled", "halt-on-error", null, group("qa", "Mon", 3)), version())),
            false),
        Arguments.of(
            named(
                "a new maintenance config does not reset",
                sources(
                    config(
                        "enabled",
                        "halt-on-error",
                        null,
                        group("dev", "*", 12),
                        group("prod", "*", 14)),
                    version(),
                    maintenance(3, "Mon"))),
            false));
  }

  @ParameterizedTest
  @MethodSource("changes")
  void resetRules(Sources changed, boolean reset) {
    Rollout before = created();
    Reconciled r = RolloutController.reconcile(changed, before, at(0, 10, 0), Fleet.NONE);
    assertThat(r.reset()).isEqualTo(reset);
    assertThat(r.rollout().status().startTime()).isEqualTo(reset ? at(0, 10, 0) : at(0, 9, 0));
    if (!reset) {
      assertThat(r.rollout().status().groups())
          .extracting(GroupStatus::name)
          .containsExactly("dev", "prod");
      assertThat(r.rollout().spec().mode()).isEqualTo(changed.spec().mode());
    }
  }

  @Test
  void scheduleChangeResetsAndImmediateHasNoGroups() {
    Reconciled r =
        RolloutController.reconcile(
            sources(
                config("enabled", "halt-on-error", null, group("dev", "*", 12)),
                version("17.1.4", "17.2.1", "immediate", "enabled")),
            created(),
            at(0, 10, 0),
            Fleet.NONE);
    assertThat(r.reset()).isTrue();
    assertThat(r.rollout().status().groups()).isEmpty();
    assertThat(r.rollout().status().state()).isEqualTo(RolloutState.UNSPECIFIED);
  }

  @Test
  void windowDurationChangeTakesEffectWithoutReset() {
    Sources a = sources(config("enabled", "time-based", "1h", group("a", "*", 12)), version());
    Sources b = sources(config("enabled", "time-based", "3h", group("a", "*", 12)), version());
    Rollout r = RolloutController.reconcile(a, null, at(0, 9, 0), Fleet.NONE).rollout();
    Reconciled next = RolloutController.reconcile(b, r, at(0, 13, 30), Fleet.NONE);
    assertThat(next.reset()).isFalse();
    assertThat(next.rollout().status().groups().get(0).state()).isEqualTo(GroupState.ACTIVE);
  }

  @Test
  void noAgentsBlockMeansNoRollout() {
    Sources none =
        sources(
            config("enabled", "halt-on-error", null),
            TestResources.of(
                ResourceKind.AUTOUPDATE_VERSION,
                TestResources.map("tools", TestResources.map("target_version", "17.2.1"))));
    assertThat(RolloutController.reconcile(none, created(), at(0, 10, 0), Fleet.NONE).rollout())
        .isNull();
  }

  @Test
  void configGroupsAreCopiedInOrderAndUnstarted() {
    Rollout r = created();
    assertThat(r.status().groups()).extracting(GroupStatus::name).containsExactly("dev", "prod");
    assertThat(r.status().groups())
        .allMatch(g -> g.state() == GroupState.UNSTARTED && g.startTime() == null);
    assertThat(r.status().state()).isEqualTo(RolloutState.UNSTARTED);
  }

  static Stream<Arguments> defaultGroups() {
    return Stream.of(
        Arguments.of(
            named("no config: default Mon-Thu 12:00", sources(version())),
            new GroupConfig("default", List.of("Mon", "Tue", "Wed", "Thu"), 12, 0, 0)),
        Arguments.of(
            named(
                "config without groups and no maintenance config: default",
                sources(config("enabled", "time-based", "1h"), version())),
            new GroupConfig("default", List.of("Mon", "Tue", "Wed", "Thu"), 12, 0, 0)),
        Arguments.of(
            named(
                "maintenance config: default-cmc with its weekdays and hour",
                sources(version(), maintenance(2, "Tue", "Thu"))),
            new GroupConfig("default-cmc", List.of("Tue", "Thu"), 2, 0, 0)),
        Arguments.of(
            named(
                "maintenance config without weekdays: default-cmc every day",
                sources(version(), maintenance(5))),
            new GroupConfig("default-cmc", List.of("*"), 5, 0, 0)),
        Arguments.of(
            named(
                "maintenance config without agent_upgrades: default",
                sources(
                    version(),
                    TestResources.of(
                        ResourceKind.CLUSTER_MAINTENANCE_CONFIG, TestResources.map()))),
            new GroupConfig("default", List.of("Mon", "Tue", "Wed", "Thu"), 12, 0, 0)),
        Arguments.of(
            named(
                "config groups win over a maintenance config",
                sources(
                    config("enabled", "halt-on-error", null, group("dev", "Fri", 7)),
                    version(),
                    maintenance(2, "Tue"))),
            new GroupConfig("dev", List.of("Fri"), 7, 0, 0)));
  }

  @ParameterizedTest
  @MethodSource("defaultGroups")
  void groupsComeFromConfigThenMaintenanceThenDefault(Sources s, GroupConfig expected) {
    assertThat(s.groups()).containsExactly(expected);
  }

  @Test
  void timeOverrideIsUsedAsNow() {
    Rollout r = created();
    Rollout overridden =
        r.withStatus(
            new RolloutStatus(
                r.status().state(), r.status().startTime(), at(3, 12, 0), r.status().groups()));
    Rollout next = RolloutController.reconcile(BASE, overridden, at(0, 9, 1), Fleet.NONE).rollout();
    assertThat(next.status().groups().get(0).state()).isEqualTo(GroupState.ACTIVE);
    assertThat(next.status().groups().get(0).startTime()).isEqualTo(at(3, 12, 0));
  }

  @Test
  void rolloutStateTable() {
    GroupStatus u = Builders.group("a").build();
    GroupStatus d = Builders.group("b").state(GroupState.DONE, Reasons.UPDATE_COMPLETE).build();
    GroupStatus r =
        Builders.group("c").state(GroupState.ROLLEDBACK, Reasons.MANUAL_ROLLBACK).build();
    GroupStatus a = Builders.group("d").state(GroupState.ACTIVE, Reasons.CAN_START).build();
    assertThat(RolloutState.of(List.of())).isEqualTo(RolloutState.UNSPECIFIED);
    assertThat(RolloutState.of(List.of(u, u))).isEqualTo(RolloutState.UNSTARTED);
    assertThat(RolloutState.of(List.of(d, d))).isEqualTo(RolloutState.DONE);
    assertThat(RolloutState.of(List.of(u, d))).isEqualTo(RolloutState.ACTIVE);
    assertThat(RolloutState.of(List.of(a, r, d))).isEqualTo(RolloutState.ROLLEDBACK);
  }

  @Test
  void windowDurationOfZeroNeverOpens() {
    assertThat(Windows.inWindow(List.of("*"), 12, at(0, 12, 0), Duration.ZERO)).isFalse();
  }
}
