package dev.lockstep.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook authentication, all comparisons in constant time: GitHub's {@code X-Hub-Signature-256}
 * ({@code sha256=<hex HMAC-SHA256 of the body>}), GitLab's {@code X-Gitlab-Token} (the shared token
 * itself) and a generic {@code X-Signature: sha256=<hex>}. Never logs or returns the secret.
 */
public final class WebhookSignatures {
  private static final String PREFIX = "sha256=";

  private WebhookSignatures() {}

  /**
   * True when {@code header} is {@code sha256=} followed by the HMAC-SHA256 of {@code body} under
   * {@code secret}.
   */
  public static boolean validHmac(byte[] secret, byte[] body, String header) {
    if (header == null || secret.length == 0) {
      return false;
    }
    String h = header.strip();
    if (!h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(h.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  /** True when the GitLab token header equals the configured token. */
  public static boolean validToken(byte[] token, String header) {
    if (header == null || token.length == 0) {
      return false;
    }
    return MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code sha256=<hex>} for a body: what a sender puts in the header (tests and documentation).
   */
  public static String sign(byte[] secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  private static byte[] hmac(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }
}
