package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep validate PATH --base REV}: a pull request checked against its target branch. */
class ValidateBaseTest {
  @TempDir Path repo;

  static String version(String target) {
    return "kind: autoupdate_version\nversion: v1\nmetadata:\n  name: autoupdate-version\nspec:\n  agents:\n"
        + "    start_version: "
        + target
        + "\n    target_version: "
        + target
        + "\n    schedule: regular\n    mode: enabled\n";
  }

  private int run(StringWriter out, StringWriter err, String... args) {
    return runIn(Path.of(""), out, err, args);
  }

  private static int runIn(
      Path workingDirectory, StringWriter out, StringWriter err, String... args) {
    return Main.execute(
        workingDirectory, args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void aMajorSkipAgainstTheBaseFailsAndOneMajorPasses() throws Exception {
    Path file = repo.resolve("clusters/prod/autoupdate_version.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, version("17.2.1"));
    commit(repo);

    Files.writeString(file, version("19.0.0"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "validate", repo.toString(), "--base", "main"))
        .as(out + "\n" + err)
        .isEqualTo(ExitCodes.FINDINGS);
    assertThat(out.toString()).contains("[compat/major-skip]").contains("autoupdate_version.yaml");

    Files.writeString(file, version("18.0.0"));
    out = new StringWriter();
    assertThat(run(out, err, "validate", repo.toString(), "--base", "main"))
        .as(out + "\n" + err)
        .isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).doesNotContain("compat/major-skip");
  }

  @Test
  void anUnknownBaseIsAnInputError() throws Exception {
    Files.writeString(repo.resolve("autoupdate_version.yaml"), version("17.2.1"));
    commit(repo);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "validate", repo.toString(), "--base", "origin/main"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--base origin/main").contains("does not exist");
  }

  static void commit(Path dir) throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("base")
          .setAuthor("a", "a@x")
          .setCommitter("a", "a@x")
          .setSign(false)
          .call();
    }
  }

  @Test
  void aFolderBaseIsReadAsPlanReadsIt(@TempDir Path before) throws Exception {
    Files.createDirectories(before.resolve("clusters/prod"));
    Files.writeString(before.resolve("clusters/prod/autoupdate_version.yaml"), version("17.2.1"));
    Path file = repo.resolve("clusters/prod/autoupdate_version.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, version("19.0.0"));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "validate", repo.toString(), "--base", before.toString()))
        .as(out + "\n" + err)
        .isEqualTo(ExitCodes.FINDINGS);
    assertThat(out.toString()).contains("[compat/major-skip]");
  }

  @Test
  void fromInsideAClusterFolderTheBaseIsTheSameClusterOfTheRepository() throws Exception {
    Path prod = repo.resolve("clusters/prod");
    Files.createDirectories(prod);
    Files.writeString(
        prod.resolve("cluster.yaml"),
        "kind: lockstep_cluster\nmetadata:\n  name: prod\nspec:\n  auth_version: 19.0.0\n"
            + "  channels: [stable]\n");
    Files.writeString(prod.resolve("autoupdate_version.yaml"), version("17.2.1"));
    Files.createDirectories(repo.resolve("channels/stable"));
    Files.writeString(repo.resolve("channels/stable/version"), "17.2.1\n");
    Files.writeString(repo.resolve("channels/stable/critical"), "no\n");
    commit(repo);
    Files.writeString(prod.resolve("autoupdate_version.yaml"), version("19.0.0"));
    Files.writeString(repo.resolve("channels/stable/version"), "19.0.0\n");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = runIn(prod, out, err, "validate", ".", "--base", "main");

    assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.FINDINGS);
    assertThat(out.toString())
        .contains("autoupdate_version.yaml:")
        .contains("[compat/major-skip]")
        .doesNotContain("compat/unknown-channel");
  }

  @Test
  void anUnknownRevisionNamesTheGitRepositoryHoldingPath() throws Exception {
    Path prod = repo.resolve("clusters/prod");
    Files.createDirectories(prod);
    Files.writeString(prod.resolve("autoupdate_version.yaml"), version("17.2.1"));
    commit(repo);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = runIn(prod, out, err, "validate", ".", "--base", "origin/main");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("--base origin/main: revision origin/main does not exist in " + repo.toRealPath())
        .contains("git fetch");
  }
}
