package dev.lockstep.cli;

import dev.lockstep.model.DesiredState;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.PathScope;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.source.LocalRevisions;
import dev.lockstep.source.SourceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --base PATH|REV}: the repository before the change (a pull request's target branch), as a
 * folder on disk or as a revision of the Git repository that holds PATH, read straight from the
 * object database. The base is limited to the same clusters as PATH ({@link PathScope}).
 */
final class BaseRevision {
  private BaseRevision() {}

  /**
   * The desired state of the base: {@code base} read as a folder (or file) when it exists, else as
   * a revision of the Git repository holding {@code path}.
   *
   * @throws SourceException when {@code base} is no path, PATH is not in a Git repository, or the
   *     revision names no commit
   */
  static DesiredState state(LocalPath path, LocalPath base) throws SourceException {
    if (base.exists()) {
      return new RepositoryParser().parsePath(base).state();
    }
    return read(path, base.typed());
  }

  /**
   * The desired state of {@code path}'s repository folder at {@code rev}, limited to the clusters
   * PATH names.
   *
   * @throws SourceException when PATH is not in a Git repository or REV names no commit
   */
  static DesiredState read(LocalPath path, String rev) throws SourceException {
    Optional<PathScope> scope = Optional.empty();
    Path folder = path.location().toAbsolutePath().getParent();
    if (path.isDirectory()) {
      try {
        scope = Optional.of(PathScope.of(path));
        folder = scope.get().root();
      } catch (IOException e) {
        folder = path.location();
      }
    }
    try (LocalRevisions local = LocalRevisions.open(folder)) {
      String relative;
      try {
        relative = local.workTree().toRealPath().relativize(folder.toRealPath()).toString();
      } catch (IOException | IllegalArgumentException e) {
        relative = "";
      }
      DesiredState state = new RepositoryParser().parse(local.tree(rev), relative).state();
      return scope.map(s -> s.restrict(state)).orElse(state);
    }
  }
}
