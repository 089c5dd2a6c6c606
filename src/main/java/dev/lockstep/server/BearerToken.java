package dev.lockstep.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A bearer token read from a file (a mounted Secret), compared in constant time with an {@code
 * Authorization: Bearer <token>} header. Never logs, prints or returns the token.
 */
final class BearerToken {
  private static final String PREFIX = "Bearer ";

  private final byte[] token;

  private BearerToken(byte[] token) {
    this.token = token;
  }

  /**
   * The token in {@code file}, if set; surrounding whitespace (a trailing newline) is dropped.
   *
   * @param key the configuration key naming the file, for the error
   * @throws ConfigProblem when the file cannot be read or is empty
   */
  static Optional<BearerToken> read(Optional<Path> file, String key) {
    return file.map(
        f -> {
          String text;
          try {
            text = Files.readString(f).strip();
          } catch (IOException e) {
            throw new ConfigProblem(
                key,
                "names " + f + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
          }
          if (text.isEmpty()) {
            throw new ConfigProblem(key, "names " + f + ", which is empty");
          }
          return new BearerToken(text.getBytes(StandardCharsets.UTF_8));
        });
  }

  /** True when {@code authorization} is {@code Bearer <this token>}. */
  boolean matches(String authorization) {
    return authorization != null
        && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        && MessageDigest.isEqual(
            token,
            authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8));
  }
}
