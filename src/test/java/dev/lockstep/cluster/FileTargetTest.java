package dev.lockstep.cluster;

import static dev.lockstep.model.TestResources.list;
import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import dev.lockstep.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTargetTest {
  @TempDir Path dir;

  static Resource config() {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_CONFIG,
        map(
            "agents",
            map(
                "mode",
                "enabled",
                "strategy",
                "time-based",
                "maintenance_window_duration",
                "2h",
                "schedules",
                map(
                    "regular",
                    list(
                        map(
                            "name",
                            "prod",
                            "days",
                            list("Mon"),
                            "start_hour",
                            5L,
                            "wait_hours",
                            0L))))));
  }

  @Test
  void writesTctlShapedYamlInCanonicalForm() throws Exception {
    FileTarget target = new FileTarget(dir.resolve("out"));

    ApplyOutcome outcome = target.apply(config(), false);

    assertThat(outcome.change()).isEqualTo(ChangeKind.CREATE);
    Golden.assertMatches(
        FileTargetTest.class,
        "autoupdate_config",
        Files.readString(dir.resolve("out/autoupdate_config.yaml")));
  }

  @Test
  void readsBackWhatItWroteAsUnchanged() throws Exception {
    FileTarget target = new FileTarget(dir);
    target.apply(config(), false);

    assertThat(target.apply(config(), false).change()).isEqualTo(ChangeKind.NOOP);
    assertThat(target.observe(Set.of(ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG))))
        .hasSize(1);
    assertThat(target.observe(Set.of(ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION))))
        .isEmpty();
  }

  @Test
  void dryRunCreatesNothing() throws Exception {
    FileTarget target = new FileTarget(dir.resolve("never"));

    assertThat(target.apply(config(), true).written()).isFalse();
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void deleteRemovesTheFile() throws Exception {
    FileTarget target = new FileTarget(dir);
    target.apply(config(), false);

    target.delete(ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG));
    target.delete(ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG));

    assertThat(dir.resolve("autoupdate_config.yaml")).doesNotExist();
  }
}
