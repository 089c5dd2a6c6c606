package dev.lockstep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: {@code src/test/resources/golden/<TestClass>/<case>.golden}. Run with
 * {@code -Dgolden.update=true} to (re)write the files, then review the diff like code. Line endings
 * are normalised to {@code \n}.
 */
public final class Golden {
  private static final Path ROOT = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  /** Asserts that {@code actual} equals the golden file of {@code testClass} / {@code name}. */
  public static void assertMatches(Class<?> testClass, String name, String actual) {
    String normalised = actual.replace("\r\n", "\n");
    Path file = ROOT.resolve(testClass.getSimpleName()).resolve(name + ".golden");
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, normalised, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        fail("no golden file " + file + "; run the test with -Dgolden.update=true and review it");
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), normalised, "golden " + file);
    } catch (IOException e) {
      throw new AssertionError("cannot read or write " + file, e);
    }
  }
}
