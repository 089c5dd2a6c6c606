package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One serve per data folder: the second is refused in one line, the lock is free once released. */
class DataDirLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondServeOnTheSameFolderIsRefusedWithTheHolderAndTheWayOut() throws Exception {
    Path data = tmp.resolve("data");
    try (DataDirLock first = DataDirLock.take(data)) {
      assertThat(Files.readString(data.resolve(DataDirLock.FILE)))
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
      assertThatThrownBy(() -> DataDirLock.take(data))
          .isInstanceOfSatisfying(StartFailure.class, f -> assertThat(f.exitCode()).isEqualTo(3))
          .hasMessage(
              "lockstep serve cannot start: another lockstep serve (process "
                  + ProcessHandle.current().pid()
                  + ") is using the data folder "
                  + data.toAbsolutePath()
                  + "; stop it first, or give this one its own folder with lockstep.data-dir"
                  + " (LOCKSTEP_DATA_DIR)");
    }
    try (DataDirLock again = DataDirLock.take(data)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void anotherFolderIsIndependent() throws Exception {
    try (DataDirLock a = DataDirLock.take(tmp.resolve("a"));
        DataDirLock b = DataDirLock.take(tmp.resolve("b"))) {
      assertThat(Files.exists(tmp.resolve("b").resolve(DataDirLock.FILE))).isTrue();
    }
  }
}
