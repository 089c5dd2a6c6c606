package dev.lockstep.cli;

import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.TestResources;
import dev.lockstep.parse.ParseResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lockstep diff} and {@code apply} in the JVM, exit codes and output, over the file target.
 * The parsed revision is injected (the commands' parser seam) so these tests pin the commands, not
 * the parser.
 */
class DiffApplyCommandTest {
  @TempDir Path tmp;
  Path repo;
  Path applied;

  record Run(int code, String out, String err) {}

  static Resource version(String target) {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_VERSION,
        map(
            "agents",
            map(
                "start_version",
                "17.2.0",
                "target_version",
                target,
                "schedule",
                "regular",
                "mode",
                "enabled")),
        "clusters/prod/version.yaml");
  }

  static Resource config() {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_CONFIG,
        map("agents", map("mode", "enabled", "strategy", "halt-on-error")),
        "clusters/prod/config.yaml");
  }

  static Resource maintenance() {
    return TestResources.of(
        ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
        map("agent_upgrades", map("utc_start_hour", 2L)),
        "clusters/prod/maintenance.yaml");
  }

  static ParseResult revision(Findings findings, ClusterSource... clusters) {
    return new ParseResult(
        new DesiredState("main@abc1234", List.of(clusters), List.of(), List.of()), findings);
  }

  static ClusterSource prod(Resource... resources) {
    return new ClusterSource("prod", "clusters/prod", null, List.of(resources));
  }

  Run run(Callable<Integer> command, ParseResult parsed, String... args) throws Exception {
    CommandLine.Model.CommandSpec spec;
    if (command instanceof DiffCommand d) {
      d.parser = p -> parsed;
      spec = d.model(new PathArgument());
    } else if (command instanceof ApplyCommand a) {
      a.parser = p -> parsed;
      spec = a.model(new PathArgument());
    } else {
      throw new IllegalArgumentException("diff or apply, not " + command);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(spec);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(repo.toString()));
    all.addAll(List.of(args));
    int code = cl.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  Run diff(ParseResult parsed, String... args) throws Exception {
    return run(new DiffCommand(), parsed, withDir(args));
  }

  Run apply(ParseResult parsed, String... args) throws Exception {
    return run(new ApplyCommand(), parsed, withDir(args));
  }

  String[] withDir(String... args) {
    List<String> all =
        new ArrayList<>(List.of("--auth-version", "17.3.0", "--dir", applied.toString()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  @org.junit.jupiter.api.BeforeEach
  void setUp() throws Exception {
    repo = Files.createDirectories(tmp.resolve("repo"));
    applied = tmp.resolve("applied");
  }

  @Test
  void diffExitsOneOnChangeThenApplyThenDiffExitsZero() throws Exception {
    ParseResult parsed = revision(Findings.NONE, prod(config(), version("17.3.0")));

    Run first = diff(parsed);
    assertThat(first.code()).as(first.err()).isEqualTo(1);
    assertThat(first.out())
        .contains("+ autoupdate_config/autoupdate-config  (clusters/prod/config.yaml)")
        .contains("    spec.agents.target_version: (unset) -> \"17.3.0\"")
        .contains("2 resource(s) to change on the file target.");

    Run applyRun = apply(parsed);
    assertThat(applyRun.code()).as(applyRun.out() + applyRun.err()).isEqualTo(0);
    assertThat(applyRun.out()).contains("Applied revision main@abc1234: 2 resource(s) changed");

    Run again = diff(parsed);
    assertThat(again.code()).isEqualTo(0);
    assertThat(again.out()).contains("No changes on the file target.");
  }

  @Test
  void liveEditIsShownByDiffAndUndoneByApply() throws Exception {
    ParseResult parsed = revision(Findings.NONE, prod(version("17.3.0")));
    apply(parsed);
    Path file = applied.resolve("autoupdate_version.yaml");
    Files.writeString(file, Files.readString(file).replace("17.3.0", "17.2.5"));

    Run drift = diff(parsed);
    assertThat(drift.code()).isEqualTo(1);
    assertThat(drift.out())
        .contains("~ autoupdate_version/autoupdate-version")
        .contains("spec.agents.target_version: \"17.2.5\" -> \"17.3.0\"");

    assertThat(apply(parsed).code()).isEqualTo(0);
    assertThat(diff(parsed).code()).isEqualTo(0);
  }

  @Test
  void invalidRevisionExitsTwoAndAppliesNothing() throws Exception {
    Finding error =
        Finding.error(
            new Rule("teleport/example", Severity.ERROR, "x"),
            "unsupported schedule type: \"weekly\"",
            new SourceLocation("clusters/prod/version.yaml", 6, 15),
            "spec.agents.schedule");
    ParseResult parsed = revision(Findings.of(error), prod(version("17.3.0")));

    Run d = diff(parsed);
    Run a = apply(parsed);

    assertThat(d.code()).isEqualTo(2);
    assertThat(d.out())
        .contains(
            "clusters/prod/version.yaml:6:15: error [teleport/example] unsupported schedule type: \"weekly\"");
    assertThat(a.code()).isEqualTo(2);
    assertThat(a.out()).contains("has 1 error finding(s): nothing was applied");
    assertThat(applied).doesNotExist();
  }

  @Test
  void maintenanceConfigOnTheKubernetesTargetIsInvalidBeforeAnyClusterIsContacted()
      throws Exception {
    ParseResult parsed = revision(Findings.NONE, prod(maintenance(), config()));

    Run d = run(new DiffCommand(), parsed, "--auth-version", "17.3.0", "--target", "kubernetes");

    assertThat(d.code()).isEqualTo(2);
    assertThat(d.out())
        .contains("clusters/prod/maintenance.yaml:1:1: error [cluster/unsupported-kind]");
  }

  @Test
  void unknownTargetIsAUsageError() throws Exception {
    Run d = diff(revision(Findings.NONE, prod(config())), "--target", "terraform");

    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err())
        .contains("--target: unknown target \"terraform\" (expected kubernetes, tctl or file)");
  }

  @Test
  void unreachableTargetExitsThree() throws Exception {
    Path identity = Files.writeString(tmp.resolve("identity"), "x");
    Run d =
        diff(
            revision(Findings.NONE, prod(config())),
            "--target",
            "tctl",
            "--tctl",
            tmp.resolve("no-such-tctl").toString(),
            "--auth-server",
            "127.0.0.1:1",
            "--identity",
            identity.toString());

    assertThat(d.code()).isEqualTo(3);
    assertThat(d.err()).contains("cannot run").contains("no-such-tctl");
  }

  @Test
  void tctlTargetWithoutCredentialsIsAUsageError() throws Exception {
    Run d = diff(revision(Findings.NONE, prod(config())), "--target", "tctl");

    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err())
        .contains("--target tctl needs --identity FILE with --auth-server HOST:PORT");
  }

  @Test
  void dryRunWritesNothingAndExitsZero() throws Exception {
    Run a = apply(revision(Findings.NONE, prod(config())), "--dry-run");

    assertThat(a.code()).isEqualTo(0);
    assertThat(a.out())
        .contains("would apply + autoupdate_config/autoupdate-config")
        .contains("Dry run of revision main@abc1234");
    assertThat(applied).doesNotExist();
  }

  @Test
  void severalClustersNeedClusterOption() throws Exception {
    ParseResult parsed =
        revision(
            Findings.NONE,
            prod(config()),
            new ClusterSource("staging", "clusters/staging", null, List.of(config())));

    Run d = diff(parsed);
    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err())
        .contains("holds several clusters (prod, staging): choose one with --cluster NAME");

    assertThat(diff(parsed, "--cluster", "staging").code()).isEqualTo(1);
  }

  @Test
  void unreachableProxyWithLiveExitsThree() throws Exception {
    Run d =
        diff(
            revision(Findings.NONE, prod(config())),
            "--live",
            "--proxy",
            "http://127.0.0.1:1",
            "--proxy-timeout",
            "1s");

    assertThat(d.code()).isEqualTo(3);
    assertThat(d.err())
        .contains("cannot read /webapi/find from the Proxy 127.0.0.1:1 after 3 attempt(s)");
  }

  @Test
  void missingPathIsAUsageError() throws Exception {
    Files.delete(repo);

    assertThat(diff(revision(Findings.NONE, prod(config()))).code()).isEqualTo(2);
  }
}
