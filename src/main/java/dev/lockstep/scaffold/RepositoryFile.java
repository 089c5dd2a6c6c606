package dev.lockstep.scaffold;

import java.util.Objects;

/**
 * A file Lockstep writes into a repository.
 *
 * @param path repository-relative, with {@code /} separators (e.g. {@code
 *     clusters/prod/cluster.yaml})
 * @param text the whole content, UTF-8, ending with a line break
 */
public record RepositoryFile(String path, String text) {
  public RepositoryFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
    if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
      throw new IllegalArgumentException("not a repository-relative path: " + path);
    }
  }
}
