package dev.lockstep.source.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.source.CommitVerifier;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.PollResult;
import dev.lockstep.source.StatusSettings;
import dev.lockstep.source.StatusWrite;
import dev.lockstep.source.StatusWrite.Outcome;
import dev.lockstep.source.TrustedKeys;
import dev.lockstep.source.Verification;
import dev.lockstep.source.VerifyMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Status write-back against real servers: no heartbeat commits, no lost update, no force push, no
 * loop.
 */
class StatusWriterIT {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  /** Drops the timestamp line, as StatusYaml.comparable does. */
  private static final UnaryOperator<String> COMPARABLE =
      s -> s.lines().filter(l -> !l.startsWith("updatedAt:")).collect(Collectors.joining("\n"));

  @TempDir Path dir;
  Servers servers;
  Upstream up;

  @BeforeEach
  void setUp() throws Exception {
    servers = new Servers();
    up = Upstream.create(dir.resolve("upstream"));
    up.commit("clusters/prod/autoupdate.yaml", "kind: autoupdate_version\n", "first");
  }

  @AfterEach
  void tearDown() throws Exception {
    servers.close();
  }

  static Stream<Transport> transports() {
    return Arrays.stream(Transport.values());
  }

  private GitSettings settings(Transport.Remote remote, String cache) {
    return GitSettings.of(remote.url(), "main", dir.resolve(cache))
        .withAuth(remote.auth())
        .withEnvironment(remote.env())
        .withTimeout(Duration.ofSeconds(15));
  }

  private static String status(String cluster, String state, Instant at) {
    return "kind: lockstep_status\ncluster: "
        + cluster
        + "\nupdatedAt: '"
        + at
        + "'\nstate: "
        + state
        + "\n";
  }

  @ParameterizedTest
  @MethodSource("transports")
  void createsTheStatusBranchAndCommitsOnlyRealChanges(Transport transport) throws Exception {
    Transport.Remote remote = transport.start(servers, up, dir);
    GitSettings git = settings(remote, "cache");
    try (GitSource source = new GitSource(git)) {
      String revision = source.poll().revision().label();
      GitStatusWriter writer =
          new GitStatusWriter(source, git, StatusSettings.defaults(), COMPARABLE);

      StatusWrite first = writer.write("prod", status("prod", "ready", T0), revision, T0);
      assertThat(first.outcome()).isEqualTo(Outcome.COMMITTED);
      assertThat(up.remoteTip("lockstep/status")).isEqualTo(first.commit().get());
      assertThat(up.git(up.bare, "rev-list", "--count", "lockstep/status")).isEqualTo("1");
      assertThat(up.git(up.bare, "show", "lockstep/status:status/prod.yaml"))
          .contains("state: ready");
      assertThat(up.git(up.bare, "log", "-1", "--format=%an <%ae>|%s", "lockstep/status"))
          .isEqualTo("Lockstep <lockstep@localhost>|lockstep: status of prod at " + revision);
      assertThat(up.remoteTip("main")).as("the followed branch is untouched").isEqualTo(up.head());

      StatusWrite tick =
          writer.write(
              "prod", status("prod", "ready", T0.plusSeconds(60)), revision, T0.plusSeconds(60));
      assertThat(tick.outcome()).as("only the timestamp changed").isEqualTo(Outcome.UNCHANGED);
      assertThat(up.remoteTip("lockstep/status")).isEqualTo(first.commit().get());

      StatusWrite changed =
          writer.write(
              "prod",
              status("prod", "stalled", T0.plusSeconds(120)),
              revision,
              T0.plusSeconds(120));
      assertThat(changed.outcome()).isEqualTo(Outcome.COMMITTED);
      assertThat(up.git(up.bare, "rev-parse", "lockstep/status^")).isEqualTo(first.commit().get());
    }
  }

  @Test
  void twoWritersPushingAtOnceLoseNothingAndNeverForcePush() throws Exception {
    Transport.Remote remote = Transport.GIT_DAEMON.start(servers, up, dir);
    int perWriter = 6;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<List<StatusWrite>>> futures = new ArrayList<>();
    for (String cluster : List.of("east", "west")) {
      futures.add(
          pool.submit(
              () -> {
                GitSettings git = settings(remote, "cache-" + cluster);
                List<StatusWrite> writes = new ArrayList<>();
                try (GitSource source = new GitSource(git)) {
                  String revision = source.poll().revision().label();
                  GitStatusWriter writer =
                      new GitStatusWriter(
                          source,
                          git,
                          StatusSettings.defaults().withRetries(30, Duration.ofMillis(20)),
                          COMPARABLE);
                  for (int i = 0; i < perWriter; i++) {
                    writes.add(
                        writer.write(
                            cluster,
                            status(cluster, "step-" + i, T0),
                            revision,
                            T0.plusSeconds(i)));
                  }
                }
                return writes;
              }));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(240, TimeUnit.SECONDS)).isTrue();
    int attempts = 0;
    for (Future<List<StatusWrite>> f : futures) {
      for (StatusWrite w : f.get()) {
        assertThat(w.outcome()).isEqualTo(Outcome.COMMITTED);
        attempts += w.attempts();
      }
    }
    assertThat(up.git(up.bare, "rev-list", "--count", "lockstep/status"))
        .isEqualTo(String.valueOf(2 * perWriter));
    assertThat(up.git(up.bare, "show", "lockstep/status:status/east.yaml"))
        .contains("state: step-" + (perWriter - 1));
    assertThat(up.git(up.bare, "show", "lockstep/status:status/west.yaml"))
        .contains("state: step-" + (perWriter - 1));
    // every commit of each writer is still in the linear history: nothing was overwritten
    for (Future<List<StatusWrite>> f : futures) {
      for (StatusWrite w : f.get()) {
        up.git(up.bare, "merge-base", "--is-ancestor", w.commit().get(), "lockstep/status");
      }
    }
    assertThat(up.git(up.bare, "rev-list", "--merges", "--count", "lockstep/status"))
        .isEqualTo("0");
    System.out.println(
        "status writers: " + (2 * perWriter) + " commits took " + attempts + " push attempts");
  }

