package dev.lockstep.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers kept with their {@code ETag}, so the next request asks {@code If-None-Match} and a {@code
 * 304 Not Modified} (which GitHub does not count against the rate limit of an authenticated client)
 * reuses them.
 */
public interface EtagCache {

  /**
   * One cached answer.
   *
   * @param etag the {@code ETag} header as sent
   * @param link the {@code Link} header, or ""
   * @param body the body's bytes
   */
  record Entry(String etag, String link, byte[] body) {
    public Entry {
      Objects.requireNonNull(etag, "etag");
      Objects.requireNonNull(link, "link");
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /** The entry for that URL, if any. */
  Optional<Entry> get(URI uri);

  /** Keeps an entry; a failure to keep it is not an error (the next run fetches again). */
  void put(URI uri, Entry entry);

  /** A cache in memory, for {@code serve}'s loop and tests. */
  static EtagCache inMemory() {
    Map<URI, Entry> map = new ConcurrentHashMap<>();
    return new EtagCache() {
      @Override
      public Optional<Entry> get(URI uri) {
        return Optional.ofNullable(map.get(uri));
      }

      @Override
      public void put(URI uri, Entry entry) {
        map.put(uri, entry);
      }
    };
  }

  /**
   * A cache in a folder, one JSON file per URL (named by the URL's SHA-256), for CLI runs that keep
   * the folder between runs (a CI cache).
   */
  static EtagCache inFolder(Path folder) {
    return new EtagCache() {
      @Override
      public Optional<Entry> get(URI uri) {
        try {
          JsonNode n = ApiClient.JSON.readTree(Files.readAllBytes(file(uri)));
          return Optional.of(
              new Entry(
                  n.path("etag").asText(),
                  n.path("link").asText(""),
                  n.path("body").asText("").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
          return Optional.empty();
        }
      }

      @Override
      public void put(URI uri, Entry entry) {
        try {
          Files.createDirectories(folder);
          Path tmp = Files.createTempFile(folder, "etag", ".tmp");
          Files.write(
              tmp,
              ApiClient.JSON.writeValueAsBytes(
                  Map.of(
                      "url",
                      uri.toString(),
                      "etag",
                      entry.etag(),
                      "link",
                      entry.link(),
                      "body",
                      new String(entry.body(), StandardCharsets.UTF_8))));
          Files.move(tmp, file(uri), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          // a cache that cannot be written costs a full download next time, nothing more
        }
      }

      private Path file(URI uri) {
        try {
          byte[] digest =
              MessageDigest.getInstance("SHA-256")
                  .digest(uri.toString().getBytes(StandardCharsets.UTF_8));
          return folder.resolve(HexFormat.of().formatHex(digest) + ".json");
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
