package dev.lockstep.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run {@code tctl}. Credentials are passed as a path to an identity file (written by {@code
 * tctl auth sign} or Machine ID), never as a value on the command line.
 *
 * @param binary the tctl executable (a path, or a name looked up on PATH)
 * @param authServer {@code --auth-server}: an Auth or Proxy address ({@code host:port})
 * @param identity {@code --identity}: the identity file's path
 * @param config {@code --config}: a teleport.yaml, for tctl run on an Auth host
 * @param timeout how long one tctl call may take before it is killed
 */
public record TctlSettings(
    String binary,
    Optional<String> authServer,
    Optional<Path> identity,
    Optional<Path> config,
    Duration timeout) {

  public TctlSettings {
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(authServer, "authServer");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the tctl timeout must be positive");
    }
  }
}
