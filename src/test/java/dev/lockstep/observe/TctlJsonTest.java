package dev.lockstep.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.Canary;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.GroupStatus;
import dev.lockstep.rollout.Rollout;
import dev.lockstep.rollout.RolloutState;
import dev.lockstep.rollout.Schedule;
import dev.lockstep.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TctlJson} reads what tctl prints: protobuf JSON with proto names, enums by name (or
 * number, or short name), 64-bit integers as strings, RFC 3339 times, zero values left out.
 */
class TctlJsonTest {

  /** A halt-on-error rollout with canaries, as tctl prints it (protojson, proto names). */
  static final String ROLLOUT =
      """
      [
          {
              "kind": "autoupdate_agent_rollout",
              "sub_kind": "",
              "version": "v1",
              "metadata": {
                  "name": "autoupdate-agent-rollout",
                  "revision": "5d3c8c4e-6a4f-4b0e-9a51-0f6f2b8f8a11"
              },
              "spec": {
                  "start_version": "17.2.0",
                  "target_version": "17.3.0",
                  "schedule": "regular",
                  "autoupdate_mode": "enabled",
                  "strategy": "halt-on-error",
                  "maintenance_window_duration": "3600s"
              },
              "status": {
                  "groups": [
                      {
                          "name": "dev",
                          "start_time": "2026-11-20T04:00:12.345678Z",
                          "state": "AUTO_UPDATE_AGENT_GROUP_STATE_CANARY",
                          "last_update_time": "2026-11-20T04:00:12.345678Z",
                          "last_update_reason": "waiting_for_canaries",
                          "config_days": ["Mon", "Tue"],
                          "config_start_hour": 4,
                          "initial_count": "120",
                          "present_count": "118",
                          "up_to_date_count": "1",
                          "canary_count": "2",
                          "canaries": [
                              {"updater_id": "u-1", "host_id": "h-1", "hostname": "node-1", "success": true},
                              {"updater_id": "u-2", "host_id": "h-2", "hostname": "node-2"}
                          ]
                      },
                      {
                          "name": "prod",
                          "state": "AUTO_UPDATE_AGENT_GROUP_STATE_UNSTARTED",
                          "last_update_time": "2026-11-20T04:00:12Z",
                          "last_update_reason": "previous_groups_not_done",
                          "config_days": ["*"],
                          "config_start_hour": 6,
                          "config_wait_hours": 24
                      }
                  ],
                  "state": "AUTO_UPDATE_AGENT_ROLLOUT_STATE_ACTIVE",
                  "start_time": "2026-11-20T03:12:00Z"
              }
          }
      ]
      """;

