package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.server.TlsEngine.Kind;
import dev.lockstep.server.TlsEngine.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsEngineTest {
  private static final Throwable MISSING =
      new UnsatisfiedLinkError("no netty_tcnative in java.library.path");

  @ParameterizedTest(name = "{0}, OpenSSL loaded={1} -> {2}")
  @CsvSource({
    "AUTO, true, OPENSSL",
    "AUTO, false, JDK",
    "OPENSSL, true, OPENSSL",
    "JDK, true, JDK",
    "JDK, false, JDK",
  })
  void choosesTheEngine(Setting setting, boolean available, Kind expected) {
    assertThat(TlsEngine.choose(setting, available, available ? null : MISSING))
        .isEqualTo(expected);
  }

  @Test
  void opensslThatDoesNotLoadRefusesToStartAndSaysWhy() {
    assertThatThrownBy(
            () ->
                TlsEngine.choose(
                    Setting.OPENSSL, false, new IllegalStateException("wrapper", MISSING)))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageStartingWith("lockstep.channels.tls-engine (LOCKSTEP_CHANNELS_TLS_ENGINE)")
        .hasMessageContaining("UnsatisfiedLinkError: no netty_tcnative in java.library.path")
        .hasMessageContaining("use auto or jdk");
  }
}
