package dev.lockstep.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.cluster.TctlTarget;
import dev.lockstep.cluster.tctl.FakeTctlRunner;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.halt.GitHaltIT;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.reconcile.Condition;
import dev.lockstep.reconcile.LastKnownStore;
import dev.lockstep.reconcile.ReconcileReport;
import dev.lockstep.reconcile.ReconcileSettings;
import dev.lockstep.reconcile.Reconciler;
import dev.lockstep.reconcile.Resume;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.reconcile.StatusYaml;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.Secret;
import dev.lockstep.source.StatusSettings;
import dev.lockstep.source.it.Servers;
import dev.lockstep.source.it.Upstream;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The halt end to end, wired as {@code serve} wires it: a {@link Reconciler} following the sample
 * repository over a real {@code git daemon} on 127.0.0.1, its status pushed back there, the tctl
 * target over the fake tctl replaying the canaries-stuck recording one sample per run at the
 * sample's time (a frozen clock), and {@link GitHalter#over} as the halter. Stuck canaries land
 * exactly one halt commit on main changing only the mode scalar, with its trailers, and the live
 * config is suspended; later runs halt nothing more. With main protected by a pre-receive hook the
 * halt becomes a hold: the suspend is applied, the halt branch pushed, one pull request opened on
 * WireMock as GitHub, and self-heal keeps the mode suspended. Two replicas sharing the repository
 * and the target, each gated by a {@link LeaderGate} on one Lease (fabric8's mock API server): only
 * the leader halts, and after failover the new leader takes the hold from the status branch,
 * halting nothing again and re-enabling nothing.
 */
class HaltThroughGitIT {
  static final Path RECORDING =
      Path.of("src", "test", "resources", "replay", "canaries-stuck").toAbsolutePath();
  static final String CONFIG_FILE = "clusters/prod/autoupdate_config.yaml";
  static final ResourceId CONFIG = ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG);

  @RegisterExtension
  final WireMockExtension github =
      WireMockExtension.newInstance()
          .options(options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @TempDir Path dir;
  Servers servers;
  Upstream up;
  GitSettings git;
  GitSource source;
  FakeTctlRunner tctl;
  TctlTarget target;
  String seeded;

  @BeforeEach
  void setUp() throws Exception {
    servers = new Servers();
    up = Upstream.create(dir.resolve("upstream"));
    up.pushFolder(Path.of("sample-repo").toAbsolutePath(), "fleet");
    seeded = up.remoteTip("main");
    String url = "git://127.0.0.1:" + servers.gitDaemon(up.root.resolve("repos")) + "/fleet.git";
    git = GitSettings.of(url, "main", dir.resolve("cache")).withTimeout(Duration.ofSeconds(15));
    source = new GitSource(git);
    tctl = new FakeTctlRunner(dir.resolve("tctl"));
    target = tctl.target();
  }

  @AfterEach
  void tearDown() throws Exception {
    source.close();
    servers.close();
  }

  /** The reconciler as {@code LockstepService} builds it, with the given platform for bump. */
  Reconciler reconciler(Optional<Forge> forge) {
    return reconciler(source, git, dir.resolve("data"), () -> true, forge);
  }

  /** A replica: its own mirror and data folder, writing only while {@code leader} says so. */
  Reconciler reconciler(
      GitSource source, GitSettings git, Path data, BooleanSupplier leader, Optional<Forge> forge) {
    StatusSettings status = StatusSettings.defaults();
    Reconciler r =
        new Reconciler(
            source,
            ".",
            target,
            status,
            (name, content, revision, reason, now) ->
                new GitStatusWriter(
                        source,
                        git,
                        ServeSettings.withReason(status, reason),
                        StatusYaml::comparable)
                    .write(name, content, revision, now),
            ReconcileSettings.defaults(TargetKind.TCTL).withCluster("prod"),
            clusters -> Map.of(),
            new Reconciler.Listener() {},
            leader,
            System::nanoTime,
            GitHalter.over(source, git.ref(), status, forge));
    r.resumeFrom(
        new Resume(
            LastKnownStore.in(data),
            name -> new GitStatusWriter(source, git, status, StatusYaml::comparable).read(name)));
    return r;
  }

  static List<Instant> times() throws Exception {
    JsonNode samples =
        new ObjectMapper().readTree(RECORDING.resolve("recording.json").toFile()).path("samples");
    List<Instant> times = new ArrayList<>();
    samples.forEach(s -> times.add(Instant.parse(s.asText())));
    return times;
  }

  /** Runs every sample of the recording, one run per sample at its time; returns the reports. */
  List<ReconcileReport> replay(Reconciler r) throws Exception {
    List<ReconcileReport> reports = new ArrayList<>();
    List<Instant> times = times();
    for (int i = 0; i < times.size(); i++) {
      tctl.serve(RECORDING, i);
      reports.add(r.reconcile(times.get(i)));
    }
    return reports;
  }

  String liveMode() throws Exception {
    return target
        .observe(Set.of(CONFIG))
        .get(CONFIG)
        .at("spec.agents.mode")
        .map(String::valueOf)
        .orElse("");
  }

  /** Sets the live mode by hand, as {@code tctl create -f} from an operator would. */
  void setLiveModeByHand(String mode) {
    // tctl sends the resource as JSON
    String json =
        """
        {"kind": "autoupdate_config", "version": "v1",
         "metadata": {"name": "autoupdate-config"},
         "spec": {"agents": {"mode": "%s", "strategy": "halt-on-error"}}}
        """
            .formatted(mode);
    dev.lockstep.cluster.CommandRunner.Result created =
        tctl.run(
            List.of(
                "tctl",
                "--auth-server",
                "127.0.0.1:3025",
                "-i",
                dir.resolve("tctl").resolve("identity").toString(),
                "create",
                "-f"),
            json.getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(5));
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(liveModeOrFail()).isEqualTo(mode);
  }

  private String liveModeOrFail() {
    try {
      return liveMode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The commits on main after the seed, newest first. */
  List<String> commitsOnMain() {
    String log = up.git(up.bare, "rev-list", seeded + "..main");
    return log.isBlank() ? List.of() : List.of(log.strip().split("\n"));
  }

  @Test
  void stuckCanariesLandOneHaltCommitChangingOnlyTheModeAndTheLiveConfigIsSuspended()
      throws Exception {
    Reconciler r = reconciler(Optional.empty());

    List<ReconcileReport> reports = replay(r);

    List<String> commits = commitsOnMain();
    assertThat(commits).as("exactly one halt commit on main").hasSize(1);
    String halt = commits.get(0);
    assertThat(up.git(up.bare, "diff", "--name-only", halt + "^", halt)).isEqualTo(CONFIG_FILE);
    String diff = up.git(up.bare, "diff", "-U0", halt + "^", halt);
    assertThat(diff.lines().filter(l -> l.matches("^[-+](?![-+]{2} ).*")).toList())
        .as("only the mode scalar line changes")
        .containsExactly("-    mode: enabled", "+    mode: suspended");
    String message = up.git(up.bare, "log", "-1", "--format=%B", halt);
    assertThat(message).startsWith("lockstep: halt the rollout of prod to ");
    assertThat(up.git(up.bare, "log", "-1", "--format=%(trailers:only,unfold)", halt))
        .contains("Lockstep-Halt: prod/")
        .contains("Lockstep-Check: canary_timeout")
        .contains("Lockstep-Group: prod")
        .contains("Lockstep-Rollout: target ")
        .contains("Lockstep-Evidence: ");
    assertThat(up.git(up.bare, "log", "-1", "--format=%an <%ae>", halt))
        .isEqualTo(
            StatusSettings.defaults().authorName()
                + " <"
                + StatusSettings.defaults().authorEmail()
                + ">");

    assertThat(reports.stream().filter(x -> x.halt().isPresent()))
        .as("halted in one run")
        .hasSize(1);
    StatusDocument.Halt recorded = r.status().orElseThrow().halt().orElseThrow();
    assertThat(recorded.outcome()).isEqualTo("committed");
    assertThat(recorded.commit()).contains(halt);
    assertThat(recorded.holding()).as("Git itself says suspended now: no hold").isFalse();
    assertThat(r.status().orElseThrow().conditions())
        .anyMatch(c -> c.type().equals(Condition.HALTED) && c.reason().equals("HaltInGit"));
    assertThat(liveMode()).isEqualTo("suspended");

    // more runs of the same stuck rollout: still one halt commit, still suspended
    List<Instant> times = times();
    for (int i = 1; i <= 3; i++) {
      r.reconcile(times.get(times.size() - 1).plusSeconds(300L * i));
    }
    assertThat(commitsOnMain()).containsExactly(halt);
    assertThat(liveMode()).isEqualTo("suspended");
  }

  @Test
  void aProtectedMainTurnsTheHaltIntoAHoldWithOnePullRequestAndSelfHealKeepsItSuspended()
      throws Exception {
    protectMainAndAnswerAsGitHub();
    Reconciler r = reconciler(Optional.of(forge()));

    List<ReconcileReport> reports = replay(r);

    assertThat(up.remoteTip("main")).as("nothing pushed to main").isEqualTo(seeded);
    assertThat(reports.stream().filter(x -> x.halt().isPresent())).hasSize(1);
    StatusDocument status = r.status().orElseThrow();
    StatusDocument.Halt hold = status.halt().orElseThrow();
    assertThat(hold.outcome()).isEqualTo("hold");
    assertThat(hold.holding()).isTrue();
    assertThat(hold.message()).contains("https://github.example/acme/fleet/pull/7");
    assertThat(status.conditions())
        .anyMatch(c -> c.type().equals(Condition.HALTED) && c.reason().equals("HaltHeld"));
    String committed = up.git(up.bare, "show", "lockstep/status:status/prod.yaml");
    assertThat(committed).contains("holding: true").contains("outcome: hold");
    assertThat(liveMode()).isEqualTo("suspended");

    String branch =
        up.git(up.bare, "for-each-ref", "--format=%(refname:short)", "refs/heads/lockstep/halt/");
    assertThat(branch).startsWith("lockstep/halt/prod/");
    assertThat(hold.commit()).contains(up.remoteTip(branch));
    assertThat(up.git(up.bare, "diff", "--name-only", seeded, branch)).isEqualTo(CONFIG_FILE);
    assertThat(branch)
        .as("the halt branch names the cluster, target version and rollout start")
        .isEqualTo(
            "lockstep/halt/prod/17.3.0-" + Instant.parse("2026-11-23T09:55:00Z").getEpochSecond());
    github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/fleet/pulls")));
    JsonNode opened =
        new ObjectMapper()
            .readTree(
                github
                    .findAll(postRequestedFor(urlEqualTo("/repos/acme/fleet/pulls")))
                    .get(0)
                    .getBodyAsString());
    assertThat(opened.path("head").asText()).isEqualTo(branch);
    assertThat(opened.path("base").asText()).isEqualTo("main");
    assertThat(opened.path("body").asText())
        .contains("pre-receive hook declined")
        .contains("Lockstep-Check: canary_timeout")
        .doesNotContain("s3cr3t");

    // an operator re-enables by hand; self-heal restores the hold, not Git's enabled mode
    setLiveModeByHand("enabled");
    List<Instant> times = times();
    r.reconcile(times.get(times.size() - 1).plusSeconds(300));
    assertThat(liveMode()).isEqualTo("suspended");
    assertThat(r.status().orElseThrow().halt().orElseThrow().holding()).isTrue();
    github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/fleet/pulls")));
    assertThat(up.remoteTip("main")).isEqualTo(seeded);
  }

  /** A pre-receive hook refusing pushes to main; WireMock answering as GitHub for pull 7. */
  void protectMainAndAnswerAsGitHub() throws Exception {
    Path hook = up.bare.resolve("hooks/pre-receive");
    Files.writeString(
        hook,
        "#!/bin/sh\n"
            + "while read old new ref; do\n"
            + "  case \"$ref\" in refs/heads/main) echo \"main is protected\" >&2; exit 1;; esac\n"
            + "done\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    github.stubFor(
        request("POST", urlEqualTo("/repos/acme/fleet/pulls"))
            .willReturn(
                aResponse().withStatus(201).withBody(GitHaltIT.pull(7, "lockstep/halt/prod"))));
    github.stubFor(
        request("PATCH", urlEqualTo("/repos/acme/fleet/pulls/7"))
            .willReturn(aResponse().withStatus(200).withBody("{}")));
  }

  Forge forge() throws Exception {
    Path token = Files.writeString(dir.resolve("gh-token"), "s3cr3t\n");
    return Forge.of(
        ForgeSettings.of(
            Platform.GITHUB,
            URI.create(github.baseUrl()),
            "acme/fleet",
            Optional.of(Secret.file(token)),
            Map.of()),
        Clock.fixed(times().get(0), ZoneOffset.UTC),
        d -> {});
  }

  @Test
  void twoReplicasWithOneLeaseHaltOnceAndTheNewLeaderKeepsTheHoldAfterFailover() throws Exception {
    protectMainAndAnswerAsGitHub();
    KubernetesMockServer kube = LeaderElectionIT.leaseServer();
    GitSettings gitA =
        GitSettings.of(git.url(), "main", dir.resolve("cache-a"))
            .withTimeout(Duration.ofSeconds(15));
    GitSettings gitB =
        GitSettings.of(git.url(), "main", dir.resolve("cache-b"))
            .withTimeout(Duration.ofSeconds(15));
    try (KubernetesClient client = kube.createClient();
        LeaderGate a = LeaderElectionIT.gate(client, "replica-a");
        LeaderGate b = LeaderElectionIT.gate(client, "replica-b");
        GitSource sourceA = new GitSource(gitA);
        GitSource sourceB = new GitSource(gitB)) {
      a.start();
      b.start();
      LeaderElectionIT.awaitLeader(a, b, Duration.ofSeconds(15));
      assertThat(a.isLeader() ^ b.isLeader()).as("one leader").isTrue();
      Reconciler ra =
          reconciler(sourceA, gitA, dir.resolve("data-a"), a::isLeader, Optional.of(forge()));
      Reconciler rb =
          reconciler(sourceB, gitB, dir.resolve("data-b"), b::isLeader, Optional.of(forge()));
      LeaderGate leader = a.isLeader() ? a : b;
      LeaderGate follower = leader == a ? b : a;
      Reconciler first = leader == a ? ra : rb;
      Reconciler second = leader == a ? rb : ra;

      List<ReconcileReport> fromLeader = new ArrayList<>();
      List<ReconcileReport> fromFollower = new ArrayList<>();
      List<Instant> times = times();
      for (int i = 0; i < times.size(); i++) {
        tctl.serve(RECORDING, i);
        fromLeader.add(first.reconcile(times.get(i)));
        fromFollower.add(second.reconcile(times.get(i)));
      }

      assertThat(fromLeader.stream().filter(x -> x.halt().isPresent())).hasSize(1);
      assertThat(fromFollower).noneMatch(x -> x.halt().isPresent());
      github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/fleet/pulls")));
      assertThat(liveMode()).isEqualTo("suspended");
      assertThat(up.git(up.bare, "show", "lockstep/status:status/prod.yaml"))
          .contains("holding: true");

      // failover: the leader steps down, the other replica takes the Lease
      leader.close();
      assertThat(leader.isLeader()).isFalse();
      LeaderElectionIT.awaitLeader(follower, follower, Duration.ofSeconds(15));
      assertThat(follower.isLeader()).isTrue();
      List<String> modes = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        ReconcileReport after = second.reconcile(times.get(times.size() - 1).plusSeconds(300L * i));
        assertThat(after.halt()).as("the new leader halts nothing again").isEmpty();
        assertThat(after.changes()).as("the new leader re-enables nothing").isEmpty();
        modes.add(liveMode());
      }
      assertThat(modes).containsOnly("suspended");
      assertThat(second.status().orElseThrow().halt().orElseThrow().holding()).isTrue();
      github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/fleet/pulls")));
      assertThat(up.remoteTip("main")).isEqualTo(seeded);
    } finally {
      kube.destroy();
    }
  }
}
