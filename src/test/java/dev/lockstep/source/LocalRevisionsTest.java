package dev.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --base REV}: a revision of the local checkout read without touching the working tree. */
class LocalRevisionsTest {
  @TempDir Path dir;

  @Test
  void readsABaseRevisionFromTheObjectDatabaseNotTheWorkingTree() throws Exception {
    RevCommit base;
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.createDirectories(dir.resolve("clusters/prod"));
      Files.writeString(dir.resolve("clusters/prod/v.yaml"), "target: 17.0.0\n");
      Files.createDirectories(dir.resolve(".github"));
      Files.writeString(dir.resolve(".github/ci.yaml"), "on: push\n");
      git.add().addFilepattern(".").call();
      base =
          git.commit()
              .setMessage("base")
              .setAuthor("a", "a@x")
              .setCommitter("a", "a@x")
              .setSign(false)
              .call();
      Files.writeString(dir.resolve("clusters/prod/v.yaml"), "target: 19.0.0\n");
      Files.writeString(dir.resolve("clusters/prod/new.yaml"), "x: 1\n");
    }
    try (LocalRevisions local = LocalRevisions.open(dir.resolve("clusters"))) {
      GitTree tree = local.tree("main");
      assertThat(tree.paths()).containsExactly("clusters/prod/v.yaml");
      assertThat(new String(tree.read("clusters/prod/v.yaml"), StandardCharsets.UTF_8))
          .isEqualTo("target: 17.0.0\n");
      assertThat(tree.size("clusters/prod/v.yaml")).isEqualTo(15);
      assertThat(tree.revision()).isEqualTo("main@" + base.name().substring(0, 8));
      assertThat(local.tree(base.name()).paths()).containsExactly("clusters/prod/v.yaml");
      assertThatThrownBy(() -> local.tree("origin/nope"))
          .isInstanceOfSatisfying(
              SourceException.class,
              e -> assertThat(e.reason()).isEqualTo(SourceException.Reason.REF_NOT_FOUND))
          .hasMessageContaining("origin/nope");
    }
  }

  @Test
  void aFolderOutsideAnyRepositoryIsAClearError(@TempDir Path elsewhere) {
    assertThatThrownBy(() -> LocalRevisions.open(elsewhere))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("not inside a Git repository");
  }
}
