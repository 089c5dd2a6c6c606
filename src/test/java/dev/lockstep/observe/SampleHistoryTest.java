package dev.lockstep.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.RolloutState;
import dev.lockstep.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SampleHistory}: bounded, ordered, and the same after a trip through its JSON form. */
class SampleHistoryTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  static Sample sample(Instant at, long upToDate) {
    return new Sample(
        at,
        ObservationSource.TCTL,
        Optional.empty(),
        Optional.of(
            new Sample.RolloutSample(
                T0,
                "17.2.0",
                "17.3.0",
                Strategy.HALT_ON_ERROR,
                AgentMode.ENABLED,
                RolloutState.ACTIVE,
                List.of(
                    new Sample.GroupSample(
                        "dev",
                        GroupState.CANARY,
                        "waiting_for_canaries",
                        T0,
                        T0.plusSeconds(5),
                        10,
                        10,
                        upToDate,
                        1,
                        List.of(new Sample.CanarySample("node-1", "h-1", false)))))),
        new Sample.ReportsSample(true, 2, 1, 12, Map.of("qa", 2L)));
  }

  @Test
  void keepsTheNewestSamplesWithinCountAndAge() {
    SampleHistory.Bounds bounds = new SampleHistory.Bounds(3, Duration.ofMinutes(10));
    SampleHistory h = SampleHistory.EMPTY;
    for (int i = 0; i < 5; i++) {
      h = h.append(sample(T0.plusSeconds(60L * i), i), bounds);
    }
    assertThat(h.samples())
        .extracting(Sample::at)
        .containsExactly(T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240));

    h = h.append(sample(T0.plusSeconds(60L * 14), 9), bounds);

    assertThat(h.samples())
        .as("older than 10 minutes before the newest is dropped")
        .extracting(Sample::at)
        .containsExactly(T0.plusSeconds(240), T0.plusSeconds(840));
  }

  @Test
  void aSampleOlderThanTheNewestIsNotAdded() {
    SampleHistory h =
        SampleHistory.EMPTY.append(sample(T0.plusSeconds(60), 1), SampleHistory.Bounds.DEFAULT);

    assertThat(h.append(sample(T0, 0), SampleHistory.Bounds.DEFAULT)).isEqualTo(h);
  }

  @Test
  void survivesItsJsonForm() throws Exception {
    SampleHistory h =
        SampleHistory.EMPTY
            .append(sample(T0, 1), SampleHistory.Bounds.DEFAULT)
            .append(
                Sample.failed(T0.plusSeconds(60), ObservationSource.TCTL, "tctl get failed"),
                SampleHistory.Bounds.DEFAULT)
            .append(sample(T0.plusSeconds(120), 3), SampleHistory.Bounds.DEFAULT);
    ObjectMapper json = new ObjectMapper();

    String text = json.writeValueAsString(h.toDocument());
    SampleHistory back = SampleHistory.fromDocument(json.readValue(text, Map.class));

    assertThat(back).isEqualTo(h);
  }

  @Test
  void aBrokenSampleInTheDocumentIsLeftOutNotFatal() {
    Map<String, Object> doc =
        Map.of(
            "samples",
            List.of(
                Map.of("at", "not a time"),
                SampleHistory.EMPTY
                            .append(sample(T0, 1), SampleHistory.Bounds.DEFAULT)
                            .toDocument()
                            .get("samples")
                        instanceof List<?> l
                    ? l.get(0)
                    : Map.of()));

    assertThat(SampleHistory.fromDocument(doc).samples()).hasSize(1);
  }
}
