package dev.lockstep.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composite GitHub Action ({@code action.yml} at the repository root) as far as this machine
 * can run it: read as YAML, and its {@code run:} steps run in order as the runner runs them ({@code
 * bash -eo pipefail}, GitHub's environment variables, each step's {@code env} with its {@code ${{
 * }}} expressions evaluated, {@code GITHUB_OUTPUT} and {@code GITHUB_PATH} carried to the next
 * steps), against a clone of a repository made from the sample with a real base branch. {@code
 * GITHUB_ACTION_PATH} is a copy of this project ({@link Checkout}); "Get Lockstep" runs as on a
 * cache hit, its cached folder holding the copy's launcher. WireMock stands in for GitHub's API.
 * Steps that {@code uses:} another action (the cache, setup-java) are GitHub's and are not run.
 */
class ActionIT {
  static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");
  static final String TOKEN = "ghs_not-a-real-token-0123456789";

  @TempDir static Path dir;
  static Checkout checkout;
  static Map<String, Object> action;

  @TempDir Path tmp;
  WireMockServer github;

  @BeforeAll
  static void setUp() throws Exception {
    checkout = Checkout.create(dir);
    action = WorkflowIT.load(checkout.root.resolve("action.yml"));
  }

  @BeforeEach
  void startGithub() {
    github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    github.start();
    github.stubFor(post(anyUrl()).willReturn(okJson("{\"id\": 99, \"body\": \"created\"}")));
    github.stubFor(patch(anyUrl()).willReturn(okJson("{\"id\": 11, \"body\": \"edited\"}")));
  }

