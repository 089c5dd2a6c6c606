package dev.lockstep.scaffold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link RepositoryFile}s under a repository's root. Each file is written to a temporary
 * file beside it and moved into place, so a reader never sees half a file; folders are created as
 * needed. Nothing is deleted, and a symbolic link is never written through.
 */
public final class RepositoryWriter {
  private RepositoryWriter() {}

  /**
   * The files that already exist under {@code root} (as anything: a file, a folder, a link), in the
   * order given; a caller refuses to overwrite them unless told to.
   */
  public static List<String> existing(Path root, List<RepositoryFile> files) {
    List<String> out = new ArrayList<>();
    for (RepositoryFile f : files) {
      if (Files.exists(root.resolve(f.path()), LinkOption.NOFOLLOW_LINKS)) {
        out.add(f.path());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Writes every file, replacing a regular file of the same name.
   *
   * @throws IOException when a folder or file cannot be written, or a path of a file is taken by a
   *     folder or a symbolic link (the message names it)
   */
  public static void write(Path root, List<RepositoryFile> files) throws IOException {
    for (RepositoryFile f : files) {
      Path target = root.resolve(f.path());
      if (Files.isSymbolicLink(target) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(
            f.path() + " is a " + (Files.isSymbolicLink(target) ? "symbolic link" : "folder"));
      }
      Path folder = target.getParent();
      Files.createDirectories(folder);
      Path tmp = Files.createTempFile(folder, ".lockstep-", ".tmp");
      try {
        Files.writeString(tmp, f.text(), StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
