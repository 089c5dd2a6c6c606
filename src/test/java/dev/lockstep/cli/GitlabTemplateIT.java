package dev.lockstep.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab CI template ({@code ci/gitlab/lockstep.gitlab-ci.yml}) as far as this machine can run
 * it: read as YAML, its job's {@code script:} lines run as one bash script as GitLab's runner does
 * ({@code set -eo pipefail}), with the template's variables and GitLab's predefined {@code CI_*}
 * ones, in a clone of a repository made from the sample; {@code lockstep} is this project's
 * launcher ({@link Checkout}), found on PATH as the image's own PATH finds it (ImageIT checks the
 * image), and WireMock stands in for GitLab's API.
 */
class GitlabTemplateIT {
  static final String TEMPLATE = "ci/gitlab/lockstep.gitlab-ci.yml";
  static final String TOKEN = "glpat-not-a-real-token";

  @TempDir static Path dir;
  static Checkout checkout;
  static Map<String, Object> template;

  @TempDir Path tmp;
  WireMockServer gitlab;

  @BeforeAll
  static void setUp() throws Exception {
    checkout = Checkout.create(dir);
    template = WorkflowIT.load(checkout.root.resolve(TEMPLATE));
  }

  @BeforeEach
  void startGitlab() {
    gitlab = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    gitlab.start();
    gitlab.stubFor(
        get(urlEqualTo("/api/v4/projects/42/merge_requests/3/notes?per_page=100"))
            .willReturn(okJson("[]")));
    gitlab.stubFor(post(anyUrl()).willReturn(okJson("{\"id\": 5, \"body\": \"created\"}")));
  }

  @AfterEach
  void stopGitlab() {
    gitlab.stop();
  }

  @SuppressWarnings("unchecked")
  Checkout.Result runJob(Path work, Map<String, String> ci) throws Exception {
    Map<String, Object> job = (Map<String, Object>) template.get("lockstep");
    assertThat(((Map<String, Object>) job.get("artifacts")).get("reports"))
        .isEqualTo(
            Map.of("codequality", "gl-code-quality-report.json", "junit", "lockstep-junit.xml"));
    Map<String, String> env = new HashMap<>();
    ((Map<String, Object>) template.get("variables"))
        .forEach((k, v) -> env.put(k, String.valueOf(v)));
    ((Map<String, Object>) job.get("variables")).forEach((k, v) -> env.put(k, String.valueOf(v)));
    env.put("CI", "true");
    env.put("GITLAB_CI", "true");
    env.put("CI_PROJECT_ID", "42");
    env.put("CI_API_V4_URL", "http://127.0.0.1:" + gitlab.port() + "/api/v4");
    env.put("CI_DEFAULT_BRANCH", "main");
    env.putAll(ci);
    String script = String.join("\n", (List<String>) job.get("script"));
    assertThat(script)
        .as("the image puts lockstep on PATH; the job must not")
        .doesNotContainPattern("\\bPATH\\b");
    return Checkout.exec(
        work,
        withPath(env),
        List.of("bash", "--noprofile", "--norc", "-c", "set -eo pipefail\n" + script));
  }

  Map<String, String> withPath(Map<String, String> env) {
    env.put("PATH", checkout.root + java.io.File.pathSeparator + System.getenv("PATH"));
    return env;
  }

  Map<String, String> mergeRequest(Path work) throws Exception {
    String base = Checkout.exec(work, Map.of(), List.of("git", "rev-parse", "origin/main")).out();
    return Map.of(
        "CI_PIPELINE_SOURCE", "merge_request_event",
        "CI_MERGE_REQUEST_IID", "3",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA", base.strip(),
        "LOCKSTEP_GITLAB_TOKEN", TOKEN);
  }

  @Test
  void aMergeRequestGetsReportsAPlanAndANote() throws Exception {
    Path work = WorkflowIT.userRepository(dir, checkout, "mr-" + tmp.getFileName(), "17.5.2");

    Checkout.Result r = runJob(work, mergeRequest(work));

    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.all()).doesNotContain(TOKEN);
    JsonNode quality =
        new ObjectMapper().readTree(work.resolve("gl-code-quality-report.json").toFile());
    assertThat(quality.isArray()).isTrue();
    assertThat(quality).isEmpty();
    assertThat(work.resolve("lockstep-junit.xml")).content().contains("<testsuite");
    assertThat(work.resolve("lockstep-plan/plan.md"))
        .content()
        .contains("cluster `prod`")
        .contains("cluster `staging`")
        .contains("**Same rollout (not reset)**");
    gitlab.verify(
        postRequestedFor(urlPathEqualTo("/api/v4/projects/42/merge_requests/3/notes"))
            .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
            .withRequestBody(containing("<!-- lockstep:plan -->")));
  }

  @Test
  void aSkippedMajorFailsTheJobAndLandsInBothReports() throws Exception {
    Path work = WorkflowIT.userRepository(dir, checkout, "major-" + tmp.getFileName(), "19.0.0");

    Checkout.Result r = runJob(work, mergeRequest(work));

    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(r.out()).contains("compat/major-skip");
    JsonNode quality =
        new ObjectMapper().readTree(work.resolve("gl-code-quality-report.json").toFile());
    assertThat(quality.findValuesAsText("check_name")).contains("compat/major-skip");
    assertThat(quality.findValuesAsText("severity")).contains("major");
    assertThat(work.resolve("lockstep-junit.xml")).content().contains("compat/major-skip");
  }

  @Test
  void aPushToTheDefaultBranchHasNoBaseAndNoNote() throws Exception {
    Path work = WorkflowIT.userRepository(dir, checkout, "push-" + tmp.getFileName(), "17.5.2");

    Checkout.Result r =
        runJob(work, Map.of("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_BRANCH", "main"));

    assertThat(r.code()).as(r.all()).isZero();
    assertThat(work.resolve("lockstep-plan/prod.md")).content().contains("No --base given");
    gitlab.verify(0, postRequestedFor(anyUrl()));
  }
}
