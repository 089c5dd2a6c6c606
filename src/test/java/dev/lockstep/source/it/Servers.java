package dev.lockstep.source.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Git servers on 127.0.0.1 for integration tests (also of other packages), started and stopped
 * by the tests: git daemon, smart HTTP (git-http-backend behind lighttpd, with basic auth) and
 * OpenSSH's sshd. A missing binary skips the test with a message naming the Debian package; nothing
 * passes silently.
 */
public final class Servers implements AutoCloseable {
  static final Path GIT_HTTP_BACKEND = Path.of("/usr/lib/git-core/git-http-backend");
  static final Path LIGHTTPD = Path.of("/usr/sbin/lighttpd");
  static final Path SSHD = Path.of("/usr/sbin/sshd");

  private final List<Process> processes = new ArrayList<>();
  private final List<ServerSocket> sockets = new ArrayList<>();

  static void requireBinary(Path binary, String debianPackage) {
    assumeTrue(
        Files.isExecutable(binary), binary + " is missing: apt-get install " + debianPackage);
  }

  static void requireOnPath(String name, String debianPackage) {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        found = true;
      }
    }
    assumeTrue(found, name + " is missing: apt-get install " + debianPackage);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** git daemon serving every repository under {@code base} (push enabled); returns the port. */
  public int gitDaemon(Path base) throws IOException {
    requireOnPath("git", "git");
    int port = freePort();
    start(
        base,
        List.of(
            "git",
            "daemon",
            "--reuseaddr",
            "--listen=127.0.0.1",
            "--port=" + port,
            "--base-path=" + base,
            "--export-all",
            "--enable=receive-pack",
            base.toString()));
    waitForPort(port);
    return port;
  }

  /**
   * lighttpd with git-http-backend at {@code /git}, requiring basic auth {@code user:password};
   * returns the port.
   */
  int smartHttp(Path projectRoot, String user, String password, Path dir) throws IOException {
    requireBinary(LIGHTTPD, "lighttpd");
    requireBinary(GIT_HTTP_BACKEND, "git");
    int port = freePort();
    Files.createDirectories(dir);
    Path users = dir.resolve("users");
    Files.writeString(users, user + ":" + password + "\n");
    Path conf = dir.resolve("lighttpd.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "server.modules = (\"mod_alias\", \"mod_auth\", \"mod_authn_file\", \"mod_cgi\", \"mod_setenv\")",
            "server.bind = \"127.0.0.1\"",
            "server.port = " + port,
            "server.document-root = \"" + dir + "\"",
            "server.errorlog = \"" + dir.resolve("error.log") + "\"",
            "server.max-keep-alive-requests = 1000",
            "alias.url = ( \"/git/\" => \"" + GIT_HTTP_BACKEND + "/\" )",
            "$HTTP[\"url\"] =~ \"^/git/\" {",
            "  cgi.assign = ( \"\" => \"\" )",
            "  setenv.add-environment = ( \"GIT_PROJECT_ROOT\" => \""
                + projectRoot
                + "\", \"GIT_HTTP_EXPORT_ALL\" => \"1\" )",
            "  auth.backend = \"plain\"",
            "  auth.backend.plain.userfile = \"" + users + "\"",
            "  auth.require = ( \"\" => ( \"method\" => \"basic\", \"realm\" => \"git\", \"require\" => \"valid-user\" ) )",
            "}",
            ""));
    start(dir, List.of(LIGHTTPD.toString(), "-D", "-f", conf.toString()));
    waitForPort(port);
    return port;
  }

  /**
   * sshd accepting {@code authorizedKey} for the current user; host key generated in {@code dir}.
   * Returns the port; the host public key is {@code dir/host_key.pub}.
   */
  int sshd(Path dir, Path authorizedKey) throws IOException {
    requireBinary(SSHD, "openssh-server");
    requireOnPath("ssh-keygen", "openssh-client");
    Files.createDirectories(dir);
    Path hostKey = dir.resolve("host_key");
    if (!Files.exists(hostKey)) {
      Cmd.run(
          dir, Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
    }
    Files.createDirectories(Path.of("/run/sshd"));
    int port = freePort();
    Path conf = dir.resolve("sshd_config");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "ListenAddress 127.0.0.1",
            "Port " + port,
            "HostKey " + hostKey,
            "AuthorizedKeysFile " + authorizedKey,
            "PidFile " + dir.resolve("sshd.pid"),
            "UsePAM no",
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PermitRootLogin prohibit-password",
            "LogLevel ERROR",
            ""));
    start(dir, List.of(SSHD.toString(), "-D", "-e", "-f", conf.toString()));
    waitForPort(port);
    return port;
  }

  /**
   * A TCP server that accepts connections and never answers (a hung Git server); returns the port.
   */
  int silent() throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress("127.0.0.1", 0));
    sockets.add(s);
    Thread t =
        new Thread(
            () -> {
              List<Socket> held = new ArrayList<>();
              try {
                while (!s.isClosed()) {
                  Socket c = s.accept();
                  held.add(c);
                  InputStream in = c.getInputStream();
                  Thread drain =
                      new Thread(
                          () -> {
                            try {
                              in.transferTo(java.io.OutputStream.nullOutputStream());
                            } catch (IOException ignored) {
                              // closed
                            }
                          });
                  drain.setDaemon(true);
                  drain.start();
                }
              } catch (IOException ignored) {
                // closed
              } finally {
                held.forEach(
                    c -> {
                      try {
                        c.close();
                      } catch (IOException ignored) {
                        // closing
                      }
                    });
              }
            });
    t.setDaemon(true);
    t.start();
    return s.getLocalPort();
  }

  private void start(Path dir, List<String> argv) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server-" + processes.size() + ".log").toFile());
    processes.add(pb.start());
  }

  private static void waitForPort(int port) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException(ie);
        }
      }
    }
    throw new IOException("server on port " + port + " did not start within 10s");
  }

  /** Stops one server started by this object (the last one started when index is -1). */
  void stop(int index) throws InterruptedException {
    Process p = processes.get(index < 0 ? processes.size() - 1 : index);
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  @Override
  public void close() throws Exception {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    for (ServerSocket s : sockets) {
      s.close();
    }
  }
}
