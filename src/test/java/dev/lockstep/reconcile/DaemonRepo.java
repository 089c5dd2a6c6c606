package dev.lockstep.reconcile;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bare repository seeded with the sample repository, served by a real {@code git daemon} on
 * loopback (pushes enabled, so status commits go back over git://), and a clone to push from. The
 * daemon can be stopped and started again on the same port to simulate a Git outage.
 */
final class DaemonRepo implements AutoCloseable {
  final Path tmp;
  final Path repos;
  final Path clone;
  final int port;
  private Process daemon;

  DaemonRepo(Path tmp) throws Exception {
    this.tmp = tmp;
    repos = Files.createDirectories(tmp.resolve("repos"));
    git(tmp, "init", "-q", "--bare", "-b", "main", repos.resolve("fleet.git").toString());
    try (Upstream seed = Upstream.sample(Files.createDirectories(tmp.resolve("seed")))) {
      git(seed.dir, "push", "-q", repos.resolve("fleet.git").toString(), "main");
    }
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    start();
    clone = tmp.resolve("clone");
    git(tmp, "clone", "-q", url(), clone.toString());
  }

  String url() {
    return "git://127.0.0.1:" + port + "/fleet.git";
  }

  void start() throws Exception {
    daemon =
        new ProcessBuilder(
                "git",
                "daemon",
                "--reuseaddr",
                "--listen=127.0.0.1",
                "--port=" + port,
                "--base-path=" + repos,
                "--export-all",
                "--enable=receive-pack")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("daemon.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("git daemon did not start");
  }

  void stop() throws InterruptedException {
    if (daemon != null) {
      daemon.destroy();
      daemon.waitFor(5, TimeUnit.SECONDS);
      daemon = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** Runs git in {@code dir}; returns its output. */
  static String git(Path dir, String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@localhost"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("git " + args[0] + " failed: " + out);
    }
    return out;
  }

  /** Replaces {@code from} by {@code to} in a file of the clone, commits and pushes it. */
  void push(String path, String from, String to) throws Exception {
    Path f = clone.resolve(path);
    Files.writeString(f, Files.readString(f).replace(from, to));
    git(clone, "commit", "-q", "-am", "edit " + path);
    git(clone, "push", "-q", "origin", "main");
  }

  /** The number of commits on a branch of the served repository (0 when it does not exist). */
  int commits(String branch) throws Exception {
    Path bare = repos.resolve("fleet.git");
    if (!git(bare, "branch", "--list", branch).contains(branch)) {
      return 0;
    }
    return Integer.parseInt(git(bare, "rev-list", "--count", branch).strip());
  }
}
