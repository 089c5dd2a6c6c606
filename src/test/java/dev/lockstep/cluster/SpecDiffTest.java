package dev.lockstep.cluster;

import static dev.lockstep.model.TestResources.list;
import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecDiffTest {

  record Case(
      Map<String, Object> desired, Map<String, Object> observed, List<FieldChange> expected) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        named(
            "equal specs -> no change",
            map("agents", map("mode", "enabled")),
            map("agents", map("mode", "enabled")),
            List.of()),
        named(
            "Go duration vs protobuf JSON -> no change (teleport-semantics §2.1)",
            map("agents", map("maintenance_window_duration", "90m")),
            map("agents", map("maintenance_window_duration", "5400s")),
            List.of()),
        named(
            "protojson int64 string vs number -> no change",
            map("g", list(map("canary_count", 2L))),
            map("g", list(map("canary_count", "2"))),
            List.of()),
        named(
            "Integer from a JSON reader vs Long from YAML -> no change",
            map("start_hour", 4L),
            map("start_hour", 4),
            List.of()),
        named(
            "protobuf default written out vs omitted live -> no change",
            map("agents", map("mode", "enabled", "wait_hours", 0L, "strategy", "")),
            map("agents", map("mode", "enabled")),
            List.of()),
        named(
            "changed scalar -> one field with both sides",
            map("agents", map("target_version", "17.3.0")),
            map("agents", map("target_version", "17.2.0")),
            List.of(new FieldChange("spec.agents.target_version", "17.3.0", "17.2.0"))),
        named(
            "field only live -> desired unset",
            map("agents", map("mode", "enabled")),
            map("agents", map("mode", "enabled", "strategy", "time-based")),
            List.of(new FieldChange("spec.agents.strategy", null, "time-based"))),
        named(
            "group added at the end -> indexed path",
            map("regular", list(map("name", "dev"), map("name", "prod"))),
            map("regular", list(map("name", "dev"))),
            List.of(new FieldChange("spec.regular[1].name", "prod", null))),
        named(
            "block only in Git -> listed leaf by leaf, scalar lists whole",
            map("agents", map("mode", "enabled", "days", list("Mon", "Tue"))),
            map(),
            List.of(
                new FieldChange("spec.agents.days", list("Mon", "Tue"), null),
                new FieldChange("spec.agents.mode", "enabled", null))),
        named(
            "group order swapped -> both names differ (order matters, teleport-semantics §5.4)",
            map("regular", list(map("name", "a"), map("name", "b"))),
            map("regular", list(map("name", "b"), map("name", "a"))),
            List.of(
                new FieldChange("spec.regular[0].name", "a", "b"),
                new FieldChange("spec.regular[1].name", "b", "a"))),
        named(
            "paths sorted by key",
            map("b", "1", "a", "1"),
            map("b", "2", "a", "2"),
            List.of(new FieldChange("spec.a", "1", "2"), new FieldChange("spec.b", "1", "2"))));
  }

  static Arguments named(
      String name,
      Map<String, Object> desired,
      Map<String, Object> observed,
      List<FieldChange> expected) {
    return Arguments.of(Named.named(name, new Case(desired, observed, expected)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void diff(Case c) {
    assertThat(SpecDiff.between(c.desired(), c.observed())).isEqualTo(c.expected());
  }

  @org.junit.jupiter.api.Test
  void canonicalKeepsEmptyMessagesBecausePresenceMatters() {
    assertThat(SpecDiff.canonical(map("tools", map(), "agents", map("mode", ""))))
        .isEqualTo(map("tools", map(), "agents", map()));
  }
}
