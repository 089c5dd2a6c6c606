package dev.lockstep.health.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cluster.TargetException;
import dev.lockstep.cluster.TctlTarget;
import dev.lockstep.cluster.tctl.FakeTctlRunner;
import dev.lockstep.health.Assessment;
import dev.lockstep.health.HealthChecks;
import dev.lockstep.model.HaltSpec;
import dev.lockstep.observe.Observation;
import dev.lockstep.observe.ObservationSource;
import dev.lockstep.observe.Sample;
import dev.lockstep.observe.SampleHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays a recording as the service would live it: for each sample, the fake tctl serves that
 * sample's fixtures, {@link TctlTarget#observeRollout} reads them with the clock frozen at the
 * sample's instant, the sample joins the history, and the health checks assess the history.
 */
final class Replay {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One step of a replay. */
  record Step(int index, Instant at, Sample sample, Assessment assessment) {}

  private Replay() {}

  /**
   * Replays the recording in {@code recording} with the fake tctl keeping its state in {@code
   * state}.
   */
  static List<Step> run(Path recording, Path state, HaltSpec spec) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> manifest =
        JSON.readValue(recording.resolve("recording.json").toFile(), Map.class);
    @SuppressWarnings("unchecked")
    List<String> groups = (List<String>) manifest.get("groups");
    @SuppressWarnings("unchecked")
    List<String> times = (List<String>) manifest.get("samples");
    FakeTctlRunner runner = new FakeTctlRunner(state);
    TctlTarget target = runner.target();
    HealthChecks checks = HealthChecks.of(spec);
    SampleHistory history = SampleHistory.EMPTY;
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      Instant at = Instant.parse(times.get(i));
      runner.serve(recording, i);
      Sample sample;
      try {
        Observation o = target.observeRollout(at, groups).orElseThrow();
        sample = Sample.of(o);
      } catch (TargetException e) {
        sample = Sample.failed(at, ObservationSource.TCTL, e.getMessage());
      }
      history = history.append(sample, SampleHistory.Bounds.DEFAULT);
      steps.add(new Step(i, at, sample, checks.assess(history, at)));
    }
    return steps;
  }
}
