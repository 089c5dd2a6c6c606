package dev.lockstep.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lockstep.source.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Forge} for GitHub, GitLab and Gitea against WireMock on 127.0.0.1: every test asserts the
 * exact requests (method, path, authentication header, JSON body) each platform's API documents.
 */
class ForgeIT {
  static final String TOKEN = "tok-0123456789abcdef";
  static final String HEAD = "lockstep/bump/prod/17.3.0";
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  @RegisterExtension
  final WireMockExtension wiremock =
      WireMockExtension.newInstance()
          .options(options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  /** How one platform spells the same things. */
  record Dialect(Platform platform, String api, String repository) {
    static Dialect of(Platform p) {
      return switch (p) {
        case GITHUB -> new Dialect(p, "/api/v3", "acme/fleet");
        case GITLAB -> new Dialect(p, "/api/v4", "acme/ops/fleet");
        case GITEA -> new Dialect(p, "/api/v1", "acme/fleet");
      };
    }

    String project() {
      return platform == Platform.GITLAB
          ? api + "/projects/acme%2Fops%2Ffleet"
          : api + "/repos/acme/fleet";
    }

    String pulls() {
      return project() + (platform == Platform.GITLAB ? "/merge_requests" : "/pulls");
    }

    String list() {
      return switch (platform) {
        case GITHUB -> pulls() + "?state=open&per_page=100";
        case GITLAB -> pulls() + "?state=opened&per_page=100";
        case GITEA -> pulls() + "?state=open&limit=50";
      };
    }

    String pull(long n) {
      return pulls() + "/" + n;
    }

    String comments(long n) {
      return platform == Platform.GITLAB
          ? pull(n) + "/notes"
          : project() + "/issues/" + n + "/comments";
    }

    String comment(long n, long id) {
      return platform == Platform.GITLAB
          ? pull(n) + "/notes/" + id
          : project() + "/issues/comments/" + id;
    }

    String commentsList(long n) {
      return comments(n)
          + switch (platform) {
            case GITHUB -> "?per_page=100";
            case GITLAB -> "?per_page=100";
            case GITEA -> "?limit=50";
          };
    }

    String updateMethod() {
      return platform == Platform.GITLAB ? "PUT" : "PATCH";
    }

    String authHeader() {
      return platform == Platform.GITLAB ? "PRIVATE-TOKEN" : "Authorization";
    }

    String authValue() {
      return switch (platform) {
        case GITHUB -> "Bearer " + TOKEN;
        case GITLAB -> TOKEN;
        case GITEA -> "token " + TOKEN;
      };
    }

    int duplicate() {
      return platform == Platform.GITHUB ? 422 : 409;
    }

    String pr(long n, String head, String base, String title, String body) {
      if (platform == Platform.GITLAB) {
        return "{\"iid\":%d,\"source_branch\":\"%s\",\"target_branch\":\"%s\",\"title\":\"%s\",\"description\":\"%s\",\"web_url\":\"https://gitlab.example/acme/ops/fleet/-/merge_requests/%d\",\"sha\":\"%s\",\"source_project_id\":4,\"target_project_id\":4}"
            .formatted(n, head, base, title, body, n, SHA);
      }
      return "{\"number\":%d,\"head\":{\"ref\":\"%s\",\"sha\":\"%s\",\"repo\":{\"full_name\":\"acme/fleet\"}},\"base\":{\"ref\":\"%s\"},\"title\":\"%s\",\"body\":\"%s\",\"html_url\":\"https://example/acme/fleet/pull/%d\"}"
          .formatted(n, head, SHA, base, title, body, n);
    }

    String createBody(String title, String body) {
      return platform == Platform.GITLAB
          ? "{\"source_branch\":\"%s\",\"target_branch\":\"main\",\"title\":\"%s\",\"description\":\"%s\"}"
              .formatted(HEAD, title, body)
          : "{\"title\":\"%s\",\"head\":\"%s\",\"base\":\"main\",\"body\":\"%s\"}"
              .formatted(title, HEAD, body);
    }

    String bodyField() {
      return platform == Platform.GITLAB ? "description" : "body";
    }
  }

  Forge forge(Dialect d) {
    ForgeSettings settings =
        new ForgeSettings(
            d.platform(),
            URI.create(wiremock.baseUrl() + d.api()),
            d.repository(),
            Optional.of(Secret.env("FORGE_TOKEN")),
            Map.of("FORGE_TOKEN", TOKEN),
            Duration.ofSeconds(5),
            2,
            Duration.ofMillis(1),
            Duration.ZERO);
    return Forge.of(settings, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), x -> {});
  }

  /** Every request WireMock received, as "METHOD url", in order. */
  List<String> requests() {
    return wiremock.findAll(anyRequestedFor(anyUrl())).stream()
        .map(r -> r.getMethod() + " " + r.getUrl())
        .toList();
  }

  LoggedRequest only(String method, String url) {
    List<LoggedRequest> found = wiremock.findAll(requestedFor(method, urlEqualTo(url)));
    assertThat(found).as("%s %s", method, url).hasSize(1);
    return found.get(0);
  }

