package dev.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Finding;
import dev.lockstep.model.SourceTree;
import dev.lockstep.parse.DirectoryTree;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links are never followed, in a working tree ({@link DirectoryTree}) or in a Git commit
 * ({@link GitTree}, whose links are tree entries of mode 120000): both trees list the same links,
 * with where they point only when that is inside the repository, and the parser names each link
 * where a file belongs. A link to a file outside the repository is neither read nor resolved in a
 * message.
 */
class SpecialEntriesTest {
  static final String SECRET = "TOP-SECRET-MARKER-4711";

  @TempDir Path dir;
  Path repo;
  Path outside;

  @BeforeEach
  void repository() throws Exception {
    repo = Files.createDirectories(dir.resolve("repo"));
    outside = Files.writeString(dir.resolve("passwd"), "root:x:0:0:" + SECRET + "\n");
    Path prod = Files.createDirectories(repo.resolve("clusters/prod"));
    Files.writeString(
        prod.resolve("cluster.yaml"), "kind: lockstep_cluster\nmetadata: {name: prod}\n");
    Files.createDirectories(repo.resolve("common"));
    Files.writeString(
        repo.resolve("common/version.yaml"),
        "kind: autoupdate_version\nspec: {agents: {start_version: 17.2.1, target_version: 17.2.1,"
            + " schedule: regular, mode: enabled}}\n");
    Files.createSymbolicLink(
        prod.resolve("autoupdate_version.yaml"), Path.of("../../common/version.yaml"));
    Files.createSymbolicLink(prod.resolve("stolen.yaml"), outside.toAbsolutePath());
    Files.createSymbolicLink(prod.resolve("escape.yaml"), Path.of("../../../passwd"));
    Files.createSymbolicLink(repo.resolve("clusters/staging"), Path.of("../common"));
    Files.createSymbolicLink(repo.resolve("README.md"), Path.of("common/version.yaml"));
  }

  @Test
  void aWorkingTreeListsLinksWithoutFollowingThem() throws Exception {
    DirectoryTree tree = DirectoryTree.of(repo);

    assertThat(tree.paths()).containsExactly("clusters/prod/cluster.yaml", "common/version.yaml");
    assertThat(tree.specials())
        .containsExactly(
            link("README.md", "common/version.yaml", false),
            link("clusters/prod/autoupdate_version.yaml", "common/version.yaml", false),
            link("clusters/prod/escape.yaml", null, false),
            link("clusters/prod/stolen.yaml", null, false),
            link("clusters/staging", "common", true));
    assertNamedAndNotRead(tree);
  }

  @Test
  void aGitCommitListsTheSameLinks() throws Exception {
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("links")
          .setSign(false)
          .setAuthor("t", "t@localhost")
          .setCommitter("t", "t@localhost")
          .call();
      Repository r = git.getRepository();
      GitTree tree = GitTree.of(r, r.resolve("HEAD"), "main@test");

      assertThat(tree.paths()).containsExactly("clusters/prod/cluster.yaml", "common/version.yaml");
      assertThat(tree.specials()).containsExactlyElementsOf(DirectoryTree.of(repo).specials());
      assertNamedAndNotRead(tree);
    }
  }

  private void assertNamedAndNotRead(SourceTree tree) {
    ParseResult result = new RepositoryParser().parse(tree);
    List<Finding> notAFile =
        result.findings().stream().filter(f -> f.rule().equals("parse/not-a-file")).toList();

    assertThat(notAFile)
        .extracting(f -> f.location().file())
        .containsExactly(
            "clusters/prod/autoupdate_version.yaml",
            "clusters/prod/escape.yaml",
            "clusters/prod/stolen.yaml",
            "clusters/staging");
    assertThat(notAFile.get(0).message()).contains("is a symbolic link to common/version.yaml");
    assertThat(notAFile.get(1).message()).contains("points outside the repository");
    assertThat(notAFile.get(3).message()).contains("a copy of the folder");
    assertThat(result.findings().stream().map(Finding::toString))
        .noneMatch(s -> s.contains(SECRET) || s.contains("passwd") || s.contains(dir.toString()));
    assertThat(result.state().clusters()).hasSize(1);
    assertThat(result.state().clusters().get(0).resources())
        .as("nothing is read through a link")
        .isEmpty();
  }

  private static SourceTree.Special link(String path, String target, boolean folder) {
    return new SourceTree.Special(
        path, SourceTree.SpecialKind.SYMBOLIC_LINK, Optional.ofNullable(target), folder);
  }
}
