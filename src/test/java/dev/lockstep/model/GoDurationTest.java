package dev.lockstep.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "3600s,3600",
    "1h,3600",
    "90m,5400",
    "1h30m,5400",
    "1.5h,5400",
    "0,0",
    "600s,600",
    "2h0m0s,7200",
    "500ms,0.5",
    "-1h,-3600"
  })
  void parsesGoAndProtobufForms(String text, double seconds) {
    assertThat(GoDuration.parse(text)).contains(Duration.ofMillis((long) (seconds * 1000)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1d",
        "h",
        "1 h",
        "3600",
        "1h-5m",
        "PT1H",
        "2562048h", // past 2^63 ns
        "99999999999999999999s", // past a long before the unit
        "2562047h1h", // past 2^63 ns only in the sum
        "1.5ns" // a fraction of a nanosecond
      })
  void rejectsWhatGoRejects(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "2562047h, 9223369200000000000", // the largest whole hour below 2^63 ns
    "0.5ns0.5ns, 1", // fractions add up exactly
    "1h0.5s, 3600500000000",
    "1.000000001s, 1000000001"
  })
  void sumsExactlyInNanoseconds(String text, long nanos) {
    assertThat(GoDuration.parse(text)).contains(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource({"3600,3600s", "5400,5400s", "0,0s"})
  void rendersProtobufJson(long seconds, String expected) {
    assertThat(GoDuration.toProtoJson(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }
}
