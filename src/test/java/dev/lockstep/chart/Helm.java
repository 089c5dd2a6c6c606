package dev.lockstep.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the Helm binary that charts/install-helm.sh installs (or one named by HELM / on the PATH).
 */
final class Helm {
  /** The chart under test, relative to the project folder (surefire's working directory). */
  static final Path CHART = Path.of("charts", "lockstep").toAbsolutePath();

  /** Same pinned version as charts/install-helm.sh. */
  static final String VERSION = "v4.1.4";

  /** What one helm run printed and returned. */
  record Result(int exit, String out, String err) {}

  private final Path binary;

  private Helm(Path binary) {
    this.binary = binary;
  }

  /**
   * The helm binary: $HELM, then the install script's folder, then the PATH; empty when none
   * exists.
   */
  static Optional<Helm> locate() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("HELM"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    String tools =
        Optional.ofNullable(System.getenv("LOCKSTEP_TOOLS_DIR"))
            .orElseGet(
                () ->
                    Optional.ofNullable(System.getenv("XDG_CACHE_HOME"))
                            .orElse(System.getProperty("user.home") + "/.cache")
                        + "/lockstep/tools");
    candidates.add(Path.of(tools, "helm-" + VERSION, "helm"));
    Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":"))
        .filter(s -> !s.isBlank())
        .map(dir -> Path.of(dir, "helm"))
        .forEach(candidates::add);
    return candidates.stream().filter(Files::isExecutable).findFirst().map(Helm::new);
  }

  /** Runs helm with these arguments in the project folder; bounded to two minutes. */
  Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("helm", ".out");
      Path err = Files.createTempFile("helm", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new AssertionError("helm did not finish in 2 minutes: " + command);
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
