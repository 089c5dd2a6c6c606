package dev.lockstep.cluster.tctl;

import dev.lockstep.cluster.CommandRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs {@link FakeTctl} in this JVM, with the exact argument list a real process would get (the
 * program name first), for tests that make hundreds of calls: replays of recorded rollouts. A few
 * tests run the same fake as a real process through {@link FakeTctlInstall} to keep the process
 * path honest.
 */
public final class FakeTctlRunner implements CommandRunner {
  private final Path state;

  /** A runner whose fake keeps its state in {@code state}. */
  public FakeTctlRunner(Path state) throws IOException {
    this.state = Files.createDirectories(state);
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code =
          new FakeTctl(state, o, e, new ByteArrayInputStream(stdin))
              .run(argv.subList(1, argv.size()).toArray(String[]::new));
    } catch (IOException ex) {
      throw new IllegalStateException("the fake tctl failed", ex);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Serves sample {@code n} of the recording in {@code dir} from now on. */
  public void serve(Path dir, int n) throws IOException {
    Files.writeString(state.resolve("series"), dir.toAbsolutePath().toString());
    Files.writeString(state.resolve("sample"), String.valueOf(n));
  }
}
