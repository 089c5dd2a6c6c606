package dev.lockstep.bump;

import dev.lockstep.model.BumpPolicy;
import dev.lockstep.model.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders for decision inputs: each test row shows only what differs. */
final class Inputs {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private Inputs() {}

  static Version v(String text) {
    return Version.tryParse(text).orElseThrow();
  }

  static Instant daysAgo(double days) {
    return NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }

  static Release release(String version, double daysAgo) {
    return Release.of(v(version), daysAgo(daysAgo));
  }

  static Release security(String version, double daysAgo, String... alts) {
    return new Release(
        v(version),
        daysAgo(daysAgo),
        true,
        java.util.Arrays.stream(alts).map(Inputs::v).toList(),
        "");
  }

  static StatusSnapshot status(double daysAgo, String state, String target) {
    return new StatusSnapshot(daysAgo(daysAgo), state, target, false, "c" + (int) (daysAgo * 10));
  }

  static StatusSnapshot halted(double daysAgo, String state, String target) {
    return new StatusSnapshot(daysAgo(daysAgo), state, target, true, "");
  }

  static Builder in() {
    return new Builder();
  }

  /** A prod cluster at 17.2.1 under a 17.4.2 control plane, default policy, no releases. */
  static final class Builder {
    boolean cloud;
    Optional<Version> current = Optional.of(v("17.2.1"));
    Optional<Ceiling> ceiling =
        Optional.of(
            new Ceiling(v("17.4.2"), Ceiling.Source.DECLARED, "clusters/prod/cluster.yaml"));
    final List<Release> releases = new ArrayList<>();
    BumpPolicy policy = BumpPolicy.DEFAULTS;
    final Map<Long, Optional<Version>> cloudStable = new HashMap<>();
    Optional<List<StatusSnapshot>> history = Optional.empty();

    Builder cloud() {
      cloud = true;
      return this;
    }

    Builder current(String version) {
      current = version == null ? Optional.empty() : Optional.of(v(version));
      return this;
    }

    Builder ceiling(String version) {
      ceiling =
          version == null
              ? Optional.empty()
              : Optional.of(new Ceiling(v(version), Ceiling.Source.FLAG, ""));
      return this;
    }

    Builder releases(Release... rs) {
      releases.addAll(List.of(rs));
      return this;
    }

    Builder policy(BumpPolicy p) {
      policy = p;
      return this;
    }

    Builder cloudStable(long major, String version) {
      cloudStable.put(major, Optional.ofNullable(version).map(Inputs::v));
      policy =
          new BumpPolicy(
              policy.majorAge(),
              policy.minorAge(),
              policy.patchAge(),
              policy.promoteFrom(),
              policy.promotionSoak(),
              true);
      return this;
    }

    Builder promoteFrom(String cluster, StatusSnapshot... snapshots) {
      policy =
          new BumpPolicy(
              policy.majorAge(),
              policy.minorAge(),
              policy.patchAge(),
              Optional.of(cluster),
              policy.promotionSoak(),
              policy.followCloudStable());
      history = snapshots.length == 0 ? Optional.empty() : Optional.of(List.of(snapshots));
      return this;
    }

    DecisionInput build() {
      return new DecisionInput(
          "prod", cloud, current, ceiling, releases, policy, cloudStable, history, NOW);
    }
  }
}
