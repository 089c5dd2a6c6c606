package dev.lockstep.notify;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a sink's secret (token, webhook URL, signing key) from its file at each delivery. */
final class SecretFile {
  private SecretFile() {}

  /**
   * The file's content, trimmed; read again each time so a rotated secret needs no restart.
   *
   * @throws SinkException (not retryable) naming the file, never its content
   */
  static String read(String sink, Path file) throws SinkException {
    String value;
    try {
      value = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new SinkException(false, Optional.empty(), sink + ": cannot read secret file " + file);
    }
    if (value.isEmpty()) {
      throw new SinkException(
          false, Optional.empty(), sink + ": secret file " + file + " is empty");
    }
    return value;
  }

  /**
   * A URL kept in a file (a webhook URL is a secret: whoever has it can post).
   *
   * @throws SinkException naming the file, never quoting its content
   */
  static URI readUrl(String sink, Path file) throws SinkException {
    String text = read(sink, file);
    try {
      URI uri = new URI(text);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, without the value
    }
    throw new SinkException(
        false, Optional.empty(), sink + ": " + file + " does not hold an http(s) URL");
  }
}
