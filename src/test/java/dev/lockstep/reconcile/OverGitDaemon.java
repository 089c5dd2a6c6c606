package dev.lockstep.reconcile;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Integration tests over a real {@code git daemon}: a fresh {@link DaemonRepo} per test. */
abstract class OverGitDaemon {
  @TempDir Path tmp;
  DaemonRepo repo;

  @BeforeEach
  void startRepository() throws Exception {
    repo = new DaemonRepo(tmp);
  }

  @AfterEach
  void stopRepository() throws InterruptedException {
    repo.close();
  }
}
