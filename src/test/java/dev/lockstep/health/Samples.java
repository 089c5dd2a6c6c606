package dev.lockstep.health;

import dev.lockstep.observe.ObservationSource;
import dev.lockstep.observe.Sample;
import dev.lockstep.observe.SampleHistory;
import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.Reasons;
import dev.lockstep.rollout.RolloutState;
import dev.lockstep.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders for samples, so each test row shows only what differs. */
final class Samples {
  private Samples() {}

  /** A Monday noon; the rollout was created an hour before. */
  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  static final Instant ROLLOUT_START = T0.minus(Duration.ofHours(1));

  static Instant minutes(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  /** A group: state active since T0, 100 agents, none up to date. */
  static final class G {
    String name;
    GroupState state = GroupState.ACTIVE;
    String reason = Reasons.UPDATE_IN_PROGRESS;
    Instant start = T0;
    Instant lastUpdate = T0;
    long initial = 100;
    long present = 100;
    long upToDate = 0;
    int canaryCount = 0;
    List<Sample.CanarySample> canaries = new ArrayList<>();

    G(String name) {
      this.name = name;
    }

    G state(GroupState s, String r) {
      state = s;
      reason = r;
      return this;
    }

    G started(Instant t) {
      start = t;
      lastUpdate = t;
      return this;
    }

    G counts(long initial, long present, long upToDate) {
      this.initial = initial;
      this.present = present;
      this.upToDate = upToDate;
      return this;
    }

    G canaries(int count, Sample.CanarySample... c) {
      canaryCount = count;
      canaries = List.of(c);
      return this;
    }

    Sample.GroupSample build() {
      return new Sample.GroupSample(
          name,
          state,
          reason,
          start,
          lastUpdate,
          initial,
          present,
          upToDate,
          canaryCount,
          canaries);
    }
  }

  static G group(String name) {
    return new G(name);
  }

  static Sample.CanarySample canary(String host, boolean success) {
    return new Sample.CanarySample(host, "id-" + host, success);
  }

  /** A sample of the rollout: tctl, fresh reports. */
  static final class S {
    Instant at;
    Strategy strategy = Strategy.HALT_ON_ERROR;
    AgentMode mode = AgentMode.ENABLED;
    Instant rolloutStart = ROLLOUT_START;
    String target = "17.3.0";
    List<Sample.GroupSample> groups;
    Sample.ReportsSample reports = new Sample.ReportsSample(true, 1, 0, 100, Map.of());

    S(Instant at, G... groups) {
      this.at = at;
      this.groups = Arrays.stream(groups).map(G::build).toList();
    }

    S timeBased() {
      strategy = Strategy.TIME_BASED;
      return this;
    }

    S mode(AgentMode m) {
      mode = m;
      return this;
    }

    S target(String t) {
      target = t;
      return this;
    }

    S rolloutStart(Instant t) {
      rolloutStart = t;
      return this;
    }

    S expiredReports() {
      reports = new Sample.ReportsSample(true, 0, 2, 0, Map.of());
      return this;
    }

    S undefined(Map<String, Long> groups) {
      reports = new Sample.ReportsSample(true, 1, 0, 100, groups);
      return this;
    }

    Sample build() {
      return new Sample(
          at,
          ObservationSource.TCTL,
          Optional.empty(),
          Optional.of(
              new Sample.RolloutSample(
                  rolloutStart, "17.2.0", target, strategy, mode, RolloutState.ACTIVE, groups)),
          reports);
    }
  }

  static S sample(Instant at, G... groups) {
    return new S(at, groups);
  }

  static Sample failed(Instant at) {
    return Sample.failed(at, ObservationSource.TCTL, "tctl get autoupdate_agent_rollout failed");
  }

  static SampleHistory history(Object... samples) {
    SampleHistory h = SampleHistory.EMPTY;
    for (Object o : samples) {
      h = h.append(o instanceof S s ? s.build() : (Sample) o, SampleHistory.Bounds.DEFAULT);
    }
    return h;
  }
}
