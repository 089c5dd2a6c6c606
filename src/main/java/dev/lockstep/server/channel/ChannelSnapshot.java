package dev.lockstep.server.channel;

import dev.lockstep.channel.ChannelDocuments;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The channels of one published revision with every response precomputed: for each channel, each
 * document type and each URL prefix, the request path maps to a ready {@link Reply}, so serving a
 * request is one hash lookup and a write of a shared buffer. Immutable; replaced as a whole.
 */
public final class ChannelSnapshot {

  /**
   * The URL prefixes channels are served under (teleport-semantics §13.2: Proxy-style paths, with
   * and without /v1).
   */
  public static final List<String> PREFIXES =
      List.of(
          "/channels/",
          "/v1/webapi/automaticupgrades/channel/",
          "/webapi/automaticupgrades/channel/");

  /** One precomputed answer: the body, its entity tag and the headers that go with it. */
  public record Reply(
      String channel, String type, Buffer body, CharSequence etag, CharSequence contentLength) {}

  private final String revision;
  private final CharSequence revisionHeader;
  private final Instant publishedAt;
  private final Map<String, ChannelDocuments> channels;
  private final Map<String, Reply> byPath;

  ChannelSnapshot(String revision, Instant publishedAt, List<ChannelDocuments> documents) {
    this.revision = Objects.requireNonNull(revision, "revision");
    this.revisionHeader = HttpHeaders.createOptimized(headerSafe(revision));
    this.publishedAt = publishedAt;
    Map<String, ChannelDocuments> byName = new LinkedHashMap<>();
    Map<String, Reply> paths = new HashMap<>();
    for (ChannelDocuments d : documents) {
      if (byName.putIfAbsent(d.name(), d) != null) {
        throw new IllegalArgumentException("channel \"" + d.name() + "\" is given twice");
      }
      for (String type : List.of(ChannelDocuments.VERSION, ChannelDocuments.CRITICAL)) {
        String text = d.body(type).orElseThrow();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Reply reply =
            new Reply(
                d.name(),
                type,
                Buffer.buffer(bytes),
                HttpHeaders.createOptimized(ChannelDocuments.etag(text)),
                HttpHeaders.createOptimized(Integer.toString(bytes.length)));
        for (String prefix : PREFIXES) {
          paths.put(prefix + d.name() + "/" + type, reply);
        }
      }
    }
    this.channels = Map.copyOf(byName);
    this.byPath = Map.copyOf(paths);
  }

  /** The Git revision these channels come from. */
  public String revision() {
    return revision;
  }

  /** When the revision was published. */
  public Instant publishedAt() {
    return publishedAt;
  }

  /** The channel documents by channel name. */
  public Map<String, ChannelDocuments> channels() {
    return channels;
  }

  /**
   * The answer for a raw request path, or null when the path names no document of this revision.
   */
  Reply lookup(String path) {
    return byPath.get(path);
  }

  CharSequence revisionHeader() {
    return revisionHeader;
  }

  /**
   * A revision label is ours, but a header must stay one printable ASCII line whatever it holds.
   */
  private static String headerSafe(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length() && sb.length() < 200; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }
}
