package dev.lockstep.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lockstep.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance tests of {@code lockstep bump}: exit codes, golden output, the working-tree edit,
 * GitHub's feed and Teleport's version server played by WireMock, and promotion from a status
 * branch.
 */
class BumpCommandTest {
  static final String DIR = "src/test/resources/cli/bump/";
  static final String REPO = DIR + "repo";
  static final String RELEASES = DIR + "releases.json";
  static final String NOW = "2026-12-01T12:00:00Z";
  static final Path WORK = Path.of("target", "bump-cli");

  @RegisterExtension
  final WireMockExtension http =
      WireMockExtension.newInstance()
          .options(options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  static ValidateCommandTest.Run run(String... args) {
    return ValidateCommandTest.run(args);
  }

  static String[] bump(String... more) {
    return bumpAt(Path.of(REPO), more);
  }

  /** {@code bump REPO --releases RELEASES --now NOW} and more. */
  static String[] bumpAt(Path repo, String... more) {
    List<String> a =
        new ArrayList<>(List.of("bump", repo.toString(), "--releases", RELEASES, "--now", NOW));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  /** A copy of the fixture repository under target/, named by the test, relative to the cwd. */
  static Path copy(String name) throws IOException {
    Path to = WORK.resolve(name);
    if (Files.exists(to)) {
      try (Stream<Path> s = Files.walk(to)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Path from = Path.of(REPO);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  static void replace(Path file, String from, String to) throws IOException {
    String s = Files.readString(file);
    assertThat(s).contains(from);
    Files.writeString(file, s.replace(from, to));
  }

  @BeforeEach
  void clean() throws IOException {
    Files.createDirectories(WORK);
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
        arguments(named("both clusters, text", "text"), bump(), 1),
        arguments(named("both clusters, json", "json"), bump("--format", "json"), 1),
        arguments(
            named("one cluster, markdown", "markdown-staging"),
            bump("--cluster", "staging", "--format", "markdown"),
            1),
        arguments(
            named("nothing soaked yet a day earlier", "nothing-yet"),
            new String[] {
              "bump",
              REPO,
              "--releases",
              RELEASES,
              "--now",
              "2026-11-21T00:00:00Z",
              "--cluster",
              "prod"
            },
            0),
        arguments(
            named("--auth-version below every candidate", "under-old-auth"),
            bump("--auth-version", "17.2.1"),
            0));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void scenario(String golden, String[] args, int code) {
    ValidateCommandTest.Run r = run(args);
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    Golden.assertMatches(BumpCommandTest.class, golden, r.out());
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        arguments(
            named("an unknown format", bump("--format", "yaml")),
            "--format: unknown format \"yaml\""),
        arguments(
            named("--write with a delivery", bump("--write", "--deliver", "pr")),
            "--write edits the working tree; it excludes --deliver pr"),
        arguments(
            named("--live with --auth-version", bump("--live", "--auth-version", "17.4.2")),
            "--live and --auth-version exclude each other"),
        arguments(named("an unknown cluster", bump("--cluster", "qa")), "no cluster qa in"),
        arguments(
            named(
                "a releases file that is missing",
                new String[] {"bump", REPO, "--releases", DIR + "missing.json", "--now", NOW}),
            "--releases: cannot read src/test/resources/cli/bump/missing.json"),
        arguments(
            named("an unknown delivery", bump("--deliver", "email")),
            "--deliver: unknown mode \"email\""),
        arguments(
            named(
                "pr delivery without a platform",
                bump("--deliver", "pr", "--git-url", "file:///nowhere")),
            "--deliver pr needs --platform"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void usageAndInputErrorsExit2(String[] args, String message) {
    ValidateCommandTest.Run r = run(args);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  @Test
  void aRepositoryWithErrorsIsNotBumped() throws IOException {
    Path repo = copy("invalid");
    replace(repo.resolve("clusters/prod/autoupdate_version.yaml"), "mode: enabled", "mode: paused");

    ValidateCommandTest.Run r = run(bumpAt(repo));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("error [teleport/agents-mode]");
    assertThat(r.err()).contains("the repository has errors; fix them before bumping");
  }

  @Test
  void withoutAControlPlaneVersionItCannotRunAndSaysWhy() throws IOException {
    Path repo = copy("no-ceiling");
    replace(repo.resolve("clusters/prod/cluster.yaml"), "  auth_version: 17.4.2\n", "");

    ValidateCommandTest.Run r = run(bumpAt(repo, "--cluster", "prod"));

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err())
        .contains(
            "lockstep bump: prod: no control-plane version is known: pass --live (the Proxy's"
                + " server_version) or --auth-version V, or set spec.auth_version in"
                + " cluster.yaml; Lockstep never guesses the ceiling");
  }

  @Test
  void writeEditsTheWorkingTreeByteForByteAndASecondRunHasNothingToDo() throws IOException {
    Path repo = copy("write");
    byte[] config = Files.readAllBytes(repo.resolve("clusters/prod/autoupdate_config.yaml"));

    ValidateCommandTest.Run first = run(bumpAt(repo, "--write"));

    assertThat(first.code()).as(first.err()).isEqualTo(1);
    assertThat(Files.readString(repo.resolve("clusters/prod/autoupdate_version.yaml")))
        .isEqualTo(
            Files.readString(Path.of(REPO, "clusters/prod/autoupdate_version.yaml"))
                .replace("\"17.2.1\"", "\"17.3.1\"")
                .replace("start_version: 17.2.0", "start_version: 17.2.1")
                .replace("target_version: 17.2.1", "target_version: 17.3.1"));
    assertThat(Files.readString(repo.resolve("channels/stable/rolling/version")))
        .isEqualTo("v17.3.1\n");
    assertThat(Files.readAllBytes(repo.resolve("clusters/prod/autoupdate_config.yaml")))
        .isEqualTo(config);
    assertThat(first.out()).contains("delivered: write updated");

    ValidateCommandTest.Run second = run(bumpAt(repo, "--write"));
    assertThat(second.code()).as(second.out()).isEqualTo(0);
    assertThat(second.out())
        .contains("prod: nothing (no newer release is allowed (see the candidates))")
        .contains("candidate 18.0.0: above-ceiling");
  }

  @Test
  void anEditThatAPolicyRefusesIsNeverProposed() throws IOException {
    Path repo = copy("refused");
    Files.createDirectories(repo.resolve("policies"));
    Files.writeString(
        repo.resolve("policies/pin.yaml"),
        "kind: lockstep_policy\n"
            + "metadata:\n  name: pin\n"
            + "spec:\n  rules:\n"
            + "    - name: no-17-3-1\n"
            + "      match: {kinds: [autoupdate_version]}\n"
            + "      field: spec.agents.target_version\n"
            + "      expression: self != '17.3.1'\n"
            + "      message: 17.3.1 is not allowed here\n");

    ValidateCommandTest.Run r = run(bumpAt(repo, "--format", "json"));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out())
        .contains("\"outcome\" : \"refused\"")
        .contains("\"proposed\" : null")
        .contains("error [policy/pin/no-17-3-1] 17.3.1 is not allowed here");
    assertThat(Files.readString(repo.resolve("clusters/prod/autoupdate_version.yaml")))
        .contains("target_version: 17.2.1");
  }

  @Test
  void readsGithubsFeedAndExits3WhenItsRateLimitIsExhausted() throws IOException {
    String body = Files.readString(Path.of(RELEASES));
    http.stubFor(
        get(urlEqualTo("/repos/gravitational/teleport/releases?per_page=100"))
            .willReturn(aResponse().withHeader("ETag", "\"a\"").withBody(body)));

    ValidateCommandTest.Run ok =
        run(
            "bump",
            REPO,
            "--now",
            NOW,
            "--cluster",
            "prod",
            "--github-api",
            http.baseUrl(),
            "--format",
            "json");
    assertThat(ok.code()).as(ok.err()).isEqualTo(1);
    assertThat(ok.out()).contains("\"proposed\" : \"17.3.1\"");

    http.resetAll();
    long reset = Instant.now().plusSeconds(3600).getEpochSecond();
    http.stubFor(
        get(urlEqualTo("/repos/gravitational/teleport/releases?per_page=100"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("x-ratelimit-remaining", "0")
                    .withHeader("x-ratelimit-reset", Long.toString(reset))));
    ValidateCommandTest.Run limited =
        run("bump", REPO, "--now", NOW, "--github-api", http.baseUrl());
    assertThat(limited.code()).isEqualTo(3);
    assertThat(limited.err())
        .contains("lockstep bump: cannot read the releases: GitHub API: GET")
        .contains("the rate limit is exhausted until");
  }

  @Test
  void followCloudStableCapsAtTheVersionServersAnswer() throws IOException {
    Path repo = copy("cloud-stable");
    replace(
        repo.resolve("clusters/prod/cluster.yaml"),
        "  bump:\n",
        "  bump:\n    follow: cloud-stable\n");
    http.stubFor(
        get(urlEqualTo("/v1/stable/cloud/v17/version"))
            .willReturn(aResponse().withBody("v17.2.3\n")));

    ValidateCommandTest.Run r =
        run(
            bumpAt(
                repo, "--cluster", "prod", "--version-server", http.baseUrl(), "--format", "json"));

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("\"proposed\" : \"17.2.3\"")
        .contains("above Teleport Cloud's stable 17.2.3 for v17");

    // a version server that answers no channel at all caps everything: nothing is proposed
    http.resetAll();
    ValidateCommandTest.Run none =
        run(bumpAt(repo, "--cluster", "prod", "--version-server", http.baseUrl()));
    assertThat(none.code()).isEqualTo(0);
    assertThat(none.out()).contains("Teleport Cloud publishes no stable version for v17");

    // nothing listens on port 1 of the loopback address
    ValidateCommandTest.Run down =
        run(bumpAt(repo, "--cluster", "prod", "--version-server", "http://127.0.0.1:1"));
    assertThat(down.code()).as(down.out() + down.err()).isEqualTo(3);
    assertThat(down.err()).contains("follow: cloud-stable: cannot read http://");
  }

  @Test
  void promotesWhatStagingFinishedAccordingToTheStatusBranch() throws Exception {
    Path repo = copy("promote");
    replace(
        repo.resolve("clusters/prod/cluster.yaml"),
        "  bump:\n",
        "  bump:\n    promote_from: staging\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      PersonIdent me = new PersonIdent("t", "t@example.com");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("fleet").setAuthor(me).setCommitter(me).call();
      git.checkout().setOrphan(true).setName("lockstep/status").call();
      git.rm().addFilepattern(".").call();
      Files.createDirectories(repo.resolve("status"));
      for (String[] s :
          new String[][] {{"2026-11-27T08:00:00Z", "active"}, {"2026-11-28T08:00:00Z", "done"}}) {
        Files.writeString(
            repo.resolve("status/staging.yaml"),
            "kind: lockstep_status\nversion: v1\ncluster: staging\nupdatedAt: "
                + s[0]
                + "\nconditions: []\nrollout:\n  state: "
                + s[1]
                + "\n  startVersion: 17.2.1\n  targetVersion: 17.3.0\n  groups: []\n");
        git.add().addFilepattern("status/staging.yaml").call();
        git.commit().setMessage("status").setAuthor(me).setCommitter(me).call();
      }
      git.checkout().setName("main").call();
    }

    ValidateCommandTest.Run r = run(bumpAt(repo, "--cluster", "prod", "--format", "json"));

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("\"proposed\" : \"17.3.0\"")
        .contains("\"done_since\" : \"2026-11-28T08:00:00Z\"")
        .contains("eligible, but staging has not finished a rollout to it");
    assertThat(
            new String(
                Files.readAllBytes(repo.resolve("clusters/prod/autoupdate_version.yaml")),
                StandardCharsets.UTF_8))
        .contains("target_version: 17.2.1");
  }
}
