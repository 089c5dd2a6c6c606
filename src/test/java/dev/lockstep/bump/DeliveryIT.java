package dev.lockstep.bump;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.lockstep.bump.Inputs.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lockstep.finding.Findings;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.model.DesiredState;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.source.BranchPublisher;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitTree;
import dev.lockstep.source.PollResult;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.it.Servers;
import dev.lockstep.source.it.Upstream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Branch and pull-request delivery over a real {@code git daemon} on 127.0.0.1 (pushes through the
 * source's own transports), with WireMock playing GitHub: the branch is created, left alone when
 * nothing changed, rebuilt when the base moved, refused by a pre-receive hook with the server's
 * message; a second run against unchanged inputs makes no write request; a newer pick supersedes
 * and closes the older pull request.
 */
class DeliveryIT {
  static final String PULLS = "/repos/acme/fleet/pulls";

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
    var files = Repos.twoClusters();
    for (String p : files.paths()) {
      Path f = up.work.resolve(p);
      Files.createDirectories(f.getParent());
      Files.write(f, files.read(p));
    }
    up.git(up.work, "add", "-A");
    up.git(up.work, "commit", "-qm", "fleet");
    up.git(up.work, "push", "-q", "origin", "HEAD:main");
    int port = servers.gitDaemon(up.root.resolve("repos"));
    url = "git://127.0.0.1:" + port + "/fleet.git";
  }

  @AfterEach
  void tearDown() throws Exception {
    servers.close();
  }

  /** One run: fetch main, propose for prod, deliver. */
  record Run(ClusterBump bump, ProposalDelivery delivery) {}

  Run run(Release... releases) throws Exception {
    GitSource source =
        new GitSource(
            GitSettings.of(url, "main", dir.resolve("cache")).withTimeout(Duration.ofSeconds(15)));
    PollResult polled = source.poll();
    GitTree tree = source.tree(polled.revision());
    DesiredState state = new RepositoryParser().parse(tree).state();
    Bump.Request request =
        new Bump.Request(
            tree,
            "",
            state,
            List.of("prod"),
            List.of(releases),
            Map.of("prod", new Ceiling(Inputs.v("17.4.2"), Ceiling.Source.FLAG, "")),
            Map.of(),
            Map.of(),
            Inputs.NOW);
    BumpReport report = Bump.propose(request, new BumpTest.RecordingCheck(Findings.NONE));
    return new Run(
        report.clusters().get(0),
        new ProposalDelivery(
            new BranchPublisher(source, "Lockstep", "lockstep@localhost"),
            "main",
            polled.revision().commit(),
            Inputs.NOW));
  }

  @Test
  void theBranchIsCreatedThenLeftAloneThenRebuiltWhenMainMoves() throws Exception {
    Run first = run(release("17.3.0", 8));
    Delivered created = first.delivery().branch(first.bump());

    String branch = "lockstep/bump/prod/17.3.0";
    assertThat(created.action()).isEqualTo("created");
    assertThat(created.branch()).contains(branch);
    String tip = up.remoteTip(branch);
    assertThat(created.commit()).contains(tip);
    assertThat(up.git(up.bare, "rev-parse", tip + "^")).isEqualTo(up.head());
    assertThat(up.git(up.bare, "show", tip + ":clusters/prod/autoupdate_version.yaml"))
        .isEqualTo(Repos.version("17.2.1", "17.3.0").strip());
    assertThat(up.git(up.bare, "diff", "--name-only", tip + "^", tip))
        .isEqualTo("clusters/prod/autoupdate_version.yaml");
    assertThat(up.git(up.bare, "log", "-1", "--format=%an <%ae>%n%B", tip))
        .startsWith("Lockstep <lockstep@localhost>\nlockstep: Bump prod to Teleport 17.3.0");

    Run again = run(release("17.3.0", 8));
    assertThat(again.delivery().branch(again.bump()).action()).isEqualTo("unchanged");
    assertThat(up.remoteTip(branch)).isEqualTo(tip);

    String moved = up.commit("README.md", "# fleet\n", "docs");
    Run rebased = run(release("17.3.0", 8));
    Delivered updated = rebased.delivery().branch(rebased.bump());
    assertThat(updated.action()).isEqualTo("updated");
    assertThat(up.git(up.bare, "rev-parse", up.remoteTip(branch) + "^")).isEqualTo(moved);
  }

  @Test
  void aPushRefusedByAPreReceiveHookSaysWhyAndChangesNothing() throws Exception {
    Path hook = up.bare.resolve("hooks/pre-receive");
    Files.writeString(
        hook,
        "#!/bin/sh\n"
            + "while read old new ref; do\n"
            + "  case \"$ref\" in refs/heads/lockstep/*) echo \"bump branches are protected by policy\" >&2; exit 1;; esac\n"
            + "done\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    Run run = run(release("17.3.0", 8));

    assertThatThrownBy(() -> run.delivery().branch(run.bump()))
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(SourceException.Reason.PUSH_REJECTED);
              assertThat(e.getMessage())
                  .startsWith(
                      "the server refused the push of branch lockstep/bump/prod/17.3.0 to " + url)
                  .contains("a protected branch or a pre-receive hook?");
            });
    assertThat(up.remoteTip("lockstep/bump/prod/17.3.0")).isEmpty();
  }

  Forge forge() {
    return Forge.of(
        ForgeSettings.of(
            Platform.GITHUB,
            URI.create(github.baseUrl()),
            "acme/fleet",
            Optional.of(dev.lockstep.source.Secret.env("GH")),
            Map.of("GH", "t0ken-abcdef")),
        Clock.fixed(Inputs.NOW, ZoneOffset.UTC),
        d -> {});
  }

  static String pr(long n, String head, String title, String body) throws Exception {
    Map<String, Object> m =
        Map.of(
            "number",
            n,
            "head",
            Map.of("ref", head, "sha", "", "repo", Map.of("full_name", "acme/fleet")),
            "base",
            Map.of("ref", "main"),
            "title",
            title,
            "body",
            body,
            "html_url",
            "https://github.example/acme/fleet/pull/" + n);
    return new ObjectMapper().writeValueAsString(m);
  }

  /** The open pull requests GitHub lists. */
  void stubOpen(String list, String... pullRequests) {
    github.stubFor(
        request("GET", urlEqualTo(list))
            .willReturn(okJson("[" + String.join(",", pullRequests) + "]")));
  }

  List<String> writes() {
    return github.findAll(anyRequestedFor(anyUrl())).stream()
        .filter(r -> !r.getMethod().getName().equals("GET"))
        .map(r -> r.getMethod() + " " + r.getUrl())
        .toList();
  }

  @Test
  void oneRequestPerChangeNoneWhenNothingChangedAndANewerPickClosesTheOlderPullRequest()
      throws Exception {
    String list = PULLS + "?state=open&per_page=100";
    stubOpen(list);
    Run first = run(release("17.3.0", 8));
    String body = PullRequestText.body(first.bump());
    github.stubFor(
        request("POST", urlEqualTo(PULLS))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(
                        pr(7, "lockstep/bump/prod/17.3.0", "Bump prod to Teleport 17.3.0", body))));

    Delivered created = first.delivery().pullRequest(first.bump(), forge());

    assertThat(created.action()).isEqualTo("created");
    assertThat(created.pullRequest()).contains("https://github.example/acme/fleet/pull/7");
    assertThat(writes()).containsExactly("POST " + PULLS);

    github.resetAll();
    stubOpen(list, pr(7, "lockstep/bump/prod/17.3.0", "Bump prod to Teleport 17.3.0", body));
    Run second = run(release("17.3.0", 8));
    Delivered unchanged = second.delivery().pullRequest(second.bump(), forge());

    assertThat(unchanged.action()).isEqualTo("unchanged");
    assertThat(writes()).as("a second run against unchanged inputs writes nothing").isEmpty();

    github.resetAll();
    stubOpen(list, pr(7, "lockstep/bump/prod/17.3.0", "Bump prod to Teleport 17.3.0", body));
    Run newer = run(release("17.3.1", 9), release("17.3.0", 9));
    String newerBody = PullRequestText.body(newer.bump());
    github.stubFor(
        request("POST", urlEqualTo(PULLS))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(
                        pr(
                            9,
                            "lockstep/bump/prod/17.3.1",
                            "Bump prod to Teleport 17.3.1",
                            newerBody))));
    github.stubFor(
        request("POST", urlEqualTo("/repos/acme/fleet/issues/7/comments"))
            .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
    github.stubFor(
        request("PATCH", urlEqualTo(PULLS + "/7"))
            .willReturn(okJson(pr(7, "lockstep/bump/prod/17.3.0", "t", body))));
    Delivered superseding = newer.delivery().pullRequest(newer.bump(), forge());

    assertThat(superseding.action()).isEqualTo("created");
    assertThat(superseding.closed()).containsExactly("https://github.example/acme/fleet/pull/7");
    assertThat(writes())
        .containsExactly(
            "POST " + PULLS, "POST /repos/acme/fleet/issues/7/comments", "PATCH " + PULLS + "/7");
    assertThat(
            github
                .findAll(
                    com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlEqualTo("/repos/acme/fleet/issues/7/comments")))
                .get(0)
                .getBodyAsString())
        .isEqualTo(
            "{\"body\":\"Superseded by #9 (Bump prod to Teleport 17.3.1):"
                + " https://github.example/acme/fleet/pull/9\"}");
    assertThat(up.remoteTip("lockstep/bump/prod/17.3.1")).isNotEmpty();
  }
}
