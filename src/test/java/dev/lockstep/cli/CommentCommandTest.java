package dev.lockstep.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep comment} against WireMock as GitHub: what it writes, and how it fails. */
class CommentCommandTest {
  static final String TOKEN = "ghp_secret-value-never-shown";

  @TempDir Path tmp;
  WireMockServer github;
  Path token;
  Path body;

  @BeforeEach
  void setUp() throws Exception {
    github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    github.start();
    token = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
    body = Files.writeString(tmp.resolve("plan.md"), "## cluster `prod`\n");
  }

  @AfterEach
  void tearDown() {
    github.stop();
  }

  CliRun comment(String... extra) {
    String[] base = {
      "comment",
      "--platform",
      "github",
      "--api-url",
      "http://127.0.0.1:" + github.port(),
      "--repository",
      "acme/fleet",
      "--pull-request",
      "7",
      "--body-file",
      body.toString(),
      "--token-file",
      token.toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return CliRun.of(all);
  }

  @Test
  void anUnchangedCommentIsNotWrittenAgain() {
    github.stubFor(
        get(urlEqualTo("/repos/acme/fleet/issues/7/comments?per_page=100"))
            .willReturn(
                okJson(
                    "[{\"id\": 11, \"body\": \"## cluster `prod`\\n\\n\\n<!-- lockstep:plan -->\"}]")));

    CliRun run = comment();

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("Comment 11 on pull request 7 of acme/fleet is up to date.\n");
    github.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void aRefusedTokenExitsThreeWithoutShowingIt() {
    github.stubFor(
        get(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"message\":\"Resource not accessible by integration\"}")));

    CliRun run = comment();

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err())
        .startsWith("lockstep: cannot comment on pull request 7 of acme/fleet: ")
        .contains("403");
    assertThat(run.out() + run.err()).doesNotContain(TOKEN);
  }

  @Test
  void withoutATokenOrWithAVisibleMarkerItIsAUsageError() {
    CliRun noToken =
        CliRun.of(
            "comment",
            "--platform",
            "github",
            "--repository",
            "acme/fleet",
            "--pull-request",
            "7",
            "--body-file",
            body.toString());
    assertThat(noToken.exit()).isEqualTo(2);
    assertThat(noToken.err()).contains("comment needs --token-env VAR or --token-file FILE");

    CliRun marker = comment("--marker", "lockstep");
    assertThat(marker.exit()).isEqualTo(2);
    assertThat(marker.err()).contains("is not a hidden HTML comment");
    github.verify(0, postRequestedFor(anyUrl()));
    assertThat(github.getAllServeEvents()).isEmpty();
  }

  @Test
  void aMissingBodyFileIsAUsageError() throws Exception {
    Files.delete(body);
    github.stubFor(post(anyUrl()).willReturn(okJson("{}")));

    CliRun run = comment();
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("lockstep: --body-file " + body);
    assertThat(github.getAllServeEvents()).isEmpty();
  }
}