  void assertJson(LoggedRequest r, String json) {
    assertThat(equalToJson(json).match(r.getBodyAsString()).isExactMatch())
        .as("body %s equals %s", r.getBodyAsString(), json)
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void opensAPullRequestWithTheTokenHeaderAndTheDocumentedBody(Platform p) throws Exception {
    Dialect d = Dialect.of(p);
    wiremock.stubFor(
        request("POST", urlEqualTo(d.pulls()))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(d.pr(7, HEAD, "main", "Bump prod to 17.3.0", "plan"))));

    Forge.Opened opened = forge(d).open(HEAD, "main", "Bump prod to 17.3.0", "plan");

    assertThat(opened.created()).isTrue();
    assertThat(opened.pullRequest().number()).isEqualTo(7);
    assertThat(opened.pullRequest().head()).isEqualTo(HEAD);
    assertThat(requests()).containsExactly("POST " + d.pulls());
    LoggedRequest r = only("POST", d.pulls());
    assertThat(r.getHeader(d.authHeader())).isEqualTo(d.authValue());
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    assertJson(r, d.createBody("Bump prod to 17.3.0", "plan"));
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void aDuplicateAnswerReturnsTheOpenPullRequestForThatBranch(Platform p) throws Exception {
    Dialect d = Dialect.of(p);
    wiremock.stubFor(
        request("POST", urlEqualTo(d.pulls()))
            .willReturn(
                aResponse()
                    .withStatus(d.duplicate())
                    .withBody(
                        "{\"message\":\"A pull request already exists for acme:" + HEAD + ".\"}")));
    wiremock.stubFor(
        request("GET", urlEqualTo(d.list()))
            .willReturn(
                okJson(
                    "["
                        + d.pr(3, "feature/x", "main", "other", "")
                        + ","
                        + d.pr(7, HEAD, "main", "Bump prod to 17.3.0", "old plan")
                        + "]")));

    Forge.Opened opened = forge(d).open(HEAD, "main", "Bump prod to 17.3.0", "new plan");

    assertThat(opened.created()).isFalse();
    assertThat(opened.pullRequest().number()).isEqualTo(7);
    assertThat(opened.pullRequest().body()).isEqualTo("old plan");
    assertThat(requests()).containsExactly("POST " + d.pulls(), "GET " + d.list());
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void updateSendsOnlyTheFieldsThatDifferAndNothingWhenNoneDoes(Platform p) throws Exception {
    Dialect d = Dialect.of(p);
    PullRequest current =
        new PullRequest(7, HEAD, "main", "Bump prod to 17.3.0", "old plan", "u", SHA);
    wiremock.stubFor(
        request(d.updateMethod(), urlEqualTo(d.pull(7)))
            .willReturn(okJson(d.pr(7, HEAD, "main", "Bump prod to 17.3.0", "new plan"))));

    PullRequest same = forge(d).update(current, "Bump prod to 17.3.0", "old plan", "main");
    assertThat(same).isEqualTo(current);
    assertThat(requests()).isEmpty();

    PullRequest updated = forge(d).update(current, "Bump prod to 17.3.0", "new plan", "main");

    assertThat(updated.body()).isEqualTo("new plan");
    assertThat(requests()).containsExactly(d.updateMethod() + " " + d.pull(7));
    assertJson(only(d.updateMethod(), d.pull(7)), "{\"" + d.bodyField() + "\":\"new plan\"}");
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void closeCommentsThenCloses(Platform p) throws Exception {
    Dialect d = Dialect.of(p);
    wiremock.stubFor(
        request("POST", urlEqualTo(d.comments(7)))
            .willReturn(aResponse().withStatus(201).withBody("{\"id\":1,\"body\":\"x\"}")));
    wiremock.stubFor(
        request(d.updateMethod(), urlEqualTo(d.pull(7)))
            .willReturn(okJson(d.pr(7, HEAD, "main", "t", ""))));

    forge(d)
        .close(new PullRequest(7, HEAD, "main", "t", "", "u", SHA), "Superseded by #9 (17.3.1).");

    assertThat(requests())
        .containsExactly("POST " + d.comments(7), d.updateMethod() + " " + d.pull(7));
    assertJson(only("POST", d.comments(7)), "{\"body\":\"Superseded by #9 (17.3.1).\"}");
    assertJson(
        only(d.updateMethod(), d.pull(7)),
        p == Platform.GITLAB ? "{\"state_event\":\"close\"}" : "{\"state\":\"closed\"}");
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void aCommentWithTheMarkerIsCreatedOnceThenEditedInPlaceOrLeftAlone(Platform p) throws Exception {
    Dialect d = Dialect.of(p);
    String marker = "<!-- lockstep:plan -->";
    wiremock.stubFor(
        request("GET", urlEqualTo(d.commentsList(7)))
            .willReturn(okJson("[{\"id\":1,\"body\":\"LGTM\",\"system\":false}]")));
    wiremock.stubFor(
        request("POST", urlEqualTo(d.comments(7)))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody("{\"id\":5,\"body\":\"plan v1\\n\\n" + marker + "\"}")));

    Comment created = forge(d).upsertComment(7, marker, "plan v1");

    assertThat(created.id()).isEqualTo(5);
    assertJson(only("POST", d.comments(7)), "{\"body\":\"plan v1\\n\\n" + marker + "\"}");

    wiremock.resetAll();
    wiremock.stubFor(
        request("GET", urlEqualTo(d.commentsList(7)))
            .willReturn(
                okJson(
                    "[{\"id\":1,\"body\":\"LGTM\"},{\"id\":5,\"body\":\"plan v1\\n\\n"
                        + marker
                        + "\"}]")));
    wiremock.stubFor(
        request(d.updateMethod(), urlEqualTo(d.comment(7, 5)))
            .willReturn(okJson("{\"id\":5,\"body\":\"plan v2\\n\\n" + marker + "\"}")));

    forge(d).upsertComment(7, marker, "plan v1");
    assertThat(requests()).containsExactly("GET " + d.commentsList(7));

    forge(d).upsertComment(7, marker, "plan v2");
    assertThat(requests())
        .containsExactly(
            "GET " + d.commentsList(7),
            "GET " + d.commentsList(7),
            d.updateMethod() + " " + d.comment(7, 5));
    assertJson(
        only(d.updateMethod(), d.comment(7, 5)), "{\"body\":\"plan v2\\n\\n" + marker + "\"}");
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void setsACommitStatusInThePlatformsWords(Platform p) throws Exception {
    Dialect d = Dialect.of(p);
    String path = d.project() + "/statuses/" + SHA;
    wiremock.stubFor(request("POST", urlEqualTo(path)).willReturn(aResponse().withStatus(201)));

    forge(d)
        .setStatus(
            SHA,
            new CommitStatus(
                CommitStatus.State.FAILURE,
                "lockstep/prod",
                "2 findings",
                Optional.of(URI.create("https://ci.example/run/1"))));

    assertJson(
        only("POST", path),
        p == Platform.GITLAB
            ? "{\"state\":\"failed\",\"name\":\"lockstep/prod\",\"description\":\"2 findings\",\"target_url\":\"https://ci.example/run/1\"}"
            : "{\"state\":\"failure\",\"target_url\":\"https://ci.example/run/1\",\"description\":\"2 findings\",\"context\":\"lockstep/prod\"}");
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void a403SaysWhichPermissionIsMissingAndNeverQuotesTheToken(Platform p) {
    Dialect d = Dialect.of(p);
    wiremock.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"message\":\"Resource not accessible by token " + TOKEN + "\"}")));

    assertThatThrownBy(() -> forge(d).open(HEAD, "main", "t", "b"))
        .isInstanceOfSatisfying(
            ForgeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ForgeException.Reason.FORBIDDEN);
              assertThat(e.getMessage())
                  .startsWith(
                      p.display() + " API: POST " + d.pulls() + ": the token may not do this")
                  .contains(
                      "needs write access to the repository's contents and "
                          + p.pullRequestNoun()
                          + "s")
                  .doesNotContain(TOKEN);
            });
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void aConflictThatIsNotADuplicateIsReportedWithThePlatformsMessage(Platform p) {
    Dialect d = Dialect.of(p);
    wiremock.stubFor(
        request("POST", urlEqualTo(d.pulls()))
            .willReturn(
                aResponse()
                    .withStatus(p == Platform.GITHUB ? 422 : 409)
                    .withBody(
                        "{\"message\":\"Validation Failed\",\"errors\":[{\"message\":\"No commits between main and "
                            + HEAD
                            + "\"}]}")));
    wiremock.stubFor(request("GET", urlEqualTo(d.list())).willReturn(okJson("[]")));

    assertThatThrownBy(() -> forge(d).open(HEAD, "main", "t", "b"))
        .isInstanceOfSatisfying(
            ForgeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ForgeException.Reason.CONFLICT);
              assertThat(e.getMessage())
                  .contains("Validation Failed; No commits between main and " + HEAD);
            });
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void listsOnlyOpenPullRequestsOfTheBranchPrefixAcrossPages(Platform p) throws Exception {
    Dialect d = Dialect.of(p);
    String next = wiremock.baseUrl() + d.list() + "&page=2";
    wiremock.stubFor(
        request("GET", urlEqualTo(d.list()))
            .willReturn(
                okJson("[" + d.pr(1, "feature/a", "main", "a", "") + "]")
                    .withHeader("Link", "<" + next + ">; rel=\"next\"")));
    wiremock.stubFor(
        request("GET", urlEqualTo(d.list() + "&page=2"))
            .willReturn(
                okJson(
                    "["
                        + d.pr(2, "lockstep/bump/prod/17.2.9", "main", "b", "")
                        + ","
                        + d.pr(3, "lockstep/bump/staging/17.3.0", "main", "c", "")
                        + "]")));

    List<PullRequest> open = forge(d).openPullRequests("lockstep/bump/prod/");

    assertThat(open).extracting(PullRequest::number).containsExactly(2L);
    assertThat(Stream.of(requests().toArray())).hasSize(2);
  }
}
