package dev.lockstep.source;

import java.nio.file.Path;

/**
 * A process for {@link SourceStartTest}: opens a {@link GitSource} over a fresh mirror, with signed
 * commits not required, as serve does at start, and exits. Usage: {@code OpenGitSource <mirror>}.
 */
public final class OpenGitSource {
  private OpenGitSource() {}

  public static void main(String[] args) throws Exception {
    new GitSource(GitSettings.of("file:///nonexistent", "main", Path.of(args[0]))).close();
  }
}
