package dev.lockstep.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lockstep.halt.GitHalt;
import dev.lockstep.halt.GitHaltIT;
import dev.lockstep.halt.HaltOutcome;
import dev.lockstep.halt.HaltRequest;
import dev.lockstep.source.BranchPublisher;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.it.Servers;
import dev.lockstep.source.it.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep resume} end to end: the fleet served by a real {@code git daemon} on 127.0.0.1,
 * halted by a halt commit, and WireMock as GitHub.
 */
class ResumeCommandIT {
  static final String TOKEN = "ghp_0123456789resume";
  static final String CONFIG_FILE = "clusters/prod/autoupdate_config.yaml";
  static final Instant NOW = Instant.parse("2026-11-23T13:25:00Z");

  @RegisterExtension
  final WireMockExtension github =
      WireMockExtension.newInstance()
          .options(options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @TempDir Path dir;
  Servers servers;
  Upstream up;
  String url;
  Path tokenFile;

  @BeforeEach
  void setUp() throws Exception {
    servers = new Servers();
    up = Upstream.create(dir.resolve("upstream"));
    up.pushFolder(Path.of(BumpCommandTest.REPO), "fleet");
    url = "git://127.0.0.1:" + servers.gitDaemon(up.root.resolve("repos")) + "/fleet.git";
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    servers.close();
  }

  void halt() throws Exception {
    HaltRequest r =
        new HaltRequest(
            "prod",
            "canary_timeout",
            "prod",
            "in canary for 75m (limit 1h); canaries 0/2 alive, waiting for prod-node-43",
            "17.3.0",
            Instant.parse("2026-11-23T09:55:00Z"),
            Instant.parse("2026-11-23T13:15:00Z"));
    try (GitSource source =
        new GitSource(
            GitSettings.of(url, "main", dir.resolve("halt-cache"))
                .withTimeout(Duration.ofSeconds(15)))) {
      HaltOutcome out =
          new GitHalt(
                  source,
                  new BranchPublisher(source, "Lockstep", "lockstep@localhost"),
                  "main",
                  Optional.empty())
              .halt(r, NOW);
      assertThat(out.kind()).isEqualTo(HaltOutcome.Kind.COMMITTED);
    }
  }

  String[] resume(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "resume",
                up.work.toString(),
                "--cluster",
                "prod",
                "--git-url",
                url,
                "--platform",
                "github",
                "--api-url",
                github.baseUrl(),
                "--repository",
                "acme/fleet",
                "--token-file",
                tokenFile.toString(),
                "--now",
                NOW.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void aHaltedClusterGetsThePullRequestThatEnablesItQuotingTheHalt() throws Exception {
    halt();
    String halted = up.remoteTip("main");
    github.stubFor(
        request("POST", urlEqualTo("/repos/acme/fleet/pulls"))
            .willReturn(
                aResponse().withStatus(201).withBody(GitHaltIT.pull(12, "lockstep/resume/prod"))));
    github.stubFor(
        request("PATCH", urlEqualTo("/repos/acme/fleet/pulls/12"))
            .willReturn(
                aResponse().withStatus(200).withBody(GitHaltIT.pull(12, "lockstep/resume/prod"))));

    ValidateCommandTest.Run r = BumpCommandTest.run(resume());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("https://github.example/acme/fleet/pull/12");
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    assertThat(up.remoteTip("main")).as("the followed branch is never written").isEqualTo(halted);
    String branch = up.remoteTip("lockstep/resume/prod");
    assertThat(up.git(up.bare, "show", branch + ":" + CONFIG_FILE)).contains("mode: enabled");
    var posted = github.findAll(postRequestedFor(urlEqualTo("/repos/acme/fleet/pulls")));
    assertThat(posted).hasSize(1);
    assertThat(posted.get(0).getHeader("Authorization")).contains(TOKEN);
    JsonNode body = new ObjectMapper().readTree(posted.get(0).getBodyAsString());
    assertThat(body.path("head").asText()).isEqualTo("lockstep/resume/prod");
    assertThat(body.path("base").asText()).isEqualTo("main");
    assertThat(body.path("body").asText())
        .contains("- **Lockstep-Check**: canary_timeout")
        .contains("- **Lockstep-Group**: prod")
        .contains("- **Lockstep-Evidence**: in canary for 75m (limit 1h); canaries 0/2 alive");
  }

  @Test
  void aClusterThatIsNotHaltedIsSaidInWordsWithExit1() throws Exception {
    ValidateCommandTest.Run r = BumpCommandTest.run(resume());

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("prod is not halted").contains("nothing to resume");
    assertThat(github.getAllServeEvents()).isEmpty();
    assertThat(up.git(up.bare, "branch", "--list", "lockstep/resume/*")).isBlank();
  }

  @Test
  void aDisabledClusterIsNotHaltedAndResumeNeverProposesToEnableIt() throws Exception {
    String config = Files.readString(up.work.resolve(CONFIG_FILE));
    assertThat(config).contains("mode: enabled");
    up.commit(CONFIG_FILE, config.replace("mode: enabled", "mode: disabled"), "updates off");

    ValidateCommandTest.Run r = BumpCommandTest.run(resume());

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("prod is not halted")
        .contains("spec.agents.mode to disabled")
        .contains("change the mode to enabled in a reviewed pull request");
    assertThat(github.getAllServeEvents()).isEmpty();
    assertThat(up.git(up.bare, "branch", "--list", "lockstep/resume/*")).isBlank();
  }

  @Test
  void anUnknownClusterIsAnInputErrorWithExit2() {
    List<String> args = new ArrayList<>(List.of(resume()));
    args.set(args.indexOf("prod"), "nowhere");

    ValidateCommandTest.Run r = BumpCommandTest.run(args.toArray(String[]::new));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("the repository has no cluster nowhere");
  }

  @Test
  void anUnreachableRepositoryCannotRunWithExit3() {
    List<String> args = new ArrayList<>(List.of(resume()));
    args.set(args.indexOf(url), "git://127.0.0.1:1/fleet.git");

    ValidateCommandTest.Run r = BumpCommandTest.run(args.toArray(String[]::new));

    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).startsWith("lockstep resume: ").doesNotContain("Exception");
  }

  @Test
  void withoutAPlatformItIsAUsageError() {
    List<String> args = new ArrayList<>(List.of(resume()));
    int i = args.indexOf("--platform");
    args.remove(i);
    args.remove(i);

    ValidateCommandTest.Run r = BumpCommandTest.run(args.toArray(String[]::new));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--platform github, gitlab or gitea");
  }
}
