package dev.lockstep.cli;

import dev.lockstep.model.DesiredState;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.source.LocalRevisions;
import dev.lockstep.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --base REV}: the same repository folder as PATH, read from another revision of the Git
 * repository that holds PATH (a pull request's target branch), straight from the object database.
 */
final class BaseRevision {
  private BaseRevision() {}

  /**
   * The desired state of {@code path}'s folder at {@code rev}.
   *
   * @throws SourceException when PATH is not in a Git repository or REV names no commit
   */
  static DesiredState read(Path path, String rev) throws SourceException {
    Path folder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    try (LocalRevisions local = LocalRevisions.open(folder)) {
      String relative;
      try {
        relative = local.workTree().toRealPath().relativize(folder.toRealPath()).toString();
      } catch (IOException | IllegalArgumentException e) {
        relative = "";
      }
      return new RepositoryParser().parse(local.tree(rev), relative).state();
    }
  }
}
