package dev.lockstep.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.model.Channel;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelDocumentsTest {

  static Stream<Arguments> versions() {
    return Stream.of(
        Arguments.of(
            Named.named("a bare version gets its v (teleport-semantics §13.2)", "17.2.1"),
            true,
            "v17.2.1"),
        Arguments.of(
            Named.named("a v in the file is kept, not doubled", "v17.2.1"), true, "v17.2.1"),
        Arguments.of(Named.named("prefix off serves the bare version", "v17.2.1"), false, "17.2.1"),
        Arguments.of(
            Named.named("a pre-release is served as written", "18.0.0-rc.1"), true, "v18.0.0-rc.1"),
        Arguments.of(
            Named.named("none means no version advertised (teleport-semantics §13.1)", "none"),
            true,
            "none"),
        Arguments.of(Named.named("a missing version file serves none", null), true, "none"),
        Arguments.of(
            Named.named("an unparseable version never reaches an updater", "17.2"), true, "none"));
  }

  @ParameterizedTest
  @MethodSource("versions")
  void versionBody(String file, boolean prefix, String body) {
    assertThat(
            ChannelDocuments.of(new Channel("stable/rolling", file, null, "no", null), prefix)
                .version())
        .isEqualTo(body);
  }

  static Stream<Arguments> criticals() {
    return Stream.of(
        Arguments.of(Named.named("yes", "yes"), "yes"),
        Arguments.of(Named.named("YES, case-insensitive (teleport-semantics §13.1)", "YES"), "yes"),
        Arguments.of(Named.named("true counts as yes", "true"), "yes"),
        Arguments.of(Named.named("no", "no"), "no"),
        Arguments.of(Named.named("false", "false"), "no"),
        Arguments.of(Named.named("a missing file is not critical", null), "no"),
        Arguments.of(Named.named("anything else is not critical", "maybe"), "no"));
  }

  @ParameterizedTest
  @MethodSource("criticals")
  void criticalBody(String file, String body) {
    assertThat(ChannelDocuments.of(new Channel("c", "1.0.0", null, file, null), true).critical())
        .isEqualTo(body);
  }

  @Test
  void bodyByRequestType() {
    ChannelDocuments d = new ChannelDocuments("c", "v1.2.3", "yes");
    assertThat(d.body("version")).contains("v1.2.3");
    assertThat(d.body("critical")).contains("yes");
    assertThat(d.body("passwd")).isEmpty();
  }

  @Test
  void entityTagsAreQuotedStableAndContentBound() {
    assertThat(ChannelDocuments.etag("v17.2.1")).matches("\"[0-9a-f]{32}\"");
    assertThat(ChannelDocuments.etag("v17.2.1")).isEqualTo(ChannelDocuments.etag("v17.2.1"));
    assertThat(ChannelDocuments.etag("v17.2.1")).isNotEqualTo(ChannelDocuments.etag("v17.2.2"));
  }
}
