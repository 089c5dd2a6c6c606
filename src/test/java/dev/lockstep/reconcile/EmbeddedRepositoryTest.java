package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRepositoryTest {

  @Test
  void theBundledIndexListsExactlyTheSampleRepository() throws Exception {
    Path sample = Path.of("sample-repo");
    try (Stream<Path> walk = Files.walk(sample)) {
      List<String> onDisk =
          walk.filter(Files::isRegularFile)
              .map(p -> sample.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .toList();
      assertThat(EmbeddedRepository.files())
          .as(
              "src/main/resources/embedded/sample-repo.index must list sample-repo/ (regenerate it)")
          .isEqualTo(onDisk);
    }
  }

  @Test
  void materializeCommitsTheSampleOnMainOnceAndKeepsLaterCommits(@TempDir Path data)
      throws Exception {
    Path repo = EmbeddedRepository.materialize(data);
    assertThat(repo.resolve("clusters/prod/autoupdate_version.yaml")).exists();
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.status().call().isClean()).isTrue();
      Files.writeString(repo.resolve("note.txt"), "mine");
      git.add().addFilepattern("note.txt").call();
      git.commit().setMessage("user change").setSign(false).call();
    }
    EmbeddedRepository.materialize(data);
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.log().call().iterator().next().getShortMessage()).isEqualTo("user change");
    }
  }
}
