package dev.lockstep.bump;

import dev.lockstep.parse.MemoryTree;
import dev.lockstep.source.it.Servers;
import dev.lockstep.source.it.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension: before each test, {@link Repos#twoClusters()} committed to main of a new
 * upstream repository served by a {@code git daemon} on 127.0.0.1; stopped after the test.
 */
final class FleetRepo implements BeforeEachCallback, AfterEachCallback {
  private Servers servers;
  private Upstream up;
  private String url;
  private Path dir;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("lockstep-fleet");
    servers = new Servers();
    up = Upstream.create(dir.resolve("upstream"));
    MemoryTree files = Repos.twoClusters();
    for (String p : files.paths()) {
      Path f = up.work.resolve(p);
      Files.createDirectories(f.getParent());
      Files.write(f, files.read(p));
    }
    up.git(up.work, "add", "-A");
    up.git(up.work, "commit", "-qm", "fleet");
    up.git(up.work, "push", "-q", "origin", "HEAD:main");
    url = "git://127.0.0.1:" + servers.gitDaemon(up.root.resolve("repos")) + "/fleet.git";
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    stop();
  }

  /** Stops the git daemon (tests of an unreachable repository call it early). */
  void stop() throws Exception {
    servers.close();
  }

  /** The upstream repository (its bare repository and a work tree to commit in). */
  Upstream up() {
    return up;
  }

  /** The {@code git://} URL of the served repository. */
  String url() {
    return url;
  }

  /** A folder for the test's own files (mirrors, tokens). */
  Path dir() {
    return dir;
  }
}