  @AfterEach
  void stopGithub() {
    github.stop();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps() {
    return (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
  }

  @Test
  @SuppressWarnings("unchecked")
  void isACompositeActionWithTheDocumentedInputs() {
    assertThat(((Map<String, Object>) action.get("runs")).get("using")).isEqualTo("composite");
    assertThat(((Map<String, Object>) action.get("inputs")).keySet())
        .containsExactly(
            "path",
            "cluster",
            "fail-on",
            "policies",
            "auth-version",
            "comment",
            "sarif",
            "version",
            "archive-url",
            "token");
    for (Map<String, Object> step : steps()) {
      if (step.get("run") instanceof String run) {
        assertThat(run).as("expressions in scripts: use env instead").doesNotContain("${{");
        assertThat(step.get("shell")).as("a composite run step names its shell").isEqualTo("bash");
      }
    }
    assertThat(steps())
        .filteredOn(s -> "actions/cache@v4".equals(s.get("uses")))
        .singleElement()
        .satisfies(
            s ->
                assertThat(((Map<String, Object>) s.get("with")).get("key"))
                    .isEqualTo("${{ steps.which.outputs.key }}"));
  }

  @Test
  void aPullRequestIsAnnotatedAndItsPlanIsSummarisedAndCommented() throws Exception {
    github.stubFor(
        get(urlEqualTo("/repos/acme/fleet/issues/7/comments?per_page=100"))
            .willReturn(okJson("[]")));
    Path work = userRepository("pr-" + tmp.getFileName(), "17.5.2");

    Run run = runAction(work, Map.of(), pullRequest("acme/fleet"));

    run.results.forEach((name, r) -> assertThat(r.code()).as(name + ": " + r.all()).isZero());
    assertThat(run.results.get("Get Lockstep").out()).startsWith("lockstep ");
    JsonNode sarif = new ObjectMapper().readTree(work.resolve("lockstep.sarif").toFile());
    assertThat(sarif.path("runs").get(0).path("results")).isEmpty();
    assertThat(run.outputs).containsEntry("validate-sarif.file", "lockstep.sarif");
    assertThat(run.outputs.get("which.key"))
        .as("the cache key names the action's sources")
        .matches("lockstep-any-tree-[0-9a-f]{16}-" + Pattern.quote(arch()));
    String summary = Files.readString(run.runner.resolve("GITHUB_STEP_SUMMARY"));
    assertThat(summary)
        .contains("cluster `prod`")
        .contains("cluster `staging`")
        .contains("base `origin/main`");
    Path plans = Path.of(run.outputs.get("plan.dir"));
    assertThat(plans.resolve("plan.md")).content().contains("cluster `prod`");
    for (String cluster : List.of("prod", "staging")) {
      assertThat(plans.resolve(cluster + ".html"))
          .as("the timeline picture of " + cluster + " for the artifact")
          .content()
          .contains("<svg");
    }
    github.verify(
        postRequestedFor(urlPathEqualTo("/repos/acme/fleet/issues/7/comments"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withRequestBody(containing("cluster `prod`"))
            .withRequestBody(containing("<!-- lockstep:plan -->")));
    run.results.forEach((name, r) -> assertThat(r.all()).as(name).doesNotContain(TOKEN));
  }

  @Test
  void aLaterRunEditsItsCommentInPlace() throws Exception {
    github.stubFor(
        get(urlEqualTo("/repos/acme/fleet/issues/7/comments?per_page=100"))
            .willReturn(
                okJson(
                    "[{\"id\": 5, \"body\": \"a reviewer's note\"},"
                        + " {\"id\": 11, \"body\": \"old plan\\n\\n<!-- lockstep:plan -->\"}]")));
    Path work = userRepository("again-" + tmp.getFileName(), "17.5.2");

    Run run = runAction(work, Map.of(), pullRequest("acme/fleet"));

    assertThat(run.results.get("Plan (job summary and pull-request comment)").code()).isZero();
    github.verify(
        patchRequestedFor(urlPathEqualTo("/repos/acme/fleet/issues/comments/11"))
            .withRequestBody(containing("cluster `prod`")));
    github.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void aPullRequestFromAForkIsNotCommentedAndAPushHasNoComment() throws Exception {
    Path work = userRepository("fork-" + tmp.getFileName(), "17.5.2");

    Run fork = runAction(work, Map.of(), pullRequest("someone/fleet"));
    assertThat(fork.results.get("Plan (job summary and pull-request comment)").out())
        .contains("Pull request from a fork");
    Run push = runAction(work, Map.of(), Map.of("GITHUB_EVENT_NAME", "push"));
    push.results.forEach((name, r) -> assertThat(r.code()).as(name + ": " + r.all()).isZero());
    assertThat(Files.readString(push.runner.resolve("GITHUB_STEP_SUMMARY")))
        .contains("No --base given");

    github.verify(0, getRequestedFor(anyUrl()));
    github.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void aSkippedMajorFailsValidationWithAnnotationsAndTheInputsReachLockstep() throws Exception {
    Path work = userRepository("major-" + tmp.getFileName(), "19.0.0");

    Run run =
        runAction(
            work,
            Map.of("cluster", "prod", "comment", "false", "sarif", "out/lockstep sarif.json"),
            pullRequest("acme/fleet"));

    Checkout.Result annotations = run.results.get("Validate (annotations on the pull request)");
    assertThat(annotations.code()).as(annotations.all()).isEqualTo(1);
    assertThat(annotations.out())
        .contains("::error file=clusters/prod/autoupdate_version.yaml,line=")
        .contains("compat/major-skip")
        .doesNotContain("clusters/staging");
    assertThat(work.resolve("out/lockstep sarif.json")).content().contains("compat/major-skip");
    String summary = Files.readString(run.runner.resolve("GITHUB_STEP_SUMMARY"));
    assertThat(summary)
        .as("a plan that cannot be made says why")
        .contains("clusters/prod/autoupdate_version.yaml:13:5: error [compat/newer-than-auth]")
        .doesNotContain("staging");
    assertThat(run.results.get("Plan (job summary and pull-request comment)").code()).isEqualTo(1);
    github.verify(0, getRequestedFor(anyUrl()));
  }

  static String arch() throws Exception {
    return Checkout.exec(dir, Map.of(), List.of("uname", "-m")).out().strip();
  }

  static Path userRepository(String name, String targetVersion) throws Exception {
    return WorkflowIT.userRepository(dir, checkout, name, targetVersion);
  }

  Map<String, String> pullRequest(String headRepository) {
    return Map.of(
        "GITHUB_EVENT_NAME", "pull_request",
        "GITHUB_BASE_REF", "main",
        "GITHUB_HEAD_REF", "change",
        "event.pull_request.number", "7",
        "event.pull_request.head.repo.full_name", headRepository);
  }

  /** What the action's run steps did, the runner's folder and the steps' outputs by id.key. */
  record Run(Map<String, Checkout.Result> results, Path runner, Map<String, String> outputs) {}

  Run runAction(Path work, Map<String, String> inputs, Map<String, String> event) throws Exception {
    return runAction(
        checkout, action, tmp, "http://127.0.0.1:" + github.port(), work, inputs, event);
  }

  /**
   * Runs the run steps of {@code action} (read from {@code checkout}) in {@code work} with the
   * given inputs and event, GitHub's API at {@code apiUrl}; the runner's files go under {@code
   * tmp}. WorkflowIT runs the sample workflow's {@code uses:} of the Action through it.
   */
  @SuppressWarnings("unchecked")
  static Run runAction(
      Checkout checkout,
      Map<String, Object> action,
      Path tmp,
      String apiUrl,
      Path work,
      Map<String, String> inputs,
      Map<String, String> event)
      throws Exception {
    Path runner = Files.createTempDirectory(tmp, "runner");
    // the cache of "Get Lockstep", as a hit leaves it: bin/lockstep of the action's build
    Path home = Files.createDirectories(runner.resolve("lockstep-home/bin"));
    Path launcher =
        Files.writeString(
            home.resolve("lockstep"),
            "#!/bin/sh\nexec '" + checkout.root.resolve("lockstep") + "' \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

    Map<String, String> context = new HashMap<>();
    ((Map<String, Object>) action.get("inputs"))
        .forEach(
            (name, spec) -> {
              Object d = ((Map<String, Object>) spec).get("default");
              context.put("inputs." + name, d == null ? "" : String.valueOf(d));
            });
    context.put("github.token", TOKEN);
    context.put("github.workspace", work.toString());
    context.put("github.event.pull_request.number", "");
    context.put("github.event.pull_request.head.repo.full_name", "");
    Map<String, String> env = new HashMap<>();
    env.put("CI", "true");
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_WORKSPACE", work.toString());
    env.put("GITHUB_ACTION_PATH", checkout.root.toString());
    env.put("GITHUB_REPOSITORY", "acme/fleet");
    env.put("GITHUB_API_URL", apiUrl);
    env.put("RUNNER_TEMP", runner.toString());
    for (String file : List.of("GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")) {
      env.put(file, Files.createFile(runner.resolve(file)).toString());
    }
    event.forEach(
        (k, v) -> {
          if (k.startsWith("event.")) {
            context.put("github." + k, v);
          } else {
            env.put(k, v);
          }
        });
    inputs.forEach((k, v) -> context.put("inputs." + k, v));
    context.put(
        "inputs.token",
        evaluate(context.get("inputs.token"), context)); // the default names github.token

    Map<String, Checkout.Result> results = new LinkedHashMap<>();
    Map<String, String> outputs = new LinkedHashMap<>();
    int n = 0;
    for (Map<String, Object> step :
        (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps")) {
      if (!(step.get("run") instanceof String script)) {
        continue;
      }
      if (step.get("if") instanceof String condition
          && condition.contains("inputs.sarif != ''")
          && context.get("inputs.sarif").isEmpty()) {
        continue;
      }
      Path output = Files.createFile(runner.resolve("GITHUB_OUTPUT." + n++));
      Map<String, String> stepEnv = new HashMap<>(env);
      stepEnv.put("GITHUB_OUTPUT", output.toString());
      List<String> path = new ArrayList<>(Files.readAllLines(runner.resolve("GITHUB_PATH")));
      Collections.reverse(path); // the runner puts the last added first
      stepEnv.put(
          "PATH",
          String.join(File.pathSeparator, path)
              + (path.isEmpty() ? "" : File.pathSeparator)
              + System.getenv("PATH"));
      if (step.get("env") instanceof Map<?, ?> m) {
        m.forEach((k, v) -> stepEnv.put(String.valueOf(k), evaluate(String.valueOf(v), context)));
      }
      Path folder =
          step.get("working-directory") instanceof String wd
              ? Path.of(evaluate(wd, context))
              : work;
      results.put(
          String.valueOf(step.get("name")),
          Checkout.exec(
              folder,
              stepEnv,
              List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)));
      if (step.get("id") instanceof String id) {
        for (String line : Files.readAllLines(output)) {
          int eq = line.indexOf('=');
          context.put("steps." + id + ".outputs." + line.substring(0, eq), line.substring(eq + 1));
          outputs.put(id + "." + line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    return new Run(results, runner, outputs);
  }

  /** The expressions the action's env uses, from the context; any other fails the test. */
  static String evaluate(String value, Map<String, String> context) {
    Matcher m = EXPRESSION.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = context.get(m.group(1));
      assertThat(v).as("an expression this test knows: " + m.group(1)).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    return m.appendTail(out).toString();
  }
}
