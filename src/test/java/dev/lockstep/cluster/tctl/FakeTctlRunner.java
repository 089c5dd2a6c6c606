package dev.lockstep.cluster.tctl;

import dev.lockstep.cluster.CommandRunner;
import dev.lockstep.cluster.TctlSettings;
import dev.lockstep.cluster.TctlTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

  /**
   * The tctl target as {@code serve} builds it (auth server on loopback, a Machine ID identity
   * file) running this fake; writes the identity file into the fake's state.
   */
  public TctlTarget target() throws IOException {
    Path identity = state.resolve("identity");
    Files.writeString(identity, "not a real identity");
    return new TctlTarget(
        new TctlSettings(
            "tctl",
            Optional.of("127.0.0.1:3025"),
            Optional.of(identity),
            Optional.empty(),
            Duration.ofSeconds(10)),
        this);
  }

  /** Serves sample {@code n} of the recording in {@code dir} from now on. */
  public void serve(Path dir, int n) throws IOException {
    Files.writeString(state.resolve("series"), dir.toAbsolutePath().toString());
    Files.writeString(state.resolve("sample"), String.valueOf(n));
  }
}
