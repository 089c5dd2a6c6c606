package dev.lockstep.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys a signed commit may be signed with.
 *
 * @param openPgpKeys a directory of ASCII-armored OpenPGP public keys ({@code *.asc}), if any
 * @param allowedSigners an OpenSSH {@code allowed_signers} file for SSH-signed commits, if any
 */
public record TrustedKeys(Optional<Path> openPgpKeys, Optional<Path> allowedSigners) {

  /** No trusted keys: every signature is rejected. */
  public static final TrustedKeys NONE = new TrustedKeys(Optional.empty(), Optional.empty());

  public TrustedKeys {
    Objects.requireNonNull(openPgpKeys, "openPgpKeys");
    Objects.requireNonNull(allowedSigners, "allowedSigners");
  }
}
