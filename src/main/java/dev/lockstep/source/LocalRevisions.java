package dev.lockstep.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads revisions of a local repository (the CI checkout) for {@code lockstep validate --base REV}
 * and {@code plan --base REV}: the base is read from the object database, never checked out.
 */
public final class LocalRevisions implements AutoCloseable {
  private final Repository repository;

  private LocalRevisions(Repository repository) {
    this.repository = repository;
  }

  /**
   * Opens the repository containing {@code dir} (searching parent folders for {@code .git}, as git
   * does).
   *
   * @throws SourceException {@code REPOSITORY_NOT_FOUND} when {@code dir} is not inside a Git
   *     repository
   */
  public static LocalRevisions open(Path dir) throws SourceException {
    FileRepositoryBuilder b =
        new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toAbsolutePath().toFile());
    if (b.getGitDir() == null) {
      throw new SourceException(
          SourceException.Reason.REPOSITORY_NOT_FOUND,
          dir.toString(),
          dir + " is not inside a Git repository; --base needs one");
    }
    try {
      return new LocalRevisions(b.build());
    } catch (IOException e) {
      throw new SourceException(
          SourceException.Reason.REPOSITORY_NOT_FOUND,
          dir.toString(),
          "cannot open the Git repository at " + dir);
    }
  }

  /** The repository's work tree, if it has one. */
  public Path workTree() {
    return repository.isBare()
        ? repository.getDirectory().toPath()
        : repository.getWorkTree().toPath();
  }

  /**
   * The files of {@code rev} (a branch, tag, {@code origin/main}, {@code HEAD~1}, a commit id:
   * anything {@code git rev-parse} accepts that JGit understands), labelled {@code REV@1a2b3c4d}.
   *
   * @throws SourceException {@code REF_NOT_FOUND} when {@code rev} does not name a commit
   */
  public GitTree tree(String rev) throws SourceException {
    try {
      ObjectId id = repository.resolve(rev + "^{commit}");
      if (id == null) {
        throw new SourceException(
            SourceException.Reason.REF_NOT_FOUND,
            workTree().toString(),
            "revision "
                + rev
                + " does not exist in "
                + workTree()
                + " (fetch it first, e.g. git fetch origin main)");
      }
      return GitTree.of(repository, id, rev + "@" + id.name().substring(0, 8));
    } catch (IOException | RuntimeException e) {
      throw new SourceException(
          SourceException.Reason.REF_NOT_FOUND,
          workTree().toString(),
          "revision " + rev + " cannot be read from " + workTree());
    }
  }

  /** The URL of a configured remote ({@code origin}), if there is one. */
  public java.util.Optional<String> remoteUrl(String remote) {
    return java.util.Optional.ofNullable(repository.getConfig().getString("remote", remote, "url"));
  }

  /**
   * The last {@code limit} versions of {@code path} on {@code rev}, oldest first ({@link
   * FileHistory}); empty when {@code rev} does not exist.
   *
   * @throws SourceException when the history cannot be read
   */
  public List<FileHistory.Version> fileHistory(String rev, String path, int limit)
      throws SourceException {
    try {
      ObjectId id = repository.resolve(rev + "^{commit}");
      if (id == null) {
        return List.of();
      }
      return FileHistory.of(repository, id, path, limit);
    } catch (IOException | RuntimeException e) {
      throw new SourceException(
          SourceException.Reason.IO,
          workTree().toString(),
          "cannot read the history of " + path + " on " + rev + " in " + workTree());
    }
  }

  @Override
  public void close() {
    repository.close();
  }
}
