package dev.lockstep.health.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recordings under {@code src/test/resources/replay/} are exactly what the {@link Recorder}
 * makes of {@link Recordings#ALL}; run with {@code -Dgolden.update=true} to rewrite them, then
 * review the diff.
 */
class RecordingsTest {
  static final Path ROOT = Path.of("src", "test", "resources", "replay");

  static Stream<String> names() {
    return Recordings.ALL.stream().map(Scenario::name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void theRecordingIsCurrent(String name, @TempDir Path tmp) throws IOException {
    Path fresh = tmp.resolve(name);
    new Recorder(Recordings.named(name)).record(fresh);
    Path kept = ROOT.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      if (Files.exists(kept)) {
        try (Stream<Path> old = Files.list(kept)) {
          for (Path p : old.toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(kept);
      try (Stream<Path> files = Files.list(fresh)) {
        for (Path p : files.toList()) {
          Files.copy(p, kept.resolve(p.getFileName()));
        }
      }
      return;
    }
    assertThat(list(kept)).as("files of recording " + name).isEqualTo(list(fresh));
    for (String f : list(fresh)) {
      assertThat(Files.readString(kept.resolve(f)))
          .as(name + "/" + f)
          .isEqualTo(Files.readString(fresh.resolve(f)));
    }
  }

  static List<String> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
