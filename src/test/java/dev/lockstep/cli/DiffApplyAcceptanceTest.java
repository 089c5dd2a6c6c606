package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep diff}/{@code apply} through {@link Main} over a fixture repository (real parser
 * and validator).
 */
class DiffApplyAcceptanceTest {
  static final String REPO = "src/test/resources/cli/diff";

  @TempDir Path applied;

  record Run(int code, String out, String err) {}

  Run lockstep(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void firstDiffThenApplyThenNoChange() throws Exception {
    Run first = lockstep("diff", REPO, "--target", "file", "--dir", applied.toString());
    assertThat(first.code()).as(first.out() + first.err()).isEqualTo(1);
    assertThat(first.out())
        .contains(
            "+ cluster_maintenance_config/cluster-maintenance-config  ("
                + REPO
                + "/clusters/prod/maintenance.yaml)")
        .contains("    spec.agents.maintenance_window_duration: (unset) -> \"3600s\"")
        .contains("3 resource(s) to change on the file target.");

    Run apply = lockstep("apply", REPO, "--target", "file", "--dir", applied.toString());
    assertThat(apply.code()).as(apply.out() + apply.err()).isEqualTo(0);
    assertThat(Files.readString(applied.resolve("autoupdate_config.yaml")))
        .contains("maintenance_window_duration: 3600s");

    Run again = lockstep("diff", REPO, "--target", "file", "--dir", applied.toString());
    assertThat(again.code()).as(again.out()).isEqualTo(0);
    assertThat(again.out()).contains("No changes on the file target.");
  }

  @Test
  void kubernetesTargetRefusesTheMaintenanceConfigWithItsLocation() {
    Run diff = lockstep("diff", REPO, "--target", "kubernetes");

    assertThat(diff.code()).isEqualTo(2);
    assertThat(diff.out())
        .contains(REPO + "/clusters/prod/maintenance.yaml:1:1: error [cluster/unsupported-kind]");
  }

  @Test
  void unknownTargetIsExitTwo() {
    assertThat(lockstep("apply", REPO, "--target", "helm").code()).isEqualTo(2);
  }
}
