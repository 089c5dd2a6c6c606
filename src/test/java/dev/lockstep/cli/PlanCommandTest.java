package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.bump.StatusFiles;
import dev.lockstep.finding.Findings;
import dev.lockstep.reconcile.Condition;
import dev.lockstep.reconcile.ConditionStatus;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.reconcile.StatusYaml;
import dev.lockstep.rollout.Reasons;
import dev.lockstep.testing.Golden;
import dev.lockstep.testing.Xml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code lockstep plan} end to end in the JVM: exit codes and golden output. */
class PlanCommandTest {
  static final String FROM = "2026-11-23T09:00:00Z";

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("plan"));
    all.addAll(List.of(args));
    int code =
        Main.execute(
            all.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void plansTheSampleRepository() {
    Run r = run("sample-repo", "--cluster", "prod", "--from", FROM);
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    Golden.assertMatches(PlanCommandTest.class, "sample-repo-prod.text", r.out());
  }

  @Test
  void plansTheSampleRepositoryAsMarkdown() {
    Run r = run("sample-repo", "--cluster", "prod", "--from", FROM, "--format", "markdown");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    Golden.assertMatches(PlanCommandTest.class, "sample-repo-prod.markdown", r.out());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prod", "staging"})
  void drawsTheSampleRepositoryAsSvg(String cluster) throws Exception {
    Run r = run("sample-repo", "--cluster", cluster, "--from", FROM, "--format", "svg");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    Golden.assertMatches(PlanCommandTest.class, "sample-repo-" + cluster + ".svg", r.out());
    assertThat(Xml.parse(r.out()).getDocumentElement().getAttribute("role")).isEqualTo("img");
  }

  /**
   * prod's status as serve commits it, observed Tuesday 12:40: dev done, staging rolled back by
   * hand, a Halted condition since 12:30.
   */
  static String prodStatus(String cluster) {
    Instant at = Instant.parse("2026-11-24T12:40:00Z");
    Instant halted = Instant.parse("2026-11-24T12:30:00Z");
    return StatusYaml.render(
        new StatusDocument(
            cluster,
            at,
            new StatusDocument.Source(
                "https://github.com/example/fleet.git",
                "main",
                "1a2b3c4d1a2b3c4d1a2b3c4d1a2b3c4d1a2b3c4d",
                new StatusDocument.Signature("none", false, "", "", "not checked")),
            List.of(
                new Condition(
                    StatusFiles.HALTED,
                    ConditionStatus.TRUE,
                    "CheckFailed",
                    "3 of 20 agents up to date",
                    "main@1a2b3c4d",
                    halted)),
            List.of(),
            Findings.NONE,
            Optional.of(
                new StatusDocument.Rollout(
                    "active",
                    "17.5.1",
                    "17.5.2",
                    "halt-on-error",
                    Optional.of(Instant.parse("2026-11-23T12:00:00Z")),
                    List.of(
                        new StatusDocument.Group(
                            "dev",
                            "done",
                            Reasons.UPDATE_COMPLETE,
                            Optional.of(Instant.parse("2026-11-23T12:00:00Z")),
                            10,
                            10,
                            10),
                        new StatusDocument.Group(
                            "staging",
                            "rolledback",
                            Reasons.MANUAL_ROLLBACK,
                            Optional.of(Instant.parse("2026-11-24T12:00:00Z")),
                            20,
                            20,
                            3)))),
            List.of(),
            List.of()));
  }

  @Test
  void drawsAStatusFilesLiveRolloutWithItsHaltAndManualTransition(@TempDir Path dir)
      throws Exception {
    Path status = Files.writeString(dir.resolve("prod.yaml"), prodStatus("prod"));
    Run r = planProd("--format", "svg", "--status", status.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    Golden.assertMatches(PlanCommandTest.class, "sample-repo-prod-status.svg", r.out());
    assertThat(r.out())
        .contains("class=\"marker manual-rollback\"")
        .contains("class=\"marker halt\" data-at=\"2026-11-24T12:30:00Z\"")
        .contains("staging halted Tue 2026-11-24 12:30 UTC: CheckFailed: 3 of 20 agents up to date")
        .contains("rolled back by hand (tctl autoupdate agents rollback)");
    Run page = planProd("--format", "html", "--status", status.toString());
    assertThat(page.code()).as(page.err()).isEqualTo(ExitCodes.OK);
    assertThat(page.out()).contains("class=\"marker halt\"");
  }

  @Test
  void aStatusFileThatCannotBeDrawnIsAUsageErrorThatSaysWhatToPass(@TempDir Path dir)
      throws Exception {
    Path staging = Files.writeString(dir.resolve("staging.yaml"), prodStatus("staging"));
    Path notStatus = Files.writeString(dir.resolve("other.yaml"), "kind: something_else\n");
    Path prod = Files.writeString(dir.resolve("prod.yaml"), prodStatus("prod"));
    Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
    rows.put(
        "--format text",
        List.of("--format", "text", "--status", prod.toString(), "use it with --format svg"));
    rows.put(
        "not a status file",
        List.of(
            "--format",
            "svg",
            "--status",
            notStatus.toString(),
            "other.yaml: not a Lockstep status file (kind: lockstep_status); pass the"
                + " status/prod.yaml"));
    rows.put(
        "another cluster's status",
        List.of(
            "--format",
            "svg",
            "--status",
            staging.toString(),
            "staging.yaml: the status of cluster staging, not prod; pass the status of prod or"
                + " choose --cluster staging"));
    rows.put(
        "missing file",
        List.of(
            "--format",
            "svg",
            "--status",
            dir.resolve("absent.yaml").toString(),
            "absent.yaml: cannot read"));
    rows.forEach(
        (name, row) -> {
          Run r = planProd(row.subList(0, 4).toArray(new String[0]));
          assertThat(r.code()).as(name).isEqualTo(ExitCodes.USAGE);
          assertThat(r.err()).as(name).contains(row.get(4)).doesNotContain("Exception");
          assertThat(r.out()).as(name).isEmpty();
        });
  }

  /** {@code plan sample-repo --cluster prod --from FROM} and {@code more}. */
  static Run planProd(String... more) {
    List<String> args =
        new ArrayList<>(List.of("sample-repo", "--cluster", "prod", "--from", FROM));
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  @Test
  void writesTheHtmlPageToAFile(@TempDir Path dir) throws IOException {
    Path page = dir.resolve("plan.html");
    Run r =
        run(
            "sample-repo",
            "--cluster",
            "prod",
            "--from",
            FROM,
            "--format",
            "html",
            "--output",
            page.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEmpty();
    String written = Files.readString(page);
    Golden.assertMatches(PlanCommandTest.class, "sample-repo-prod.html", written);
    Run stdout = run("sample-repo", "--cluster", "prod", "--from", FROM, "--format", "html");
    assertThat(stdout.out()).isEqualTo(written);
  }

  @Test
  void outputIntoAMissingFolderSaysSo(@TempDir Path dir) {
    Path page = dir.resolve("no-such-folder").resolve("plan.svg");
    Run r =
        run(
            "sample-repo",
            "--cluster",
            "prod",
            "--from",
            FROM,
            "--format",
            "svg",
            "-o",
            page.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(r.err())
        .contains("cannot write " + page)
        .contains("its folder does not exist")
        .doesNotContain("Exception");
  }

  @Test
  void authVersionWinsOverClusterYamlForTheCompatibilityRules() {
    Run r = run("sample-repo", "--cluster", "prod", "--from", FROM, "--auth-version", "16.4.0");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(r.out()).contains("[compat/newer-than-auth]").contains("16.4.0");

    Run ok = run("sample-repo", "--cluster", "prod", "--from", FROM, "--auth-version", "17.5.3");
    assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void unknownFormatIsAUsageError() {
    Run r = run("sample-repo", "--cluster", "prod", "--format", "yaml");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("unknown format \"yaml\"");
  }

  @Test
  void badInstantIsAUsageError() {
    Run r = run("sample-repo", "--cluster", "prod", "--from", "next monday");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("not an ISO-8601 instant");
  }

  @Test
  void badAgentsIsAUsageError() {
    Run r = run("sample-repo", "--cluster", "prod", "--from", FROM, "--agents", "prod=many");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--agents");
  }

  @Test
  void severalClustersNeedACluster() {
    Run r = run("sample-repo", "--from", FROM);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("choose one with --cluster");
  }

  @Test
  void missingFolderIsAUsageError() {
    Run r = run("no-such-folder", "--from", FROM);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void validationErrorsPrintFindingsAndExitOne(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("autoupdate_config.yaml"),
        """
        kind: autoupdate_config
        version: v1
        metadata:
          name: autoupdate-config
        spec:
          agents:
            mode: enabled
            strategy: halt-on-error
            schedules:
              regular:
                - name: dev
                  days: [Mon]
                  start_hour: 25
        """);
    Run r = run(dir.toString(), "--from", FROM);
    assertThat(r.code()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(r.out())
        .containsPattern("autoupdate_config\\.yaml:\\d+:\\d+: error \\[[a-z-]+/[a-z0-9-]+\\] ");
  }

  @Test
  void modeOnlyChangeAgainstBaseKeepsTheRollout(@TempDir Path dir) throws IOException {
    Path before = dir.resolve("before");
    Path after = dir.resolve("after");
    write(before, "enabled", "[Mon, Tue, Wed, Thu]");
    write(after, "suspended", "[Mon, Tue]");
    Run r = run(after.toString(), "--base", before.toString(), "--from", FROM, "--format", "text");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    Golden.assertMatches(
        PlanCommandTest.class,
        "base-mode-and-schedule-change.text",
        r.out().replace(before.toString(), "BASE"));
  }

  @Test
  void targetChangeAgainstBaseIsANewRollout(@TempDir Path dir) throws IOException {
    Path before = dir.resolve("before");
    Path after = dir.resolve("after");
    write(before, "enabled", "[Mon]");
    write(after, "enabled", "[Mon]");
    Files.writeString(
        after.resolve("autoupdate_version.yaml"),
        Files.readString(after.resolve("autoupdate_version.yaml")).replace("17.2.1", "17.3.0"));
    Run r = run(after.toString(), "--base", before.toString(), "--from", FROM, "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("\"new_rollout\" : true");
  }

  @Test
  void agentsOfAGroupTheScheduleDoesNotNameJoinTheLastGroup(@TempDir Path dir) throws IOException {
    write(dir, "enabled", "[Mon, Tue, Wed, Thu]");
    Run r = run(dir.toString(), "--from", FROM, "--agents", "prod=4,batch=6");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains(
            "6 agents of group batch, which the schedule does not name, update with the last group"
                + " prod")
        .contains(
            "Group prod (catch-all): Mon,Tue,Wed,Thu at 12:00 UTC for 1h, wait_hours 0,"
                + " 10 agents (prod 4, batch 6)")
        .contains("done        update_complete                10/10 up to date");
  }

  private static void write(Path dir, String mode, String days) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("autoupdate_config.yaml"),
        """
        kind: autoupdate_config
        version: v1
        metadata:
          name: autoupdate-config
        spec:
          agents:
            mode: %s
            strategy: halt-on-error
            schedules:
              regular:
                - name: dev
                  days: %s
                  start_hour: 12
                - name: prod
                  days: [Mon, Tue, Wed, Thu]
                  start_hour: 12
        """
            .formatted(mode, days));
    Files.writeString(
        dir.resolve("autoupdate_version.yaml"),
        """
        kind: autoupdate_version
        version: v1
        metadata:
          name: autoupdate-version
        spec:
          agents:
            start_version: 17.1.4
            target_version: 17.2.1
            schedule: regular
            mode: enabled
        """);
  }
}
