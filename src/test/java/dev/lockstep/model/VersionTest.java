package dev.lockstep.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

  static Stream<Arguments> accepted() {
    return Stream.of(
        arguments(named("plain release", "17.2.1"), Version.of(17, 2, 1)),
        arguments(named("pre-release", "1.2.3-dev"), new Version(1, 2, 3, "dev", "")),
        arguments(named("dotted pre-release", "1.2.3-dev.1"), new Version(1, 2, 3, "dev.1", "")),
        arguments(
            named("pre-release and build", "18.0.0-rc.1+abc.5"),
            new Version(18, 0, 0, "rc.1", "abc.5")),
        arguments(
            named("hyphen inside pre-release", "1.2.3-alpha-beta"),
            new Version(1, 2, 3, "alpha-beta", "")),
        arguments(
            named("leading zeros (strconv.ParseInt accepts them)", "01.02.03"),
            Version.of(1, 2, 3)),
        arguments(
            named("empty pre-release after '-' (go-semver allows)", "1.2.3-"),
            Version.of(1, 2, 3)));
  }

  @ParameterizedTest
  @MethodSource
  void accepted(String text, Version expected) throws Exception {
    assertThat(Version.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v17.2.0",
        "17.2",
        "17",
        "17-0-0",
        "2-3-4",
        "1.2.3.4",
        "1.2.x",
        " 1.2.3",
        "1.2.3 ",
        "0.88.0-11_e4e5dcabb",
        "1..3",
        "1.2.-3",
        "١.٢.٣",
        "99999999999999999999.0.0"
      })
  void rejectedAsTeleportDoes(String text) {
    assertThatThrownBy(() -> Version.parse(text))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageStartingWith("version \"" + text + "\" is not a valid semantic version");
  }

  @Test
  void emptyIsUnset() {
    assertThatThrownBy(() -> Version.parse("")).hasMessage("version is unset");
    assertThatThrownBy(() -> Version.parse(null)).hasMessage("version is unset");
  }

  @Test
  void leadingVGetsAHint() {
    assertThatThrownBy(() -> Version.parse("v17.2.0"))
        .hasMessageContaining("remove the leading 'v'");
  }

  @Test
  void lenientParsingStripsOneVAndWhiteSpaceAsEnsureSemverDoes() throws Exception {
    assertThat(Version.parseLenient(" v17.2.1\n")).isEqualTo(Version.of(17, 2, 1));
    assertThatThrownBy(() -> Version.parseLenient("vv17.2.1"))
        .isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void precedenceFollowsSemver() throws Exception {
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "2.0.0",
            "17.2.1",
            "17.10.0");
    for (int i = 0; i + 1 < ordered.size(); i++) {
      assertThat(Version.parse(ordered.get(i)))
          .as(ordered.get(i) + " < " + ordered.get(i + 1))
          .isLessThan(Version.parse(ordered.get(i + 1)));
    }
  }

  @Test
  void buildMetadataIsIgnoredForPrecedenceButKeptInText() throws Exception {
    Version a = Version.parse("17.2.1+a");
    Version b = Version.parse("17.2.1+b");
    assertThat(a.sameAs(b)).isTrue();
    assertThat(a).isNotEqualTo(b);
    assertThat(a.toString()).isEqualTo("17.2.1+a");
  }
}
