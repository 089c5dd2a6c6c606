package dev.lockstep.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A path given on the command line: where it is on disk and how the user wrote it. Relative paths
 * are resolved against a working directory that callers pass in (the process's own, or a test's),
 * so nothing here reads the process's current directory on its own.
 *
 * @param location the path to read: {@code typed} resolved against the working directory
 * @param typed the path exactly as the user wrote it (a Git revision name for {@code --base REV})
 */
public record LocalPath(Path location, String typed) {

  public LocalPath {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(typed, "typed");
  }

  /**
   * {@code typed} resolved against {@code workingDirectory}; an absolute {@code typed} stays as it
   * is.
   *
   * @throws java.nio.file.InvalidPathException when {@code typed} cannot be a path (e.g. a NUL)
   */
  public static LocalPath of(Path workingDirectory, String typed) {
    return new LocalPath(workingDirectory.resolve(typed), typed);
  }

  /**
   * How findings name this path: as written, without {@code .} segments, repeated or trailing
   * slashes, and with {@code dir/..} pairs folded ({@code ./sample-repo/} is {@code sample-repo},
   * {@code .} and {@code ./} are "", {@code ..} stays {@code ..}).
   */
  public String shown() {
    String s = Path.of(typed).normalize().toString().replace('\\', '/');
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** The prefix of the names of files under this folder: "" for the working directory itself. */
  public String shownPrefix() {
    String s = shown();
    return s.isEmpty() || s.endsWith("/") ? s : s + "/";
  }

  /** True when something exists at this path (a link to nothing does not). */
  public boolean exists() {
    return Files.exists(location);
  }

  /** True for a folder (or a link to one). */
  public boolean isDirectory() {
    return Files.isDirectory(location);
  }

  /** The path as findings and messages name it: {@link #shown()}, or {@code .} for "". */
  @Override
  public String toString() {
    String s = shown();
    return s.isEmpty() ? "." : s;
  }
}
