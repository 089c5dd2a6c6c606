package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep init}: the new repository validates clean and is never written over unasked. */
class InitCommandTest {
  @TempDir Path tmp;

  @Test
  void theExampleRepositoryValidatesClean() throws Exception {
    Path repo = tmp.resolve("new");

    CliRun init = CliRun.of("init", repo.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(init.out())
        .contains("wrote " + repo + "/clusters/prod/cluster.yaml")
        .contains("wrote " + repo + "/policies/recommended.yaml")
        .contains("wrote " + repo + "/.github/workflows/lockstep.yaml")
        .contains("Next: lockstep validate " + repo);
    assertThat(repo.resolve("policies/recommended.yaml"))
        .hasSameTextualContentAs(Path.of("policies/recommended.yaml"));
    assertThat(repo.resolve(".github/workflows/lockstep.yaml"))
        .hasSameTextualContentAs(Path.of("sample-repo/.github/workflows/lockstep.yaml"));

    CliRun validate = CliRun.of("validate", repo.toString(), "--fail-on", "warning");
    assertThat(validate.exit()).as(validate.out() + validate.err()).isZero();
    assertThat(validate.out()).contains("0 errors, 0 warnings");
  }

  @Test
  void withoutTheExampleItHoldsNoClusterAndValidatesClean() throws Exception {
    Path repo = tmp.resolve("empty");

    CliRun init = CliRun.of("init", repo.toString(), "--no-example");
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(repo.resolve("clusters/README.md")).exists();
    assertThat(repo.resolve("channels/README.md")).exists();
    assertThat(repo.resolve("clusters/prod")).doesNotExist();

    CliRun validate = CliRun.of("validate", repo.toString(), "--fail-on", "warning");
    assertThat(validate.exit()).as(validate.out() + validate.err()).isZero();
  }

  @Test
  void refusesToOverwriteUnlessForced() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("kept"));
    Path readme = Files.writeString(repo.resolve("README.md"), "mine\n");

    CliRun init = CliRun.of("init", repo.toString());
    assertThat(init.exit()).isEqualTo(2);
    assertThat(init.err())
        .isEqualTo(
            "lockstep: refusing to overwrite " + repo + "/README.md: pass --force to replace it\n");
    assertThat(readme).hasContent("mine");
    try (var files = Files.list(repo)) {
      assertThat(files.toList()).containsExactly(readme);
    }

    CliRun forced = CliRun.of("init", repo.toString(), "--force");
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(Files.readString(readme)).startsWith("# Teleport Managed Updates");
  }

  @Test
  void aFileInPlaceOfTheFolderIsAUsageError() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "");

    CliRun init = CliRun.of("init", file.toString());
    assertThat(init.exit()).isEqualTo(2);
    assertThat(init.err()).contains(file + " is not a folder");
    assertThat(file).isEmptyFile();
  }
}
