package dev.lockstep.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link DesiredState#select}: the one place that chooses a cluster, and its one wording. */
class DesiredStateTest {
  static DesiredState with(String... names) {
    return new DesiredState(
        "main@1a2b3c4d",
        Stream.of(names).map(n -> new ClusterSource(n, "clusters/" + n, null, List.of())).toList(),
        List.of(),
        List.of());
  }

  @org.junit.jupiter.api.Test
  void theNamedClusterOrTheOnlyOne() throws NoSuchCluster {
    assertThat(
            with("prod", "staging").select(Optional.of("staging"), "repo", "--cluster NAME").name())
        .isEqualTo("staging");
    assertThat(with("prod").select(Optional.empty(), "repo", "--cluster NAME").name())
        .isEqualTo("prod");
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of(
            Named.of("a name the revision lacks", with("prod", "staging")),
            Optional.of("dev"),
            "sample-repo has no cluster \"dev\" (its clusters: prod, staging); --cluster NAME must"
                + " name one of them"),
        Arguments.of(
            Named.of("several and no name", with("prod", "staging")),
            Optional.empty(),
            "sample-repo holds several clusters (prod, staging): choose one with --cluster NAME"),
        Arguments.of(
            Named.of("none at all", with()),
            Optional.empty(),
            "sample-repo has no cluster: no Teleport resources to act on"),
        Arguments.of(
            Named.of("a name and none at all", with()),
            Optional.of("prod"),
            "sample-repo has no cluster \"prod\" (its clusters: none); --cluster NAME must name"
                + " one of them"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void noClusterCanBeChosen(DesiredState state, Optional<String> name, String message) {
    assertThatThrownBy(() -> state.select(name, "sample-repo", "--cluster NAME"))
        .isInstanceOf(NoSuchCluster.class)
        .hasMessage(message);
  }
}
