package dev.lockstep.model;

import java.io.IOException;
import java.util.List;

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
}
