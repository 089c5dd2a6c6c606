package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cluster.FakeClusterTarget;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.reconcile.Halter;
import dev.lockstep.reconcile.ReconcileReport;
import dev.lockstep.reconcile.ReconcileSettings;
import dev.lockstep.reconcile.Reconciler;
import dev.lockstep.reconcile.StatusYaml;
import dev.lockstep.reconcile.Upstream;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.StatusSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas campaigning for one Lease on fabric8's mock API server (CRUD mode), each with its
 * own reconciler over the same Git repository and the same cluster: exactly one writes, and when it
 * steps down the other takes over.
 */
class LeaderElectionIT {
  @TempDir Path tmp;
  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void setUp() throws Exception {
    server = leaseServer();
    client = server.createClient();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.destroy();
  }

  /** fabric8's mock API server in CRUD mode on 127.0.0.1, where the Lease lives. */
  static KubernetesMockServer leaseServer() throws Exception {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  LeaderGate gate(String identity) {
    return gate(client, identity);
  }

  /** A replica campaigning for the Lease lockstep/lockstep with short, test-sized periods. */
  static LeaderGate gate(KubernetesClient client, String identity) {
    return new LeaderGate(
        client,
        "lockstep",
        "lockstep",
        identity,
        Duration.ofSeconds(3),
        Duration.ofSeconds(2),
        Duration.ofMillis(200),
        () -> {});
  }

  @Test
  void exactlyOneReplicaWritesAndTheOtherTakesOverWhenItStepsDown() throws Exception {
    Upstream upstream = Upstream.sample(Files.createDirectories(tmp.resolve("upstream")));
    FakeClusterTarget cluster = new FakeClusterTarget();
    AtomicInteger statusWrites = new AtomicInteger();
    try (LeaderGate a = gate("replica-a");
        LeaderGate b = gate("replica-b");
        GitSource sourceA = new GitSource(git(upstream, "a"));
        GitSource sourceB = new GitSource(git(upstream, "b"))) {
      a.start();
      b.start();
      awaitLeader(a, b, Duration.ofSeconds(15));
      Reconciler ra = reconciler(sourceA, git(upstream, "a"), cluster, a, statusWrites);
      Reconciler rb = reconciler(sourceB, git(upstream, "b"), cluster, b, statusWrites);

      ReconcileReport fromA = ra.reconcile(Instant.parse("2026-11-02T09:00:00Z"));
      ReconcileReport fromB = rb.reconcile(Instant.parse("2026-11-02T09:00:00Z"));

      assertThat(a.isLeader() ^ b.isLeader()).isTrue();
      assertThat(cluster.calls).hasSize(2); // the two resources, written once, by the leader only
      assertThat(statusWrites).hasValue(1);
      LeaderGate leader = a.isLeader() ? a : b;
      LeaderGate follower = leader == a ? b : a;
      assertThat((leader == a ? fromA : fromB).result()).isEqualTo(ReconcileReport.Result.APPLIED);
      assertThat((leader == a ? fromB : fromA).result())
          .isEqualTo(ReconcileReport.Result.SUSPENDED);

      leader.close();
      assertThat(leader.isLeader()).isFalse(); // stepping down stops writes at once
      awaitLeader(follower, follower, Duration.ofSeconds(15));
      assertThat(follower.isLeader()).isTrue();
    } finally {
      upstream.close();
    }
  }

  GitSettings git(Upstream upstream, String replica) {
    return GitSettings.of(upstream.dir.toString(), "main", tmp.resolve("cache-" + replica));
  }

  static Reconciler reconciler(
      GitSource source,
      GitSettings git,
      FakeClusterTarget cluster,
      LeaderGate gate,
      AtomicInteger writes) {
    StatusSettings status = StatusSettings.defaults();
    return new Reconciler(
        source,
        ".",
        cluster,
        status,
        (name, content, revision, reason, now) -> {
          writes.incrementAndGet();
          return new GitStatusWriter(source, git, status, StatusYaml::comparable, d -> {})
              .write(name, content, revision, now);
        },
        ReconcileSettings.defaults(TargetKind.FILE).withCluster("prod"),
        clusters -> Map.of(),
        new Reconciler.Listener() {},
        gate::isLeader,
        System::nanoTime,
        Halter.NONE);
  }

  static void awaitLeader(LeaderGate a, LeaderGate b, Duration max) throws InterruptedException {
    Instant until = Instant.now().plus(max);
    while (!a.isLeader() && !b.isLeader() && Instant.now().isBefore(until)) {
      Thread.sleep(50);
    }
  }
}
