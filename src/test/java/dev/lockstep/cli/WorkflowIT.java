package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The example GitHub Actions workflow ({@code sample-repo/.github/workflows/lockstep.yaml}) as a
 * user copies it: read as YAML, and its {@code run:} steps run in order, as the runner runs them
 * ({@code bash -eo pipefail}, GitHub's environment variables, the workflow's and step's {@code
 * env}), in a clone of a repository made from the sample. Steps that {@code uses:} an action are
 * GitHub's and are not run; "Get Lockstep" is replaced by the test's own checkout ({@link
 * Checkout}) at {@code $RUNNER_TEMP/lockstep} on {@code PATH}, as the step would leave it, and
 * "Build Lockstep" runs as on a cache hit.
 */
class WorkflowIT {
  static final String WORKFLOW = ".github/workflows/lockstep.yaml";
  static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");

  @TempDir static Path dir;
  static Checkout checkout;
  static Map<String, Object> workflow;

  @BeforeAll
  static void setUp() throws Exception {
    checkout = Checkout.create(dir);
    workflow = load(checkout.root.resolve("sample-repo").resolve(WORKFLOW));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> load(Path file) throws IOException {
    return (Map<String, Object>)
        new Load(LoadSettings.builder().setLabel(file.toString()).build())
            .loadFromString(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps() {
    Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
    assertThat(jobs).hasSize(1);
    Map<String, Object> job = (Map<String, Object>) jobs.values().iterator().next();
    return (List<Map<String, Object>>) job.get("steps");
  }

  @Test
  void needsNoVariableOrSecretAndHidesNoFailure() throws IOException {
    String text = Files.readString(checkout.root.resolve("sample-repo").resolve(WORKFLOW));
    assertThat(text).doesNotContain("vars.").doesNotContain("secrets.").doesNotContain("|| true");
    assertThat(workflow.get("permissions"))
        .isEqualTo(Map.of("contents", "read", "security-events", "write"));
    for (Map<String, Object> step : steps()) {
      if (step.get("run") instanceof String run) {
        assertThat(run).as("expressions in scripts: use env instead").doesNotContain("${{");
      }
    }
    Map<String, Object> checkoutStep = steps().get(0);
    assertThat(checkoutStep.get("uses")).isEqualTo("actions/checkout@v4");
    assertThat(checkoutStep.get("with")).isEqualTo(Map.of("fetch-depth", 0));
  }

  /** A user's repository from the sample, pushed to an origin, with a branch checked out. */
  static Path userRepository(String name, String targetVersion) throws Exception {
    Path origin = dir.resolve(name + "-origin");
    PathArgumentsTest.copy(checkout.root.resolve("sample-repo"), origin);
    git(origin, "init", "-q", "-b", "main");
    git(origin, "add", "-A");
    git(origin, "-c", "user.name=a", "-c", "user.email=a@x", "commit", "-qm", "base");
    Path work = dir.resolve(name);
    git(dir, "clone", "-q", origin.toString(), work.toString());
    git(work, "checkout", "-q", "-b", "change");
    Path version = work.resolve("clusters/prod/autoupdate_version.yaml");
    Files.writeString(
        version,
        "# reviewed\n"
            + Files.readString(version)
                .replace("target_version: 17.5.2", "target_version: " + targetVersion));
    return work;
  }

  static void git(Path in, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    Checkout.Result r = Checkout.exec(in, Map.of(), argv);
    assertThat(r.code()).as(r.all()).isZero();
  }

  /** The outcome of each run step, by name. */
  @SuppressWarnings("unchecked")
  static Map<String, Checkout.Result> runSteps(Path work, String baseRef) throws Exception {
    Path runner = Files.createDirectories(work.resolveSibling(work.getFileName() + "-runner"));
    Map<String, String> env = new HashMap<>();
    ((Map<String, Object>) workflow.get("env")).forEach((k, v) -> env.put(k, String.valueOf(v)));
    env.put("CI", "true");
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_WORKSPACE", work.toString());
    env.put("RUNNER_TEMP", dir.toString()); // the checkout is $RUNNER_TEMP/lockstep
    for (String file :
        List.of("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")) {
      env.put(file, Files.createFile(runner.resolve(file)).toString());
    }
    if (baseRef != null) {
      env.put("GITHUB_EVENT_NAME", "pull_request");
      env.put("GITHUB_BASE_REF", baseRef);
      env.put("GITHUB_HEAD_REF", "change");
    } else {
      env.put("GITHUB_EVENT_NAME", "push");
    }
    Map<String, Checkout.Result> results = new LinkedHashMap<>();
    for (Map<String, Object> step : steps()) {
      if (!(step.get("run") instanceof String run) || "get-lockstep".equals(step.get("id"))) {
        continue;
      }
      Map<String, String> stepEnv = new HashMap<>(env);
      if (step.get("env") instanceof Map<?, ?> m) {
        m.forEach((k, v) -> stepEnv.put(String.valueOf(k), evaluate(String.valueOf(v))));
      }
      results.put(String.valueOf(step.get("name")), checkout.shell(work, stepEnv, run));
    }
    return results;
  }

  /** The only expression a run step's env uses: the cache step's outcome, a hit here. */
  static String evaluate(String value) {
    Matcher m = EXPRESSION.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      assertThat(m.group(1)).isEqualTo("steps.cache.outputs.cache-hit");
      m.appendReplacement(out, "true");
    }
    return m.appendTail(out).toString();
  }

  @Test
  void aPullRequestGetsAnnotationsSarifAndAPlanPerClusterAgainstItsTargetBranch() throws Exception {
    Path work = userRepository("pull-request", "17.5.2");

    Map<String, Checkout.Result> results = runSteps(work, "main");

    assertThat(results.keySet())
        .containsExactly(
            "Build Lockstep",
            "Validate (annotations on the pull request)",
            "Validate (SARIF for code scanning)",
            "Plan (job summary and artifact)");
    results.forEach((name, r) -> assertThat(r.code()).as(name + ": " + r.all()).isZero());
    assertThat(results.get("Build Lockstep").out()).startsWith("lockstep ");
    JsonNode sarif = new ObjectMapper().readTree(work.resolve("lockstep.sarif").toFile());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.path("runs").get(0).path("results")).isEmpty();
    assertThat(work.resolve("lockstep-plan/prod.md"))
        .content()
        .contains("cluster `prod`")
        .contains("base `origin/main`. **Same rollout (not reset)**");
    assertThat(work.resolve("lockstep-plan/staging.md")).content().contains("cluster `staging`");
    String summary = Files.readString(Path.of(stepEnvFile(work, "GITHUB_STEP_SUMMARY")));
    assertThat(summary).contains("cluster `prod`").contains("cluster `staging`");
  }

  @Test
  void aPushIsCheckedWithoutABase() throws Exception {
    Path work = userRepository("push", "17.5.2");

    Map<String, Checkout.Result> results = runSteps(work, null);

    results.forEach((name, r) -> assertThat(r.code()).as(name + ": " + r.all()).isZero());
    assertThat(work.resolve("lockstep-plan/prod.md")).content().contains("No --base given");
  }

  @Test
  void aSkippedMajorFailsTheChecksAndStillLeavesTheSarifToUpload() throws Exception {
    Path work = userRepository("major-skip", "19.0.0");

    Map<String, Checkout.Result> results = runSteps(work, "main");

    Checkout.Result annotations = results.get("Validate (annotations on the pull request)");
    assertThat(annotations.code()).as(annotations.all()).isEqualTo(1);
    assertThat(annotations.out())
        .contains("::error file=clusters/prod/autoupdate_version.yaml,line=")
        .contains("compat/major-skip");
    assertThat(results.get("Validate (SARIF for code scanning)").code()).isEqualTo(1);
    assertThat(work.resolve("lockstep.sarif")).content().contains("compat/major-skip");
    assertThat(results.get("Plan (job summary and artifact)").code()).isEqualTo(1);
    assertThat(work.resolve("lockstep-plan/staging.md"))
        .as("a cluster that cannot be planned does not stop the others")
        .exists();
  }

  static String stepEnvFile(Path work, String name) {
    return work.resolveSibling(work.getFileName() + "-runner").resolve(name).toString();
  }
}