  @Test
  void readsARolloutAsTctlPrintsIt() throws Exception {
    List<String> notes = new ArrayList<>();

    Rollout r = TctlJson.rollout(ROLLOUT, notes).orElseThrow();

    assertThat(r.spec().schedule()).isEqualTo(Schedule.REGULAR);
    assertThat(r.spec().mode()).isEqualTo(AgentMode.ENABLED);
    assertThat(r.spec().strategy()).isEqualTo(Strategy.HALT_ON_ERROR);
    assertThat(r.spec().maintenanceWindowDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(r.status().state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(r.status().startTime()).isEqualTo(Instant.parse("2026-11-20T03:12:00Z"));
    GroupStatus dev = r.status().groups().get(0);
    assertThat(dev.state()).isEqualTo(GroupState.CANARY);
    assertThat(dev.startTime()).isEqualTo(Instant.parse("2026-11-20T04:00:12.345678Z"));
    assertThat(List.of(dev.initialCount(), dev.presentCount(), dev.upToDateCount()))
        .containsExactly(120L, 118L, 1L);
    assertThat(dev.canaryCount()).isEqualTo(2);
    assertThat(dev.canaries())
        .containsExactly(
            new Canary("u-1", "h-1", "node-1", true), new Canary("u-2", "h-2", "node-2", false));
    GroupStatus prod = r.status().groups().get(1);
    assertThat(prod.startTime()).isNull();
    assertThat(prod.configWaitHours()).isEqualTo(24);
    assertThat(prod.initialCount()).isZero();
    assertThat(notes).isEmpty();
  }

  record EnumCase(String printed, GroupState expected, boolean noted) {}

  static Stream<Arguments> groupStates() {
    return Stream.of(
        row(
            "protobuf name",
            new EnumCase("\"AUTO_UPDATE_AGENT_GROUP_STATE_DONE\"", GroupState.DONE, false)),
        row("number", new EnumCase("5", GroupState.CANARY, false)),
        row("short name", new EnumCase("\"rolledback\"", GroupState.ROLLEDBACK, false)),
        row(
            "absent (protojson leaves zero out)",
            new EnumCase(null, GroupState.UNSPECIFIED, false)),
        row(
            "a number from a newer Teleport -> unspecified, noted",
            new EnumCase("9", GroupState.UNSPECIFIED, true)),
        row(
            "a name from a newer Teleport -> unspecified, noted",
            new EnumCase(
                "\"AUTO_UPDATE_AGENT_GROUP_STATE_PAUSED\"", GroupState.UNSPECIFIED, true)));
  }

  static Arguments row(String name, Object c) {
    return Arguments.of(Named.named(name, c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("groupStates")
  void groupStatesInEveryForm(EnumCase c) throws Exception {
    String json =
        "[{\"kind\":\"autoupdate_agent_rollout\",\"spec\":{\"start_version\":\"1.0.0\","
            + "\"target_version\":\"1.0.1\",\"schedule\":\"regular\",\"autoupdate_mode\":\"enabled\"},"
            + "\"status\":{\"groups\":[{\"name\":\"g\""
            + (c.printed() == null ? "" : ",\"state\":" + c.printed())
            + "}]}}]";
    List<String> notes = new ArrayList<>();

    Rollout r = TctlJson.rollout(json, notes).orElseThrow();

    assertThat(r.status().groups().get(0).state()).isEqualTo(c.expected());
    assertThat(notes).hasSize(c.noted() ? 1 : 0);
    assertThat(r.spec().strategy())
        .as("empty strategy reads as halt-on-error")
        .isEqualTo(Strategy.HALT_ON_ERROR);
  }

  static Stream<Arguments> unreadable() {
    return Stream.of(
        row("not JSON", new String[] {"ERROR: access denied", "is not JSON"}),
        row("a bare string", new String[] {"\"x\"", "neither a list nor a resource"}),
        row(
            "another kind",
            new String[] {
              "[{\"kind\":\"autoupdate_config\"}]", "a resource of kind \"autoupdate_config\""
            }),
        row(
            "a count that is not a number",
            new String[] {
              "[{\"spec\":{\"schedule\":\"regular\",\"autoupdate_mode\":\"enabled\"},"
                  + "\"status\":{\"groups\":[{\"name\":\"g\",\"initial_count\":\"many\"}]}}]",
              "status.groups[0].initial_count that is not a whole number"
            }),
        row(
            "a time that is not RFC 3339",
            new String[] {
              "[{\"spec\":{\"schedule\":\"regular\",\"autoupdate_mode\":\"enabled\"},"
                  + "\"status\":{\"start_time\":\"yesterday\"}}]",
              "status.start_time that is not an RFC 3339 time"
            }),
        row(
            "an unknown schedule",
            new String[] {
              "[{\"spec\":{\"schedule\":\"weekly\",\"autoupdate_mode\":\"enabled\"}}]",
              "unsupported schedule type: \"weekly\""
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadable")
  void unreadableOutputIsAnErrorNamingTheField(String[] c) {
    assertThatThrownBy(() -> TctlJson.rollout(c[0], new ArrayList<>()))
        .isInstanceOf(ObservationException.class)
        .hasMessageStartingWith("tctl get autoupdate_agent_rollout")
        .hasMessageContaining(c[1]);
  }

  @Test
  void anEmptyListIsNoRollout() throws Exception {
    assertThat(TctlJson.rollout("[]\n", new ArrayList<>())).isEmpty();
    assertThat(TctlJson.reports("[]", new ArrayList<>())).isEmpty();
  }

  @Test
  void readsReportsAndSplitsThemByFreshness() throws Exception {
    String json =
        """
        [
          {"kind": "autoupdate_agent_report", "version": "v1",
           "metadata": {"name": "auth-a", "expires": "2026-11-20T11:00:00Z"},
           "spec": {"timestamp": "2026-11-20T10:00:00Z",
                    "groups": {"dev": {"versions": {"17.3.0": {"count": 7}, "17.2.0": {"count": 3}}},
                               "stagging": {"versions": {"17.2.0": {"count": 2}}}},
                    "omitted": [{"count": "4", "reason": "updater is pinning a specific version"}]}},
          {"kind": "autoupdate_agent_report", "version": "v1",
           "metadata": {"name": "auth-b"},
           "spec": {"timestamp": "2026-11-20T10:00:20Z",
                    "groups": {"dev": {"versions": {"17.3.0": {"count": 5}}}},
                    "omitted": [{"count": "1", "reason": "updater is pinning a specific version"},
                                {"count": "2", "reason": "agent has no updater"}]}},
          {"kind": "autoupdate_agent_report", "version": "v1",
           "metadata": {"name": "auth-gone"},
           "spec": {"timestamp": "2026-11-20T09:00:00Z",
                    "groups": {"dev": {"versions": {"17.2.0": {"count": 40}}}}}}
        ]
        """;

    Reports reports =
        Reports.of(
            TctlJson.reports(json, new ArrayList<>()), Instant.parse("2026-11-20T10:01:00Z"));

    assertThat(reports.fresh())
        .extracting(ObservedReport::name)
        .containsExactly("auth-a", "auth-b");
    assertThat(reports.expired()).extracting(ObservedReport::name).containsExactly("auth-gone");
    assertThat(reports.counts().get("dev"))
        .containsExactly(entry("17.2.0", 3L), entry("17.3.0", 12L));
    assertThat(reports.agentsByGroup()).containsExactly(entry("dev", 15L), entry("stagging", 2L));
    assertThat(reports.omitted())
        .containsExactly(
            new ObservedReport.Omission("agent has no updater", 2),
            new ObservedReport.Omission("updater is pinning a specific version", 5));
  }

  @Test
  void aReportExactlyOneMinuteOldIsFreshOneSecondMoreIsNot() {
    ObservedReport r =
        new ObservedReport(
            "a", Instant.parse("2026-11-20T10:00:00Z"), java.util.Map.of(), List.of());

    assertThat(r.isFresh(Instant.parse("2026-11-20T10:01:00Z"))).isTrue();
    assertThat(r.isFresh(Instant.parse("2026-11-20T10:01:01Z"))).isFalse();
  }
}
