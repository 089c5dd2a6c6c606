package dev.lockstep.source.it;

import dev.lockstep.source.GitAuth;
import dev.lockstep.source.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The ways a test reaches {@link Upstream}: each starts its real server and gives URL and
 * credentials.
 */
enum Transport {
  GIT_DAEMON {
    @Override
    Remote start(Servers servers, Upstream up, Path dir) throws IOException {
      int port = servers.gitDaemon(up.root.resolve("repos"));
      return new Remote("git://127.0.0.1:" + port + "/fleet.git", GitAuth.none(), Map.of());
    }
  },
  SMART_HTTP {
    @Override
    Remote start(Servers servers, Upstream up, Path dir) throws IOException {
      int port =
          servers.smartHttp(up.root.resolve("repos"), "lockstep", TOKEN, dir.resolve("http"));
      return new Remote(
          "http://127.0.0.1:" + port + "/git/fleet.git",
          new GitAuth.Http("lockstep", Secret.env("GIT_TOKEN")),
          Map.of("GIT_TOKEN", TOKEN));
    }
  },
  SSH {
    @Override
    Remote start(Servers servers, Upstream up, Path dir) throws IOException {
      Path keys = Files.createDirectories(dir.resolve("client"));
      Path key = keys.resolve("id_ed25519");
      Cmd.run(
          keys,
          Map.of(),
          "ssh-keygen",
          "-q",
          "-t",
          "ed25519",
          "-N",
          "",
          "-C",
          "lockstep-test",
          "-f",
          key.toString());
      int port = servers.sshd(dir.resolve("sshd"), keys.resolve("id_ed25519.pub"));
      Path knownHosts = keys.resolve("known_hosts");
      Files.writeString(knownHosts, knownHostsLine(port, dir.resolve("sshd/host_key.pub")));
      return new Remote(
          "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port + up.bare,
          new GitAuth.Ssh(key, Optional.empty(), knownHosts),
          Map.of());
    }
  },
  FILE {
    @Override
    Remote start(Servers servers, Upstream up, Path dir) {
      return new Remote("file://" + up.bare, GitAuth.none(), Map.of());
    }
  };

  /**
   * The HTTP password used by the smart-HTTP server; tests assert it never shows up in messages.
   */
  static final String TOKEN = "s3cr3t-t0ken-9f8e7d";

  abstract Remote start(Servers servers, Upstream up, Path dir) throws IOException;

  static String knownHostsLine(int port, Path hostPub) throws IOException {
    String[] parts = Files.readString(hostPub).strip().split(" ");
    return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n";
  }

  /** Where and how to reach the upstream. */
  record Remote(String url, GitAuth auth, Map<String, String> env) {}
}
