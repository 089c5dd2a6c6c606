package dev.lockstep.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Leader election over a Kubernetes Lease (fabric8's LeaderElector). Only the leader writes; losing
 * the lease closes {@link #isLeader()} at once, and the replica goes back to campaigning. Without
 * leader election every instance is the leader.
 */
public final class LeaderGate implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LeaderGate.class);

  private final AtomicBoolean leader;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final String identity;
  private final Runnable onElected;
  private volatile CompletableFuture<?> running;
  private final LeaderElector elector;

  /** No election: always the leader. */
  public static LeaderGate always() {
    return new LeaderGate();
  }

  private LeaderGate() {
    leader = new AtomicBoolean(true);
    identity = "single";
    onElected = () -> {};
    elector = null;
  }

  /**
   * Campaigns for the Lease {@code namespace/name}.
   *
   * @param onElected run when this replica becomes the leader (trigger a reconcile)
   */
  public LeaderGate(
      KubernetesClient client,
      String namespace,
      String name,
      String identity,
      java.time.Duration leaseDuration,
      java.time.Duration renewDeadline,
      java.time.Duration retryPeriod,
      Runnable onElected) {
    this.leader = new AtomicBoolean(false);
    this.identity =
        identity == null || identity.isBlank() ? UUID.randomUUID().toString() : identity;
    this.onElected = onElected;
    this.elector =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(name)
                    .withLock(new LeaseLock(namespace, name, this.identity))
                    .withLeaseDuration(leaseDuration)
                    .withRenewDeadline(renewDeadline)
                    .withRetryPeriod(retryPeriod)
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(
                            this::started,
                            this::stopped,
                            who -> LOG.infof("lease %s/%s held by %s", namespace, name, who)))
                    .build())
            .build();
  }

  /** Starts campaigning (no-op without election). */
  public void start() {
    if (elector == null || closed.get()) {
      return;
    }
    running = elector.start();
    running.whenComplete(
        (ok, err) -> {
          leader.set(false);
          if (!closed.get()) {
            LOG.info("leader election ended; campaigning again");
            start();
          }
        });
  }

  private void started() {
    leader.set(true);
    LOG.infof("%s is the leader: reconciling and writing", identity);
    onElected.run();
  }

  private void stopped() {
    leader.set(false);
    LOG.infof("%s lost the lease: writes stopped", identity);
  }

  /** True while this replica may write. */
  public boolean isLeader() {
    return leader.get();
  }

  /** This replica's identity in the Lease. */
  public String identity() {
    return identity;
  }

  @Override
  public void close() {
    closed.set(true);
    leader.set(false);
    CompletableFuture<?> r = running;
    if (r != null) {
      r.cancel(true);
    }
  }
}
