package dev.lockstep.source.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitTree;
import dev.lockstep.source.PollResult;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.SourceException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fetching and polling over every transport, against real servers on loopback. */
class GitSourceIT {
  @TempDir Path dir;
  Servers servers;
  Upstream up;

  @BeforeEach
  void setUp() throws Exception {
    servers = new Servers();
    up = Upstream.create(dir.resolve("upstream"));
  }

  @AfterEach
  void tearDown() throws Exception {
    servers.close();
  }

  static Stream<Transport> transports() {
    return Arrays.stream(Transport.values());
  }

  private GitSettings settings(Transport.Remote remote) {
    return GitSettings.of(remote.url(), "main", dir.resolve("cache"))
        .withAuth(remote.auth())
        .withEnvironment(remote.env())
        .withTimeout(Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @MethodSource("transports")
  void clonesPollsAndFollowsNewCommits(Transport transport) throws Exception {
    String first =
        up.commit("clusters/prod/autoupdate.yaml", "kind: autoupdate_version\n", "first");
    Transport.Remote remote = transport.start(servers, up, dir);
    try (GitSource source = new GitSource(settings(remote))) {
      PollResult cloned = source.poll();
      assertThat(cloned.changed()).isTrue();
      assertThat(cloned.revision().commit()).isEqualTo(first);
      assertThat(cloned.revision().ref()).isEqualTo("refs/heads/main");
      GitTree tree = source.tree(cloned.revision());
      assertThat(tree.paths()).containsExactly("clusters/prod/autoupdate.yaml");
      assertThat(new String(tree.read("clusters/prod/autoupdate.yaml"), StandardCharsets.UTF_8))
          .isEqualTo("kind: autoupdate_version\n");
      assertThat(tree.revision()).isEqualTo("main@" + first.substring(0, 8));

      PollResult again = source.poll();
      assertThat(again.changed()).isFalse();
      assertThat(again.revision().commit()).isEqualTo(first);

      String second = up.commit("clusters/prod/cluster.yaml", "kind: lockstep_cluster\n", "second");
      PollResult moved = source.poll();
      assertThat(moved.changed()).isTrue();
      assertThat(moved.revision().commit()).isEqualTo(second);
      assertThat(moved.revision().previous()).contains(first);
      assertThat(moved.revision().rewritten()).isFalse();
      assertThat(source.tree(moved.revision()).paths())
          .containsExactly("clusters/prod/autoupdate.yaml", "clusters/prod/cluster.yaml");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void followsAForcePushedBranchAndSaysItWasRewritten(Transport transport) throws Exception {
    up.commit("a.yaml", "a: 1\n", "first");
    String second = up.commit("a.yaml", "a: 2\n", "second");
    Transport.Remote remote = transport.start(servers, up, dir);
    try (GitSource source = new GitSource(settings(remote))) {
      assertThat(source.poll().revision().commit()).isEqualTo(second);
      String rewritten = up.rewrite("a.yaml", "a: 3\n", "replaces second");
      PollResult r = source.poll();
      assertThat(r.changed()).isTrue();
      assertThat(r.revision().commit()).isEqualTo(rewritten);
      assertThat(r.revision().rewritten()).isTrue();
      assertThat(new String(source.tree(r.revision()).read("a.yaml"), StandardCharsets.UTF_8))
          .isEqualTo("a: 3\n");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void aDeletedBranchIsOneClearError(Transport transport) throws Exception {
    up.commit("a.yaml", "a: 1\n", "first");
    up.git(up.work, "push", "-q", "origin", "HEAD:refs/heads/fleet");
    Transport.Remote remote = transport.start(servers, up, dir);
    try (GitSource source = new GitSource(settings(remote).withRef("fleet"))) {
      source.poll();
      up.git(up.work, "push", "-q", "origin", ":refs/heads/fleet");
      assertThatThrownBy(source::poll)
          .isInstanceOfSatisfying(
              SourceException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.REF_NOT_FOUND);
                assertThat(e.getMessage())
                    .contains("fleet")
                    .contains(GitSettings.of(remote.url(), "x", dir).displayUrl());
                assertThat(e.getMessage()).doesNotContain(Transport.TOKEN);
              });
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void followsATagAndAPinnedCommit(Transport transport) throws Exception {
    String tagged = up.commit("a.yaml", "a: 1\n", "first");
    up.git(up.work, "tag", "-a", "-m", "release", "v1");
    up.git(up.work, "push", "-q", "origin", "v1");
    up.commit("a.yaml", "a: 2\n", "second");
    Transport.Remote remote = transport.start(servers, up, dir);
    try (GitSource source = new GitSource(settings(remote).withRef("v1"))) {
      PollResult r = source.poll();
      assertThat(r.revision().commit()).isEqualTo(tagged);
      assertThat(r.revision().label()).isEqualTo("v1@" + tagged.substring(0, 8));
    }
    try (GitSource source = new GitSource(settings(remote).withRef(tagged))) {
      assertThat(source.poll().revision().commit()).isEqualTo(tagged);
      assertThat(source.poll().changed()).isFalse();
    }
  }
}
