package dev.lockstep.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"default", "stable/cloud", "stable/cloud/v15", "m-y_chan.nel", "a/b/c/d", "v1..2"})
  void wellFormedNames(String name) {
    assertThat(ChannelNames.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/",
        "stable/",
        "/stable",
        "stable//cloud",
        ".",
        "..",
        "stable/../etc",
        "./x",
        "a b",
        "x%2e",
        "x\u0000",
        "x\\y",
        "é",
        "stable\ncloud"
      })
  void malformedNames(String name) {
    assertThat(ChannelNames.isValid(name)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void lengthsAreBounded() {
    assertThat(ChannelNames.isValid("a".repeat(64))).isTrue();
    assertThat(ChannelNames.isValid("a".repeat(65))).isFalse();
    assertThat(ChannelNames.isValid("abcd/".repeat(51) + "a")).isTrue();
    assertThat(ChannelNames.isValid("abcd/".repeat(52) + "a")).isFalse();
  }
}
