package dev.lockstep.source.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion (bounded), failing the test on a non-zero exit. */
final class Cmd {
  private Cmd() {}

  static String run(Path dir, Map<String, String> env, String... argv) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(List.of(argv)).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + String.join(" ", argv));
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", argv) + " exited " + p.exitValue() + ":\n" + text);
      }
      return text.strip();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + argv[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
