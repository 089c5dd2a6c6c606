package dev.lockstep.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** How Lockstep authenticates to the Git server. */
public sealed interface GitAuth {

  /** No credentials: {@code git://}, {@code file://}, local paths, public HTTPS. */
  record None() implements GitAuth {}

  /**
   * HTTP basic authentication. For a token (GitHub, GitLab), the username is usually {@code
   * x-access-token} / {@code oauth2} or any non-empty string, and the password is the token.
   *
   * @param username the user name (not secret)
   * @param password the password or token
   */
  record Http(String username, Secret password) implements GitAuth {
    public Http {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }
  }

  /**
   * An SSH private key (deploy key). {@code knownHosts} is required: Lockstep checks the server key
   * strictly and never trusts a key on first use.
   *
   * @param privateKey an OpenSSH or PEM private key file
   * @param passphrase the key's passphrase, if it has one
   * @param knownHosts an OpenSSH known_hosts file listing the server's key
   */
  record Ssh(Path privateKey, Optional<Secret> passphrase, Path knownHosts) implements GitAuth {
    public Ssh {
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(passphrase, "passphrase");
      Objects.requireNonNull(knownHosts, "knownHosts");
    }
  }

  /** No credentials. */
  static GitAuth none() {
    return new None();
  }
}
