package dev.lockstep.model;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of one revision, as the parser reads them: a directory on disk, or a Git commit read
 * straight from the object database (no working-tree checkout). Paths are repository-relative and
 * use {@code /}.
 */
public interface SourceTree {

  /** A label for the revision, e.g. {@code main@1a2b3c4d} or {@code working tree}. */
  String revision();

  /** Every regular file's path, sorted. */
  List<String> paths() throws IOException;

  /** The size of a file in bytes, read without loading it. */
  long size(String path) throws IOException;

  /** A file's bytes. */
  byte[] read(String path) throws IOException;

  /**
   * The entries that are neither regular files nor folders with content: symbolic links, empty
   * folders and anything else (a pipe, a device). They are never read or followed; they are listed
   * so that the parser can name one that stands where a file belongs instead of skipping it. Hidden
   * entries are left out, as in {@link #paths}. Empty by default (trees without such entries).
   */
  default List<Special> specials() throws IOException {
    return List.of();
  }

  /** What a {@link Special} entry is. */
  enum SpecialKind {
    /** A symbolic link (in Git, a tree entry of mode 120000). */
    SYMBOLIC_LINK,
    /** A folder with nothing in it. */
    EMPTY_FOLDER,
    /** Neither file, folder nor link: a pipe, a socket, a device. */
    OTHER
  }

  /**
   * An entry that is not a regular file.
   *
   * @param path its path, as {@link #paths} gives paths
   * @param kind what it is
   * @param insideTarget for a link that points inside the tree, the tree path it points to (not
   *     followed, only resolved by name); empty for a link that points outside it, and for the
   *     other kinds. The target of a link that leaves the tree is never given, so it cannot be
   *     echoed.
   * @param targetIsFolder for a link inside the tree, whether what it names is a folder of the tree
   */
  record Special(
      String path, SpecialKind kind, Optional<String> insideTarget, boolean targetIsFolder) {
    public Special {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(insideTarget, "insideTarget");
    }
  }
}
