package dev.lockstep.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lockstep.source.it.Servers;
import dev.lockstep.source.it.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep bump --deliver branch|pr} end to end: the fixture repository served by a real
 * {@code git daemon} on 127.0.0.1, WireMock as GitLab, the token read from a file.
 */
class BumpCommandIT {
  static final String MRS = "/api/v4/projects/acme%2Ffleet/merge_requests";
  static final String TOKEN = "glpat-0123456789";

  /** Answers a merge-request creation as GitLab does: the request's fields, with an iid. */
  static final class CreatedMergeRequest
      implements com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2 {
    @Override
    public com.github.tomakehurst.wiremock.http.ResponseDefinition transform(
        com.github.tomakehurst.wiremock.stubbing.ServeEvent event) {
      try {
        ObjectMapper json = new ObjectMapper();
        JsonNode in = json.readTree(event.getRequest().getBodyAsString());
        var mr = json.createObjectNode();
        mr.put("iid", 3);
        mr.put("source_branch", in.path("source_branch").asText());
        mr.put("target_branch", in.path("target_branch").asText());
        mr.put("title", in.path("title").asText());
        mr.put("description", in.path("description").asText());
        mr.put("web_url", "https://gitlab.example/acme/fleet/-/merge_requests/3");
        mr.put("source_project_id", 1);
        mr.put("target_project_id", 1);
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
            .withStatus(201)
            .withBody(json.writeValueAsString(mr))
            .build();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return "created-merge-request";
    }
  }

  @RegisterExtension
  final WireMockExtension gitlab =
      WireMockExtension.newInstance()
          .options(
              options()
                  .bindAddress("127.0.0.1")
                  .dynamicPort()
                  .extensions(new CreatedMergeRequest()))
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
    Path from = Path.of(BumpCommandTest.REPO);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path to = up.work.resolve(from.relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to);
      }
    }
    up.git(up.work, "add", "-A");
    up.git(up.work, "commit", "-qm", "fleet");
    up.git(up.work, "push", "-q", "origin", "HEAD:main");
    url = "git://127.0.0.1:" + servers.gitDaemon(up.root.resolve("repos")) + "/fleet.git";
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    servers.close();
  }

  String[] bump(String... more) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "bump",
                up.work.toString(),
                "--releases",
                BumpCommandTest.RELEASES,
                "--now",
                BumpCommandTest.NOW,
                "--cluster",
                "prod",
                "--git-url",
                url));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void deliverBranchPushesTheProposalBranch() {
    ValidateCommandTest.Run r = BumpCommandTest.run(bump("--deliver", "branch"));

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("delivered: branch created, branch lockstep/bump/prod/17.3.1");
    String tip = up.remoteTip("lockstep/bump/prod/17.3.1");
    assertThat(up.git(up.bare, "show", tip + ":clusters/prod/autoupdate_version.yaml"))
        .contains("target_version: 17.3.1");

    ValidateCommandTest.Run again = BumpCommandTest.run(bump("--deliver", "branch"));
    assertThat(again.out()).contains("delivered: branch unchanged");
    assertThat(up.remoteTip("lockstep/bump/prod/17.3.1")).isEqualTo(tip);
  }

  @Test
  void deliverPrOpensAMergeRequestThenWritesNothingWhenNothingChanged() throws Exception {
    gitlab.stubFor(
        request("GET", urlEqualTo(MRS + "?state=opened&per_page=100")).willReturn(okJson("[]")));
    gitlab.stubFor(
        request("POST", urlEqualTo(MRS))
            .willReturn(aResponse().withTransformers("created-merge-request")));
    String[] args =
        bump(
            "--deliver",
            "pr",
            "--platform",
            "gitlab",
            "--api-url",
            gitlab.baseUrl() + "/api/v4",
            "--repository",
            "acme/fleet",
            "--token-file",
            tokenFile.toString(),
            "--format",
            "json");

    ValidateCommandTest.Run first = BumpCommandTest.run(args);

    assertThat(first.code()).as(first.err()).isEqualTo(1);
    assertThat(first.out())
        .contains("\"pull_request\" : \"https://gitlab.example/acme/fleet/-/merge_requests/3\"")
        .doesNotContain(TOKEN);
    var posted = gitlab.findAll(postRequestedFor(urlEqualTo(MRS)));
    assertThat(posted).hasSize(1);
    assertThat(posted.get(0).getHeader("PRIVATE-TOKEN")).isEqualTo(TOKEN);
    JsonNode body = new ObjectMapper().readTree(posted.get(0).getBodyAsString());
    assertThat(body.path("source_branch").asText()).isEqualTo("lockstep/bump/prod/17.3.1");
    assertThat(body.path("title").asText()).isEqualTo("Bump prod to Teleport 17.3.1");
    assertThat(body.path("description").asText())
        .contains("**`17.2.1` → `17.3.1`**")
        .contains("<!-- lockstep:bump cluster=prod version=17.3.1 -->");

    gitlab.resetAll();
    ObjectMapper json = new ObjectMapper();
    var mr = json.createObjectNode();
    mr.put("iid", 3);
    mr.put("source_branch", "lockstep/bump/prod/17.3.1");
    mr.put("target_branch", "main");
    mr.put("title", body.path("title").asText());
    mr.put("description", body.path("description").asText());
    mr.put("web_url", "https://gitlab.example/acme/fleet/-/merge_requests/3");
    mr.put("source_project_id", 1);
    mr.put("target_project_id", 1);
    gitlab.stubFor(
        request("GET", urlEqualTo(MRS + "?state=opened&per_page=100"))
            .willReturn(okJson("[" + json.writeValueAsString(mr) + "]")));

    ValidateCommandTest.Run second = BumpCommandTest.run(args);

    assertThat(second.code()).as(second.err()).isEqualTo(1);
    assertThat(second.out()).contains("\"action\" : \"unchanged\"");
    assertThat(
            gitlab.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> !r.getMethod().getName().equals("GET"))
                .toList())
        .as("no write request on a second run with unchanged inputs")
        .isEmpty();
  }
}
