package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.server.TlsEngine.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsEngineTest {
  private static final Throwable MISSING =
      new UnsatisfiedLinkError("no netty_tcnative in java.library.path");

  @ParameterizedTest(name = "{0}, OpenSSL loaded={1} -> {2}")
  @CsvSource({
    "auto, true, OPENSSL",
    "auto, false, JDK",
    "AUTO, true, OPENSSL",
    "openssl, true, OPENSSL",
    "jdk, true, JDK",
    "jdk, false, JDK",
  })
  void choosesTheEngine(String setting, boolean available, Kind expected) {
    assertThat(TlsEngine.choose(setting, available, available ? null : MISSING))
        .isEqualTo(expected);
  }

  @Test
  void opensslThatDoesNotLoadRefusesToStartAndSaysWhy() {
    assertThatThrownBy(
            () -> TlsEngine.choose("openssl", false, new IllegalStateException("wrapper", MISSING)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lockstep.channels.tls-engine=openssl")
        .hasMessageContaining("UnsatisfiedLinkError: no netty_tcnative in java.library.path")
        .hasMessageContaining("use auto or jdk");
  }

  @Test
  void unknownSettingIsRefused() {
    assertThatThrownBy(() -> TlsEngine.choose("boringssl", true, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lockstep.channels.tls-engine must be auto, openssl or jdk, not \"boringssl\"");
  }
}
