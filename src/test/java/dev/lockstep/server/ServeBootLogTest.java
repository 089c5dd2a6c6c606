package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} boots without a warning in its log: no library noise (such as Micrometer's "This
 * Gauge has been already registered" for Netty) that an operator would have to learn to ignore. The
 * boot log goes to a file of this test's own.
 */
@QuarkusTest
@WithTestResource(
    value = ServeBootLogTest.BootLog.class,
    scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ServeBootLogTest {
  static Path log;

  /** Sends this boot's log to a fresh file. */
  public static class BootLog implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      try {
        log = Files.createTempFile("lockstep-serve-boot", ".log");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", log.toString());
    }

    @Override
    public void stop() {
      // the file stays for the assertion; the OS temp folder is cleaned by the OS
    }
  }

  @Test
  void bootLogsNoWarningsOrErrors() throws IOException {
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).as("the boot was logged").anyMatch(l -> l.contains("Installed features"));
    assertThat(lines).noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR "));
  }
}
