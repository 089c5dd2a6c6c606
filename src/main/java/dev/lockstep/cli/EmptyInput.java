package dev.lockstep.cli;

import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The wrong folder: a PATH in which Lockstep found nothing to read (no resource, channel, policy or
 * finding) would otherwise pass as clean. Commands report it as an input error (exit 2), naming the
 * nearest folder above that looks like a repository.
 */
final class EmptyInput {
  private EmptyInput() {}

  /** Why PATH gave nothing to check, with a hint; empty when something was read. */
  static Optional<String> problem(LocalPath path, ParseResult parsed) {
    boolean nothing =
        parsed.state().clusters().isEmpty()
            && parsed.state().channels().isEmpty()
            && parsed.state().policies().isEmpty()
            && parsed.findings().isEmpty();
    if (!nothing) {
      return Optional.empty();
    }
    return Optional.of(
        path
            + " holds nothing Lockstep reads (no Teleport or lockstep_cluster YAML, no "
            + "channels/<name>/version, no policies/): give a repository's root folder, a cluster "
            + "folder or one file"
            + repositoryAbove(path).map(r -> "; the repository may be " + r).orElse(""));
  }

  /** The nearest folder above PATH holding clusters/ or channels/, named from where PATH is. */
  private static Optional<String> repositoryAbove(LocalPath path) {
    Path dir = path.location().toAbsolutePath().normalize().getParent();
    for (int up = 1; dir != null && up <= 3; up++, dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("clusters"))
          || Files.isDirectory(dir.resolve("channels"))) {
        String shown =
            Path.of(path.shown())
                .resolve("../".repeat(up))
                .normalize()
                .toString()
                .replace('\\', '/');
        return Optional.of(shown.isEmpty() ? "." : shown);
      }
    }
    return Optional.empty();
  }
}
