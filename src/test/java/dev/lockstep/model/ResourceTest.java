package dev.lockstep.model;

import static dev.lockstep.model.TestResources.list;
import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceTest {

  @Test
  void atWalksKeysAndIndexes() {
    Resource r =
        TestResources.of(
            ResourceKind.AUTOUPDATE_CONFIG,
            map(
                "agents",
                map(
                    "schedules",
                    map(
                        "regular",
                        list(map("name", "dev"), map("name", "prod", "start_hour", 5L))))));
    assertThat(r.at("spec.agents.schedules.regular[1].start_hour")).contains(5L);
    assertThat(r.at("spec.agents.schedules.regular[2].name")).isEmpty();
    assertThat(r.at("spec.agents.mode")).isEmpty();
    assertThat(r.at("spec.agents.schedules.regular.name")).isEmpty();
  }

  @Test
  void locateFallsBackToTheNearestParentThenTheDocument() {
    SourceLocation origin = new SourceLocation("c.yaml", 1, 1);
    SourceLocation groups = new SourceLocation("c.yaml", 9, 7);
    Resource r =
        new Resource(
            ResourceKind.AUTOUPDATE_CONFIG,
            "autoupdate-config",
            Map.of(),
            origin,
            Map.of("spec.agents.schedules.regular[1]", groups),
            true);
    assertThat(r.locate("spec.agents.schedules.regular[1].start_hour")).isEqualTo(groups);
    assertThat(r.locate("spec.tools.mode")).isEqualTo(origin);
  }

  @Test
  void typedViewsApplyProtobufDefaults() {
    Resource r =
        TestResources.of(
            ResourceKind.AUTOUPDATE_CONFIG,
            map(
                "agents",
                map(
                    "mode",
                    "enabled",
                    "maintenance_window_duration",
                    "1h",
                    "schedules",
                    map(
                        "regular",
                        list(map("name", "dev", "days", list("Mon"), "start_hour", "7"))))));
    AutoupdateConfig c = AutoupdateConfig.from(r);
    assertThat(c.tools()).isNull();
    assertThat(c.agents().strategy()).isEmpty();
    assertThat(c.agents().maintenanceWindowDuration()).hasHours(1);
    assertThat(c.agents().regular().get(0))
        .isEqualTo(new AutoupdateConfig.Group("dev", java.util.List.of("Mon"), 7, 0, 0));
  }

  @Test
  void fieldPathsSplitAndClimb() {
    assertThat(FieldPath.segments("spec.agents.schedules.regular[2].days[0]"))
        .containsExactly("spec", "agents", "schedules", "regular", "[2]", "days", "[0]");
    assertThat(FieldPath.parent("spec.agents.schedules.regular[2]"))
        .isEqualTo("spec.agents.schedules.regular");
    assertThat(FieldPath.parent("spec")).isEmpty();
  }
}
