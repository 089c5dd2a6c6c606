package dev.lockstep.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a secret (token, password, passphrase) is read from: a file or an environment variable. The
 * record holds only the reference, never the value, so printing it is safe.
 *
 * @param kind file or environment variable
 * @param reference the file path or the variable name
 */
public record Secret(Kind kind, String reference) {

  /** Where the value lives. */
  public enum Kind {
    /** A file whose content (trailing newline trimmed) is the secret. */
    FILE,
    /** An environment variable. */
    ENV
  }

  public Secret {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reference, "reference");
  }

  /** A secret read from a file (e.g. a mounted Kubernetes Secret). */
  public static Secret file(Path path) {
    return new Secret(Kind.FILE, path.toString());
  }

  /** A secret read from an environment variable. */
  public static Secret env(String variable) {
    return new Secret(Kind.ENV, variable);
  }

  /**
   * Reads the value.
   *
   * @param environment the process environment (passed in: core code never reads it itself)
   * @throws IllegalStateException naming the file or variable (never the value) when it is absent
   *     or empty
   */
  public String reveal(Map<String, String> environment) {
    String value;
    if (kind == Kind.FILE) {
      try {
        value = Files.readString(Path.of(reference), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read secret file " + reference);
      }
    } else {
      value = environment.get(reference);
    }
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          (kind == Kind.FILE ? "secret file " : "environment variable ")
              + reference
              + " is empty or unset");
    }
    return value;
  }

  @Override
  public String toString() {
    return kind == Kind.FILE ? "file:" + reference : "env:" + reference;
  }
}
