package dev.lockstep.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.forge.RawRelease;
import dev.lockstep.model.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Release labels read as Teleport's version checker reads them, and the GA filter. */
class ReleaseTest {

  static Stream<Arguments> labels() {
    return Stream.of(
        Arguments.of(
            named("caps and spaces are normalised", "Labels: Spam=Eggs, Foo=Bar"),
            Map.of("spam", "eggs", "foo", "bar")),
        Arguments.of(
            named(
                "the real-world label set",
                "labels: security-patch=yes, security-patch-alts=v1.2.3|v1.2.4"),
            Map.of("security-patch", "yes", "security-patch-alts", "v1.2.3|v1.2.4")),
        Arguments.of(
            named(
                "invalid and empty pairs are ignored",
                "labels: hello=world, greeting='Hey there! how are you?', , count=7"),
            Map.of("hello", "world", "count", "7")),
        Arguments.of(
            named(
                "lines that do not start with labels: are ignored",
                "\n## Heading\n- list1\n\nnot real: \"labels: some-label=some-val\"\n\n---\n"
                    + "Labels: security-patch=yes\nother notes"),
            Map.of("security-patch", "yes")),
        Arguments.of(
            named(
                "labels with invalid characters are skipped",
                "labels: invalid_key=valid-val, valid-key=@invalid-val, a=b"),
            Map.of("a", "b")),
        Arguments.of(named("no labels line", "labels foo=bar"), Map.of()),
        Arguments.of(named("empty notes", ""), Map.of()),
        Arguments.of(
            named("CRLF notes", "Fixes.\r\nlabels: security-patch=yes\r\n"),
            Map.of("security-patch", "yes")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labels")
  void readsLabelsAsTeleportDoes(String notes, Map<String, String> expected) {
    assertThat(ReleaseLabels.parse(notes)).isEqualTo(expected);
  }

  static RawRelease raw(String tag, boolean draft, boolean pre, String published, String body) {
    return new RawRelease(
        tag,
        "",
        body,
        draft,
        pre,
        Optional.ofNullable(published).map(Instant::parse),
        "https://github.com/gravitational/teleport/releases/tag/" + tag);
  }

  @Test
  void keepsOnlyPublishedGaSemverTagsNewestFirstOnce() {
    String t = "2026-11-01T00:00:00Z";
    List<Release> ga =
        Release.generallyAvailable(
            List.of(
                raw("v17.2.0", false, false, t, ""),
                raw("v17.3.0-rc.1", false, false, t, ""),
                raw("v17.3.0", false, true, t, ""),
                raw("v17.4.0", true, false, null, ""),
                raw("teleport-connect-preview-1.0.2", false, false, t, ""),
                raw("17.2.5", false, false, t, ""),
                raw("v017.2.6", false, false, t, ""),
                raw(
                    "v17.2.1",
                    false,
                    false,
                    t,
                    "labels: security-patch=yes, security-patch-alts=v16.4.9|16.4.8|v15.4"),
                raw("v17.2.1", false, false, t, "duplicate"),
                raw("v16.4.9", false, false, t, "")));

    assertThat(ga)
        .extracting(r -> r.version().toString())
        .containsExactly("17.2.1", "17.2.0", "16.4.9");
    Release sec = ga.get(0);
    assertThat(sec.security()).isTrue();
    // 16.4.8 lacks the v that x/mod/semver requires; v15.4 is shorthand for 15.4.0
    assertThat(sec.securityAlts()).containsExactly(Version.of(16, 4, 9), Version.of(15, 4, 0));
    assertThat(sec.isSecurityAltOf(Version.of(16, 4, 9), Optional.empty())).isTrue();
    assertThat(sec.isSecurityAltOf(Version.of(16, 4, 8), Optional.empty())).isFalse();
  }
}
