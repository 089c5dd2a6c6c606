package dev.lockstep.bump;

import static dev.lockstep.bump.Inputs.NOW;
import static dev.lockstep.bump.Inputs.release;
import static dev.lockstep.bump.Inputs.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.SourceTree;
import dev.lockstep.parse.MemoryTree;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Bump#propose}: decide, edit byte for byte, check; refused edits are never proposed. */
class BumpTest {

  /** Records what it was asked to check; answers with the findings it was given. */
  static final class RecordingCheck implements EditCheck {
    final List<String> checked = new ArrayList<>();
    final Findings findings;
    SourceTree last;
    Instant planFrom;

    RecordingCheck(Findings findings) {
      this.findings = findings;
    }

    @Override
    public Verdict check(
        SourceTree edited,
        SourceTree base,
        String folder,
        String cluster,
        dev.lockstep.validate.ValidationContext context,
        Instant from) {
      checked.add(cluster + " " + context.authVersion().map(Object::toString).orElse("-"));
      last = edited;
      planFrom = from;
      return new Verdict(findings, Optional.of("#### plan of " + cluster + "\n"), "");
    }
  }

  static Bump.Request request(MemoryTree tree, List<String> clusters, Release... releases) {
    DesiredState state = new RepositoryParser().parse(tree).state();
    Map<String, Ceiling> ceilings =
        Map.of(
            "prod", new Ceiling(v("17.4.2"), Ceiling.Source.FLAG, ""),
            "staging", new Ceiling(v("17.4.2"), Ceiling.Source.FLAG, ""));
    return new Bump.Request(
        tree, "", state, clusters, List.of(releases), ceilings, Map.of(), Map.of(), NOW);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void proposesTheEditedFilesByteForByteAndChecksTheEditedRevision() throws Exception {
    MemoryTree tree = Repos.twoClusters();
    RecordingCheck check = new RecordingCheck(Findings.NONE);

    BumpReport report = Bump.propose(request(tree, List.of("prod"), release("17.3.0", 8)), check);

    ClusterBump prod = report.clusters().get(0);
    assertThat(prod.outcome()).isEqualTo(Outcome.PROPOSED);
    assertThat(prod.files())
        .extracting(FileChange::path)
        .containsExactly("clusters/prod/autoupdate_version.yaml");
    FileChange f = prod.files().get(0);
    assertThat(f.after()).isEqualTo(Repos.version("17.2.1", "17.3.0"));
    assertThat(f.notes())
        .containsExactly(
            "spec.agents.start_version: 17.2.0 -> 17.2.1",
            "spec.agents.target_version: 17.2.1 -> 17.3.0",
            "spec.tools.target_version: 17.2.1 -> 17.3.0");
    assertThat(check.checked).containsExactly("prod 17.4.2");
    assertThat(text(check.last.read("clusters/prod/autoupdate_version.yaml")))
        .contains("target_version: 17.3.0");
    assertThat(check.planFrom).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    assertThat(prod.plan()).contains("#### plan of prod\n");
  }

  @Test
  void aChannelMovesOnlyWhenEveryClusterFollowingItTargetsTheNewVersion() throws Exception {
    MemoryTree tree = Repos.twoClusters();

    BumpReport onlyProd =
        Bump.propose(
            request(tree, List.of("prod"), release("17.3.0", 8)),
            new RecordingCheck(Findings.NONE));
    assertThat(onlyProd.clusters().get(0).files())
        .extracting(FileChange::path)
        .containsExactly("clusters/prod/autoupdate_version.yaml");

    BumpReport both =
        Bump.propose(
            request(tree, List.of(), release("17.3.0", 8)), new RecordingCheck(Findings.NONE));
    for (ClusterBump b : both.clusters()) {
      assertThat(b.files())
          .extracting(FileChange::path)
          .containsExactly(
              "clusters/" + b.cluster() + "/autoupdate_version.yaml",
              "channels/stable/rolling/version");
      assertThat(b.files().get(1).after()).isEqualTo("v17.3.0\n");
      assertThat(b.files().get(1).notes()).containsExactly("version: v17.2.1 -> v17.3.0");
    }

    tree.put("clusters/staging/autoupdate_version.yaml", Repos.version("17.2.1", "17.3.0"));
    BumpReport stagingAhead =
        Bump.propose(
            request(tree, List.of("prod"), release("17.3.0", 8)),
            new RecordingCheck(Findings.NONE));
    assertThat(stagingAhead.clusters().get(0).files())
        .extracting(FileChange::path)
        .containsExactly(
            "clusters/prod/autoupdate_version.yaml", "channels/stable/rolling/version");
  }

  @Test
  void anEditThatFailsValidationIsRefusedNotProposed() throws Exception {
    Finding error =
        Finding.of(
            dev.lockstep.validate.CompatRules.NEWER_THAN_AUTH,
            "x",
            new SourceLocation("clusters/prod/autoupdate_version.yaml", 12, 21),
            "spec.agents.target_version");
    BumpReport report =
        Bump.propose(
            request(Repos.twoClusters(), List.of("prod"), release("17.3.0", 8)),
            new RecordingCheck(Findings.of(error)));

    ClusterBump prod = report.clusters().get(0);
    assertThat(prod.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(prod.decision().proposed()).isEmpty();
    assertThat(prod.decision().reason())
        .isEqualTo("the edited revision fails validation (1 error(s)); 17.3.0 is not proposed");
    assertThat(prod.findings().items()).containsExactly(error);
    assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void anEditTheYamlCannotTakeIsRefusedWithFileLineAndField() throws Exception {
    MemoryTree tree = Repos.twoClusters();
    tree.put(
        "clusters/prod/autoupdate_version.yaml",
        "kind: autoupdate_version\nversion: v1\nmetadata:\n  name: autoupdate-version\nspec:\n"
            + "  agents:\n    start_version: &v 17.2.1\n    target_version: *v\n"
            + "    schedule: regular\n    mode: enabled\n");
    BumpReport report =
        Bump.propose(
            request(tree, List.of("prod"), release("17.3.0", 8)),
            new RecordingCheck(Findings.NONE));

    assertThat(report.clusters().get(0).decision().reason())
        .startsWith(
            "the edit to 17.3.0 cannot be made: clusters/prod/autoupdate_version.yaml:7:23:"
                + " spec.agents.target_version is set to both \"17.2.1\" and \"17.3.0\" (the"
                + " same scalar as spec.agents.start_version); set it once");
  }

  @Test
  void rendersTextJsonAndMarkdown() throws Exception {
    BumpReport report =
        Bump.propose(
            request(
                Repos.twoClusters(),
                List.of(),
                release("17.3.1", 2),
                Inputs.security("17.3.0", 8),
                release("17.2.9", 20)),
            new RecordingCheck(
                Findings.of(
                    new Finding(
                        Severity.WARNING,
                        "channel/target-mismatch",
                        "example warning",
                        new SourceLocation("channels/stable/rolling/version", 1, 1),
                        ""))));
    Map<String, Delivered> delivered =
        Map.of(
            "prod",
            new Delivered(
                "pr",
                "created",
                Optional.of("lockstep/bump/prod/17.3.0"),
                Optional.of("0123456789abcdef0123456789abcdef01234567"),
                Optional.of("https://github.example/acme/fleet/pull/7"),
                List.of("https://github.example/acme/fleet/pull/5")));

    Golden.assertMatches(BumpTest.class, "report-text", BumpFormat.TEXT.render(report, delivered));
    Golden.assertMatches(BumpTest.class, "report-json", BumpFormat.JSON.render(report, delivered));
    Golden.assertMatches(
        BumpTest.class, "report-markdown", BumpFormat.MARKDOWN.render(report, Map.of()));
  }
}
