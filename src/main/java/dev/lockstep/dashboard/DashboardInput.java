package dev.lockstep.dashboard;

import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Version;
import dev.lockstep.plan.ObservedRollout;
import dev.lockstep.plan.Plan;
import dev.lockstep.reconcile.PeerStatus;
import dev.lockstep.reconcile.Reconciler;
import dev.lockstep.reconcile.StatusDocument;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the dashboard shows, as the service holds it at one instant.
 *
 * @param now the instant the pages are rendered at ("now" on the timeline, the plans of the
 *     clusters this instance does not serve)
 * @param generation changes whenever anything shown may have changed; the script compares it to
 *     decide whether to fetch the page again
 * @param servedCluster the cluster this instance reconciles, if known
 * @param status this instance's last status document, if a reconcile finished
 * @param plan the plan of the revision in force for the served cluster, if any
 * @param observed the observed rollout of the served cluster, if anything observed it; nothing is
 *     drawn over the plan when empty
 * @param inForce the revision in force with its findings, if any
 * @param refused the last revision refused with its findings, if any
 * @param suspended true while writes are suspended
 * @param peers the statuses the other clusters' own instances committed, by cluster name, as last
 *     read (a cluster without an entry has no status yet)
 * @param liveControlPlane the served cluster's control-plane version as serve last read it from its
 *     Proxy; empty when it was not read (no Proxy address, unreachable, or the embedded sample)
 */
public record DashboardInput(
    Instant now,
    String generation,
    Optional<String> servedCluster,
    Optional<StatusDocument> status,
    Optional<Plan> plan,
    Optional<ObservedRollout> observed,
    Optional<Reconciler.Evaluated> inForce,
    Optional<Reconciler.Evaluated> refused,
    boolean suspended,
    Map<String, PeerStatus> peers,
    Optional<Version> liveControlPlane) {

  public DashboardInput {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(servedCluster, "servedCluster");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(inForce, "inForce");
    Objects.requireNonNull(refused, "refused");
    peers = Map.copyOf(peers);
    Objects.requireNonNull(liveControlPlane, "liveControlPlane");
  }

  /** What an instance that has read nothing yet shows. */
  public static DashboardInput nothingRead(
      Instant now, String generation, Optional<String> servedCluster) {
    return new DashboardInput(
        now,
        generation,
        servedCluster,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Map.of(),
        Optional.empty());
  }

  /**
   * The declared state the fleet is listed from: the revision in force, else the last refused one
   * (so a first revision that failed still lists its clusters), else none.
   */
  public Optional<DesiredState> declared() {
    return inForce.or(() -> refused).map(Reconciler.Evaluated::state);
  }

  /** The status committed by the instance serving {@code cluster}, if one was read. */
  public Optional<PeerStatus> peer(String cluster) {
    return Optional.ofNullable(peers.get(cluster));
  }

  /** The served cluster's name: from the status when one was written, else as configured. */
  public Optional<String> served() {
    return status.map(StatusDocument::cluster).or(() -> servedCluster);
  }
}