  @Test
  void aStatusCommitOnTheSourceBranchDoesNotTriggerAReconcile() throws Exception {
    Transport.Remote remote = Transport.GIT_DAEMON.start(servers, up, dir);
    GitSettings git = settings(remote, "cache");
    StatusSettings onSource = StatusSettings.onSourceBranch();
    try (GitSource source = new GitSource(git)) {
      PollResult first = source.poll();
      GitStatusWriter writer = new GitStatusWriter(source, git, onSource, COMPARABLE);
      StatusWrite w =
          writer.write("prod", status("prod", "ready", T0), first.revision().label(), T0);
      assertThat(w.outcome()).isEqualTo(Outcome.COMMITTED);
      assertThat(up.git(up.bare, "log", "-1", "--format=%s", "main")).endsWith("[skip ci]");
      assertThat(up.git(up.bare, "show", "main:.lockstep/status/prod.yaml"))
          .contains("state: ready");

      PollResult afterStatus = source.poll();
      assertThat(afterStatus.changed()).isTrue();
      assertThat(afterStatus.revision().commit()).isEqualTo(w.commit().get());
      assertThat(source.onlyStatusChanges(afterStatus.revision(), onSource))
          .as("own status commit is ignored")
          .isTrue();
      assertThat(source.tree(afterStatus.revision()).paths())
          .as("the parser never sees status files")
          .containsExactly("clusters/prod/autoupdate.yaml");

      up.git(up.work, "pull", "-q", "--ff-only", "origin", "main");
      up.commit(
          "clusters/prod/autoupdate.yaml", "kind: autoupdate_version\n# edited\n", "admin edit");
      PollResult afterEdit = source.poll();
      assertThat(source.onlyStatusChanges(afterEdit.revision(), onSource))
          .as("a real change reconciles")
          .isFalse();
    }
  }

  @Test
  void statusCommitsCanBeSshSignedAndVerify() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Cmd.run(
        keys,
        Map.of(),
        "ssh-keygen",
        "-q",
        "-t",
        "ed25519",
        "-N",
        "",
        "-C",
        "lockstep",
        "-f",
        keys.resolve("signer").toString());
    Path allowed = keys.resolve("allowed_signers");
    Files.writeString(
        allowed,
        "lockstep@localhost " + Files.readString(keys.resolve("signer.pub")).strip() + "\n");
    GitSettings git = GitSettings.of("file://" + up.bare, "main", dir.resolve("cache"));
    try (GitSource source = new GitSource(git)) {
      String revision = source.poll().revision().label();
      GitStatusWriter writer =
          new GitStatusWriter(
              source,
              git,
              StatusSettings.defaults().withSshSigningKey(keys.resolve("signer")),
              COMPARABLE);
      StatusWrite w = writer.write("prod", status("prod", "ready", T0), revision, T0);
      Verification v =
          new CommitVerifier(new TrustedKeys(Optional.empty(), Optional.of(allowed)))
              .verify(source.repository(), ObjectId.fromString(w.commit().get()));
      assertThat(v.verified()).as(v.message()).isTrue();
      assertThat(v.signer()).isEqualTo("lockstep@localhost");
      // and C git agrees
      up.git(up.bare, "config", "gpg.ssh.allowedSignersFile", allowed.toString());
      up.git(up.bare, "verify-commit", w.commit().get());
    }
  }

  @Test
  void offWritesNothing() throws Exception {
    GitSettings git = GitSettings.of("file://" + up.bare, "main", dir.resolve("cache"));
    StatusSettings d = StatusSettings.defaults();
    StatusSettings off =
        new StatusSettings(
            StatusSettings.Mode.OFF,
            d.branch(),
            d.pathTemplate(),
            d.authorName(),
            d.authorEmail(),
            d.messageTemplate(),
            Optional.empty(),
            1,
            Duration.ofMillis(1));
    try (GitSource source = new GitSource(git.withVerify(VerifyMode.NONE, TrustedKeys.NONE))) {
      StatusWrite w =
          new GitStatusWriter(source, git, off, COMPARABLE).write("prod", "x", "main@1", T0);
      assertThat(w.outcome()).isEqualTo(Outcome.DISABLED);
      assertThat(up.remoteTip("lockstep/status")).isEmpty();
    }
  }
}
