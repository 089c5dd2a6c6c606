package dev.lockstep.cli;

import dev.lockstep.parse.LocalPath;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Converts a path argument (PATH, {@code --policies DIR}, {@code --base PATH|REV}) into a {@link
 * LocalPath} resolved against the command line's working directory, keeping what the user wrote for
 * messages and findings. {@link Main} creates it with its working directory; a command run on its
 * own gets the process's current directory.
 */
final class PathArgument implements CommandLine.ITypeConverter<LocalPath> {
  private final Path workingDirectory;

  /** Resolves against the process's current directory. */
  PathArgument() {
    this(Path.of(""));
  }

  PathArgument(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  @Override
  public LocalPath convert(String value) {
    return resolve(workingDirectory, value);
  }

  /**
   * {@code value} resolved against {@code workingDirectory}; a value that cannot be a path is a
   * usage error (exit 2).
   */
  static LocalPath resolve(Path workingDirectory, String value) {
    try {
      return LocalPath.of(workingDirectory, value);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a valid path: " + e.getReason());
    }
  }
}
