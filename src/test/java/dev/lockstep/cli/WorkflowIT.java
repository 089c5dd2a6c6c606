package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The example GitHub Actions workflow ({@code sample-repo/.github/workflows/lockstep.yaml}) as a
 * user copies it: read as YAML; its step that {@code uses:} Lockstep's Action runs with its {@code
 * with:} inputs through ActionIT's runner (the Action's run steps as the runner runs them, with
 * GitHub's environment variables), in a clone of a repository made from the sample. The other steps
 * use GitHub's actions (checkout, the SARIF upload) and are not run.
 */
class WorkflowIT {
  static final String WORKFLOW = ".github/workflows/lockstep.yaml";

  @TempDir static Path dir;
  static Checkout checkout;
  static Map<String, Object> workflow;
  static Map<String, Object> action;

  @BeforeAll
  static void setUp() throws Exception {
    checkout = Checkout.create(dir);
    workflow = load(checkout.root.resolve("sample-repo").resolve(WORKFLOW));
    action = load(checkout.root.resolve("action.yml"));
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
        .isEqualTo(
            Map.of("contents", "read", "pull-requests", "write", "security-events", "write"));
    assertThat(steps())
        .as("Lockstep comes from the Action, not from a clone and a build")
        .noneMatch(step -> step.containsKey("run"));
    assertThat(actionStep().get("with")).isEqualTo(Map.of("path", ".", "sarif", "lockstep.sarif"));
    Map<String, Object> checkoutStep = steps().get(0);
    assertThat(checkoutStep.get("uses")).isEqualTo("actions/checkout@v4");
    assertThat(checkoutStep.get("with")).isEqualTo(Map.of("fetch-depth", 0));
  }

  /** A user's repository from the sample, pushed to an origin, with a branch checked out. */
  static Path userRepository(String name, String targetVersion) throws Exception {
    return userRepository(dir, checkout, name, targetVersion);
  }

  /** The same under {@code dir}, from the sample of {@code checkout}. */
  static Path userRepository(Path dir, Checkout checkout, String name, String targetVersion)
      throws Exception {
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

  /**
   * The outcome of the Action's run steps, by name, as the workflow's {@code uses:} of the Action
   * runs them (its {@code with:} as inputs) through ActionIT's runner; GitHub's API is an unused
   * loopback port, since no run here may comment (a push, or a pull request from a fork).
   */
  @SuppressWarnings("unchecked")
  static ActionIT.Run runWorkflow(Path work, String baseRef) throws Exception {
    Map<String, Object> step = actionStep();
    Map<String, String> inputs = new HashMap<>();
    ((Map<String, Object>) step.get("with")).forEach((k, v) -> inputs.put(k, String.valueOf(v)));
    Map<String, String> event =
        baseRef == null
            ? Map.of("GITHUB_EVENT_NAME", "push")
            : Map.of(
                "GITHUB_EVENT_NAME", "pull_request",
                "GITHUB_BASE_REF", baseRef,
                "GITHUB_HEAD_REF", "change",
                "event.pull_request.number", "7",
                "event.pull_request.head.repo.full_name", "someone/fleet");
    return ActionIT.runAction(checkout, action, dir, "http://127.0.0.1:9", work, inputs, event);
  }

  /** The workflow's one step that uses Lockstep's Action. */
  static Map<String, Object> actionStep() {
    return steps().stream()
        .filter(s -> String.valueOf(s.get("uses")).startsWith("lockstep-dev/lockstep@"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step uses lockstep-dev/lockstep@REF"));
  }

  @Test
  void aPullRequestGetsAnnotationsSarifAndAPlanPerClusterAgainstItsTargetBranch() throws Exception {
    Path work = userRepository("pull-request", "17.5.2");

    ActionIT.Run run = runWorkflow(work, "main");

    assertThat(run.results().keySet())
        .containsExactly(
            "Which Lockstep",
            "Get Lockstep",
            "Validate (annotations on the pull request)",
            "Validate (SARIF for code scanning)",
            "Plan (job summary and pull-request comment)");
    run.results().forEach((name, r) -> assertThat(r.code()).as(name + ": " + r.all()).isZero());
    assertThat(run.results().get("Get Lockstep").out()).startsWith("lockstep ");
    JsonNode sarif = new ObjectMapper().readTree(work.resolve("lockstep.sarif").toFile());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.path("runs").get(0).path("results")).isEmpty();
    String summary = Files.readString(run.runner().resolve("GITHUB_STEP_SUMMARY"));
    assertThat(summary)
        .contains("cluster `prod`")
        .contains("cluster `staging`")
        .contains("base `origin/main`. **Same rollout (not reset)**");
  }

  @Test
  void aPushIsCheckedWithoutABase() throws Exception {
    Path work = userRepository("push", "17.5.2");

    ActionIT.Run run = runWorkflow(work, null);

    run.results().forEach((name, r) -> assertThat(r.code()).as(name + ": " + r.all()).isZero());
    assertThat(Files.readString(run.runner().resolve("GITHUB_STEP_SUMMARY")))
        .contains("No --base given");
  }

  @Test
  void aSkippedMajorFailsTheChecksAndStillLeavesTheSarifToUpload() throws Exception {
    Path work = userRepository("major-skip", "19.0.0");

    ActionIT.Run run = runWorkflow(work, "main");

    Checkout.Result annotations = run.results().get("Validate (annotations on the pull request)");
    assertThat(annotations.code()).as(annotations.all()).isEqualTo(1);
    assertThat(annotations.out())
        .contains("::error file=clusters/prod/autoupdate_version.yaml,line=")
        .contains("compat/major-skip");
    assertThat(run.results().get("Validate (SARIF for code scanning)").code()).isEqualTo(1);
    assertThat(work.resolve("lockstep.sarif")).content().contains("compat/major-skip");
    assertThat(run.results().get("Plan (job summary and pull-request comment)").code())
        .isEqualTo(1);
    assertThat(Files.readString(run.runner().resolve("GITHUB_STEP_SUMMARY")))
        .as("a cluster that cannot be planned does not stop the others")
        .contains("cluster `staging`");
  }
}
