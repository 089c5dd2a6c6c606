package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.AutoupdateVersion;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Consistency between the release channels a cluster follows ({@code lockstep_cluster} {@code
 * spec.channels}) and the same cluster's {@code autoupdate_version} agent target. v1 updaters
 * (teleport-semantics §13.3, §13.4) follow the channel while v2 agents follow the rollout
 * (teleport-semantics §11); when the two disagree, one fleet runs two versions. A warning, not an
 * error: during a staged move the difference can be intended.
 *
 * <p>Pure: reads only the desired state. Says nothing about a channel the revision does not have,
 * nor about unparseable versions (other rules report those).
 */
public final class ChannelConsistency {
  private ChannelConsistency() {}

  /** {@code channel/target-mismatch}. */
  public static final Rule TARGET_MISMATCH =
      new Rule(
          "channel/target-mismatch",
          Severity.WARNING,
          "A channel followed by a cluster advertises a different version than the cluster's autoupdate_version agent target.");

  /** Every rule of this class. */
  public static final List<Rule> ALL = List.of(TARGET_MISMATCH);

  /**
   * One channel whose version differs from the target of a cluster that follows it.
   *
   * @param cluster the cluster's name
   * @param channel the channel's name
   * @param channelVersion what the channel advertises (trimmed file content, or {@code none})
   * @param targetVersion the cluster's {@code spec.agents.target_version}
   * @param location where the channel's version file is (or the cluster's {@code spec.channels}
   *     when it has none)
   */
  public record Mismatch(
      String cluster,
      String channel,
      String channelVersion,
      String targetVersion,
      SourceLocation location) {
    public Mismatch {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(channelVersion, "channelVersion");
      Objects.requireNonNull(targetVersion, "targetVersion");
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * Every (cluster, channel) pair that disagrees, sorted by cluster then channel. A channel that
   * advertises {@code none} (or has no version file) while the cluster has a target disagrees too:
   * its v1 updaters stay where they are.
   */
  public static List<Mismatch> mismatches(DesiredState state) {
    List<Mismatch> out = new ArrayList<>();
    for (ClusterSource cluster : state.clusters()) {
      Optional<LockstepCluster> descriptor = cluster.cluster();
      Optional<Version> target =
          cluster
              .autoupdateVersion()
              .map(AutoupdateVersion::agents)
              .flatMap(a -> Version.tryParse(strip(a.targetVersion())));
      if (descriptor.isEmpty() || target.isEmpty()) {
        continue;
      }
      for (String name : descriptor.get().channels().stream().sorted().distinct().toList()) {
        Optional<Channel> channel = state.channel(name);
        if (channel.isEmpty()) {
          continue;
        }
        Channel c = channel.get();
        boolean advertisesNone = c.version() == null || "none".equals(c.version());
        Optional<Version> advertised = c.parsedVersion();
        if (!advertisesNone && advertised.isEmpty()) {
          continue;
        }
        if (advertised.isPresent() && advertised.get().sameAs(target.get())) {
          continue;
        }
        SourceLocation at =
            c.versionLocation() != null
                ? c.versionLocation()
                : cluster.descriptor().locate("spec.channels");
        out.add(
            new Mismatch(
                cluster.name(),
                name,
                advertisesNone ? "none" : c.version(),
                cluster.autoupdateVersion().orElseThrow().agents().targetVersion(),
                at));
      }
    }
    return List.copyOf(out);
  }

  /** The {@link #TARGET_MISMATCH} warnings of a revision. */
  public static Findings check(DesiredState state) {
    return Findings.of(
        mismatches(state).stream()
            .map(
                m ->
                    Finding.of(
                        TARGET_MISMATCH,
                        "channel \""
                            + m.channel()
                            + "\" advertises "
                            + m.channelVersion()
                            + " but cluster \""
                            + m.cluster()
                            + "\", which follows it, targets "
                            + m.targetVersion()
                            + " in autoupdate_version spec.agents.target_version",
                        m.location(),
                        ""))
            .toList());
  }

  private static String strip(String v) {
    return v.startsWith("v") ? v.substring(1) : v;
  }
}
