package dev.lockstep.halt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.source.BranchPublisher;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.Secret;
import dev.lockstep.source.it.Servers;
import dev.lockstep.source.it.Upstream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The halt through Git over a real {@code git daemon} on 127.0.0.1: the commit changes only the
 * mode scalar and carries its trailers; a second halt of the same rollout commits nothing; a
 * pre-receive hook that protects {@code main} turns the halt into a hold with a halt branch and a
 * pull request (WireMock as GitHub).
 */
public class GitHaltIT {
  static final Instant NOW = Instant.parse("2026-11-23T13:25:00Z");
  static final Instant START = Instant.parse("2026-11-23T09:55:00Z");
  static final String CONFIG_FILE = "clusters/prod/autoupdate_config.yaml";
  static final String CONFIG =
      """
      # prod's schedule: reviewed by the platform team
      kind: autoupdate_config
      version: v1
      metadata:
        name: autoupdate-config
      spec:
        agents:
          mode: enabled   # the one switch
          strategy: halt-on-error
          schedules:
            regular:
              - {name: dev, days: ["*"], start_hour: 10}
              - {name: prod, days: ["*"], start_hour: 12}
      """;

  @RegisterExtension
  final WireMockExtension github =
      WireMockExtension.newInstance()
          .options(options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @TempDir Path dir;
  Servers servers;
  Upstream up;
  String url;

  @BeforeEach
  void setUp() throws Exception {
    servers = new Servers();
    up = Upstream.create(dir.resolve("upstream"));
    write(
        "clusters/prod/cluster.yaml",
        "kind: lockstep_cluster\nmetadata:\n  name: prod\nspec:\n  auth_version: 17.3.0\n");
    write(CONFIG_FILE, CONFIG);
    write(
        "clusters/prod/autoupdate_version.yaml",
        "kind: autoupdate_version\nversion: v1\nspec:\n  agents:\n    start_version: 17.2.0\n"
            + "    target_version: 17.3.0\n    schedule: regular\n    mode: enabled\n");
    up.git(up.work, "add", "-A");
    up.git(up.work, "commit", "-qm", "fleet");
    up.git(up.work, "push", "-q", "origin", "HEAD:main");
    url = "git://127.0.0.1:" + servers.gitDaemon(up.root.resolve("repos")) + "/fleet.git";
  }

  void write(String path, String content) throws Exception {
    Path f = up.work.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
  }

  @AfterEach
  void tearDown() throws Exception {
    servers.close();
  }

  static HaltRequest halting(Instant start) {
    return new HaltRequest(
        "prod",
        "canary_timeout",
        "prod",
        "in canary for 75m (limit 1h); canaries 0/2 alive, waiting for prod-node-100, prod-node-43",
        "17.3.0",
        start,
        Instant.parse("2026-11-23T13:15:00Z"));
  }

  HaltOutcome halt(HaltRequest r, Optional<Forge> forge) throws Exception {
    try (GitSource source =
        new GitSource(
            GitSettings.of(url, "main", dir.resolve("cache"))
                .withTimeout(Duration.ofSeconds(15)))) {
      return new GitHalt(
              source, new BranchPublisher(source, "Lockstep", "lockstep@localhost"), "main", forge)
          .halt(r, NOW);
    }
  }

  @Test
  void theHaltCommitChangesOnlyTheModeScalarAndNamesCheckRolloutGroupAndEvidence()
      throws Exception {
    String before = up.head();

    HaltOutcome out = halt(halting(START), Optional.empty());

    assertThat(out.kind()).isEqualTo(HaltOutcome.Kind.COMMITTED);
    String tip = up.remoteTip("main");
    assertThat(out.commit()).contains(tip);
    assertThat(up.git(up.bare, "rev-parse", tip + "^")).isEqualTo(before);
    assertThat(up.git(up.bare, "diff", "--name-only", tip + "^", tip)).isEqualTo(CONFIG_FILE);
    assertThat(up.git(up.bare, "show", tip + ":" + CONFIG_FILE) + "\n")
        .isEqualTo(CONFIG.replace("mode: enabled   #", "mode: suspended   #"));
    String message = up.git(up.bare, "log", "-1", "--format=%B", tip);
    assertThat(message)
        .startsWith("lockstep: halt the rollout of prod to 17.3.0 (canary_timeout on group prod)")
        .contains("Lockstep-Halt: prod/17.3.0@2026-11-23T09:55:00Z")
        .contains("Lockstep-Check: canary_timeout")
        .contains("Lockstep-Group: prod")
        .contains("Lockstep-Rollout: target 17.3.0, started 2026-11-23T09:55:00Z")
        .contains("Lockstep-Evidence: in canary for 75m (limit 1h); canaries 0/2 alive");
    // git itself reads them as trailers
    assertThat(up.git(up.bare, "log", "-1", "--format=%(trailers:key=Lockstep-Check)", tip))
        .isEqualTo("Lockstep-Check: canary_timeout");
  }

  @Test
  void aRolloutIsHaltedAtMostOnce() throws Exception {
    assertThat(halt(halting(START), Optional.empty()).kind()).isEqualTo(HaltOutcome.Kind.COMMITTED);
    String first = up.remoteTip("main");
    // someone resumes by hand in Git; the same rollout fails again: no second halt
    up.git(up.work, "pull", "-q", "origin", "main");
    up.commit(CONFIG_FILE, CONFIG, "resume prod");
    String resumed = up.remoteTip("main");

    HaltOutcome again = halt(halting(START), Optional.empty());

    assertThat(again.kind()).isEqualTo(HaltOutcome.Kind.ALREADY_HALTED);
    assertThat(again.commit()).contains(first);
    assertThat(up.remoteTip("main")).isEqualTo(resumed);

    // a new rollout (another start) is halted again
    assertThat(halt(halting(START.plusSeconds(86_400)), Optional.empty()).kind())
        .isEqualTo(HaltOutcome.Kind.COMMITTED);
  }

  @Test
  void aRepositoryThatAlreadySuspendsGetsNoCommit() throws Exception {
    up.commit(CONFIG_FILE, CONFIG.replace("mode: enabled", "mode: suspended"), "suspend by hand");
    String tip = up.remoteTip("main");

    assertThat(halt(halting(START), Optional.empty()).kind())
        .isEqualTo(HaltOutcome.Kind.ALREADY_SUSPENDED);
    assertThat(up.remoteTip("main")).isEqualTo(tip);
  }

  @Test
  void aProtectedBranchTurnsTheHaltIntoAHoldWithAHaltPullRequest() throws Exception {
    Path hook = up.bare.resolve("hooks/pre-receive");
    Files.writeString(
        hook,
        "#!/bin/sh\n"
            + "while read old new ref; do\n"
            + "  case \"$ref\" in refs/heads/main) echo \"main is protected: open a pull request\" >&2; exit 1;; esac\n"
            + "done\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    String main = up.remoteTip("main");
    github.stubFor(
        request("POST", urlEqualTo("/repos/acme/fleet/pulls"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(pull(9, "lockstep/halt/prod/17.3.0-1795946100"))));
    // the client sets title and body after opening when they differ
    github.stubFor(
        request("PATCH", urlEqualTo("/repos/acme/fleet/pulls/9"))
            .willReturn(aResponse().withStatus(200).withBody("{}")));

    HaltOutcome out = halt(halting(START), Optional.of(forge()));

    assertThat(out.kind()).isEqualTo(HaltOutcome.Kind.HOLD);
    assertThat(out.pullRequest()).contains("https://github.example/acme/fleet/pull/9");
    assertThat(out.message())
        .startsWith("push to main refused: holding the suspend; halt proposed on")
        .doesNotContain("s3cr3t");
    assertThat(up.remoteTip("main")).isEqualTo(main);
    String branch = GitHalt.haltBranch(halting(START));
    assertThat(branch).isEqualTo("lockstep/halt/prod/17.3.0-" + START.getEpochSecond());
    String halted = up.remoteTip(branch);
    assertThat(out.commit()).contains(halted);
    assertThat(up.git(up.bare, "diff", "--name-only", main, halted)).isEqualTo(CONFIG_FILE);
    JsonNode opened = opened();
    assertThat(opened.path("head").asText()).isEqualTo(branch);
    assertThat(opened.path("base").asText()).isEqualTo("main");
    assertThat(opened.path("title").asText())
        .isEqualTo("lockstep: halt the rollout of prod to 17.3.0 (canary_timeout on group prod)");
    assertThat(opened.path("body").asText())
        .contains("the server refused the push to main of " + url + ": pre-receive hook declined")
        .contains("Lockstep-Evidence: in canary for 75m");
    assertThat(github.findAll(anyRequestedFor(anyUrl())))
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).contains("s3cr3t"));
  }

  @Test
  void resumeOpensThePullRequestThatEnablesTheModeQuotingTheHalt() throws Exception {
    assertThat(halt(halting(START), Optional.empty()).kind()).isEqualTo(HaltOutcome.Kind.COMMITTED);
    String halted = up.remoteTip("main");
    github.stubFor(
        request("POST", urlEqualTo("/repos/acme/fleet/pulls"))
            .willReturn(aResponse().withStatus(201).withBody(pull(10, "lockstep/resume/prod"))));
    github.stubFor(
        request("PATCH", urlEqualTo("/repos/acme/fleet/pulls/10"))
            .willReturn(aResponse().withStatus(200).withBody(pull(10, "lockstep/resume/prod"))));

    GitResume.Proposal pr;
    try (GitSource source =
        new GitSource(
            GitSettings.of(url, "main", dir.resolve("cache"))
                .withTimeout(Duration.ofSeconds(15)))) {
      pr =
          new GitResume(
                  source,
                  new BranchPublisher(source, "Lockstep", "lockstep@localhost"),
                  "main",
                  forge())
              .propose("prod", NOW);
    }

    assertThat(pr)
        .isEqualTo(new GitResume.Proposal.Opened("https://github.example/acme/fleet/pull/10"));
    assertThat(up.remoteTip("main")).isEqualTo(halted);
    String resume = up.remoteTip("lockstep/resume/prod");
    assertThat(up.git(up.bare, "show", resume + ":" + CONFIG_FILE) + "\n").isEqualTo(CONFIG);
    JsonNode opened = opened();
    assertThat(opened.path("title").asText()).isEqualTo("lockstep: resume the rollout of prod");
    assertThat(opened.path("body").asText())
        .contains("- **Lockstep-Check**: canary_timeout")
        .contains("- **Lockstep-Rollout**: target 17.3.0, started 2026-11-23T09:55:00Z")
        .contains("- **Lockstep-Evidence**: in canary for 75m (limit 1h); canaries 0/2 alive");
  }

  /** The body of the request that opened the pull request. */
  JsonNode opened() throws Exception {
    return new ObjectMapper()
        .readTree(
            github
                .findAll(
                    com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlEqualTo("/repos/acme/fleet/pulls")))
                .get(0)
                .getBodyAsString());
  }

  /** A pull request as GitHub answers it. */
  public static String pull(int number, String head) throws Exception {
    return new ObjectMapper()
        .writeValueAsString(
            Map.of(
                "number",
                number,
                "head",
                Map.of("ref", head),
                "base",
                Map.of("ref", "main"),
                "title",
                "t",
                "body",
                "b",
                "html_url",
                "https://github.example/acme/fleet/pull/" + number));
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
        Clock.fixed(NOW, ZoneOffset.UTC),
        d -> {});
  }
}
