package dev.lockstep.channel;

import dev.lockstep.model.Channel;
import dev.lockstep.model.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The two documents one channel serves, exactly as Teleport's version servers write them
 * (teleport-semantics §13.1, §13.2): {@code version} is {@code v} + the semantic version (or
 * without the {@code v} when the prefix is turned off), or {@code none} when the channel advertises
 * no version; {@code critical} is {@code yes} or {@code no}. Neither ends with a newline.
 *
 * @param name the channel name, slashes allowed ({@code stable/rolling})
 * @param version the body of {@code <name>/version}
 * @param critical the body of {@code <name>/critical}
 */
public record ChannelDocuments(String name, String version, String critical) {

  /** The body served when a channel advertises no version (teleport-semantics §13.1). */
  public static final String NONE = "none";

  /** The {@code critical} body of a critical channel. */
  public static final String YES = "yes";

  /** The {@code critical} body of a channel that is not critical. */
  public static final String NO = "no";

  /** The request type of the version document (Teleport's {@code VersionPath}). */
  public static final String VERSION = "version";

  /** The request type of the critical document (Teleport's {@code MaintenancePath}). */
  public static final String CRITICAL = "critical";

  public ChannelDocuments {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(critical, "critical");
  }

  /**
   * The documents of one channel. A missing, {@code none} or unparseable version file serves {@code
   * none} (the validator reports an unparseable one as an error, so a published revision never has
   * one); a missing or unrecognised critical file serves {@code no}, as Teleport's Go clients
   * default to not critical.
   *
   * @param versionPrefix true to serve {@code v17.2.1}, false to serve {@code 17.2.1}
   */
  public static ChannelDocuments of(Channel channel, boolean versionPrefix) {
    Optional<Version> v = channel.parsedVersion();
    String version = v.map(x -> (versionPrefix ? "v" : "") + x).orElse(NONE);
    return new ChannelDocuments(channel.name(), version, channel.isCritical() ? YES : NO);
  }

  /** The documents of every channel, in the order given. */
  public static List<ChannelDocuments> of(List<Channel> channels, boolean versionPrefix) {
    return channels.stream().map(c -> of(c, versionPrefix)).toList();
  }

  /**
   * The body of {@code type} ({@link #VERSION} or {@link #CRITICAL}), or empty for another type.
   */
  public Optional<String> body(String type) {
    if (VERSION.equals(type)) {
      return Optional.of(version);
    }
    if (CRITICAL.equals(type)) {
      return Optional.of(critical);
    }
    return Optional.empty();
  }

  /**
   * A strong HTTP entity tag for a body: the quoted first 16 bytes of its SHA-256 in hex. It
   * depends on the content only, so a new revision that leaves a channel unchanged keeps its tag
   * and clients keep their cached copy.
   */
  public static String etag(String body) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
