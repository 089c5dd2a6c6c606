package dev.lockstep.reconcile;

import dev.lockstep.cluster.TargetKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@link Reconciler} behaves. Built by {@code server} from its configuration, or by tests.
 *
 * @param cluster the cluster to reconcile; empty: the only cluster of the repository
 * @param targetKind the kind of target, for its own checks ({@link TargetKind#check})
 * @param selfHeal re-apply live drift on every run
 * @param prune delete live resources removed from Git
 * @param suspended start suspended (read and report, write nothing to the cluster)
 * @param firstBackoff the wait after the first transient failure; doubled each time
 * @param maxBackoff the longest wait between retries
 * @param verifySignatures true when the head commit must carry a trusted signature
 */
public record ReconcileSettings(
    Optional<String> cluster,
    TargetKind targetKind,
    boolean selfHeal,
    boolean prune,
    boolean suspended,
    Duration firstBackoff,
    Duration maxBackoff,
    boolean verifySignatures) {

  public ReconcileSettings {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(targetKind, "targetKind");
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (firstBackoff.isNegative()
        || firstBackoff.isZero()
        || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must be positive and maxBackoff at least firstBackoff");
    }
  }

  /** Defaults: the only cluster, self-heal on, no prune, not suspended, backoff 1 s up to 5 min. */
  public static ReconcileSettings defaults(TargetKind kind) {
    return new ReconcileSettings(
        Optional.empty(),
        kind,
        true,
        false,
        false,
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        false);
  }

  /** A copy for one named cluster. */
  public ReconcileSettings withCluster(String name) {
    return new ReconcileSettings(
        Optional.of(name),
        targetKind,
        selfHeal,
        prune,
        suspended,
        firstBackoff,
        maxBackoff,
        verifySignatures);
  }

  /** A copy with self-heal on or off. */
  public ReconcileSettings withSelfHeal(boolean on) {
    return new ReconcileSettings(
        cluster, targetKind, on, prune, suspended, firstBackoff, maxBackoff, verifySignatures);
  }

  /** A copy starting suspended or not. */
  public ReconcileSettings withSuspended(boolean on) {
    return new ReconcileSettings(
        cluster, targetKind, selfHeal, prune, on, firstBackoff, maxBackoff, verifySignatures);
  }
}
