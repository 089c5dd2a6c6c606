package dev.lockstep.model;

import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BumpPolicyTest {

  static Optional<Resource> clusterYaml(Object bump) {
    return Optional.of(TestResources.of(ResourceKind.LOCKSTEP_CLUSTER, map("bump", bump)));
  }

  @Test
  void withoutAnyPolicyTheBuiltInDefaultsApply() {
    assertThat(BumpPolicy.of(Optional.empty(), Optional.empty())).isEqualTo(BumpPolicy.DEFAULTS);
    assertThat(BumpPolicy.DEFAULTS.majorAge()).isEqualTo(Duration.ofDays(14));
    assertThat(BumpPolicy.DEFAULTS.minorAge()).isEqualTo(Duration.ofDays(7));
    assertThat(BumpPolicy.DEFAULTS.patchAge()).isEqualTo(Duration.ofDays(3));
    assertThat(BumpPolicy.DEFAULTS.promotionSoak()).isEqualTo(Duration.ofHours(48));
  }

  @Test
  void theClusterWinsOverTheRepositoryDefaultsFieldByField() {
    BumpPolicy p =
        BumpPolicy.of(
            clusterYaml(
                map(
                    "minimum_release_age",
                    map("major", "30d", "minor", "5d"),
                    "promote_from",
                    "staging",
                    "follow",
                    "cloud-stable")),
            clusterYaml(map("minimum_release_age", map("minor", "2d"), "promotion_soak", "1d")));

    assertThat(p)
        .isEqualTo(
            new BumpPolicy(
                Duration.ofDays(30),
                Duration.ofDays(2),
                Duration.ofDays(3),
                Optional.of("staging"),
                Duration.ofDays(1),
                true));
  }

  @Test
  void anUnreadableValueFallsThroughToTheNextLayer() {
    BumpPolicy p =
        BumpPolicy.of(
            clusterYaml(map("minimum_release_age", map("patch", "1d"))),
            clusterYaml(map("minimum_release_age", map("patch", "soon"))));
    assertThat(p.patchAge()).isEqualTo(Duration.ofDays(1));
  }

  @ParameterizedTest
  @CsvSource({"14d,PT336H", "36h,PT36H", "1d12h,PT36H", "90m,PT1H30M", "0,PT0S", "0d,PT0S"})
  void agesReadInDaysAndGoDurations(String text, Duration expected) {
    assertThat(BumpPolicy.parseAge(text)).contains(expected);
    assertThat(BumpPolicy.parseAge(BumpPolicy.format(expected))).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"two weeks", "-3d", "-1h", "d", "14 d", "''"})
  void otherTextDoesNotRead(String text) {
    assertThat(BumpPolicy.parseAge(text)).isEmpty();
  }
}
