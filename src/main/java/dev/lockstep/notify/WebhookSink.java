package dev.lockstep.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook: the event as JSON (README, "Notifications"), signed with HMAC-SHA256 over the
 * exact body bytes in {@code X-Lockstep-Signature-256: sha256=<hex>}, with {@code X-Lockstep-Event}
 * (the event's label) and {@code X-Lockstep-Delivery} (an id kept across retries, so a receiver can
 * drop duplicates).
 */
public final class WebhookSink implements Sink {
  /** Header of the signature. */
  public static final String SIGNATURE = "X-Lockstep-Signature-256";

  private final String name;
  private final URI url;
  private final Path secretFile;
  private final HttpPost http;
  private Event lastEvent;
  private String lastDelivery = "";

  /**
   * @param name the sink's name
   * @param url where to post
   * @param secretFile the file holding the signing key
   * @param timeout timeout of one request
   */
  public WebhookSink(String name, URI url, Path secretFile, Duration timeout) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.secretFile = Objects.requireNonNull(secretFile, "secretFile");
    this.http = new HttpPost(name, timeout);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void deliver(Event event) throws SinkException {
    String key = SecretFile.read(name, secretFile);
    if (event != lastEvent) {
      lastEvent = event;
      lastDelivery = UUID.randomUUID().toString();
    }
    byte[] body;
    try {
      body = SlackSink.JSON.writeValueAsBytes(payload(event, lastDelivery));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    http.post(
        url,
        body,
        Map.of(
            SIGNATURE,
            "sha256=" + sign(key, body),
            "X-Lockstep-Event",
            event.kind().label(),
            "X-Lockstep-Delivery",
            lastDelivery));
  }

  /** The JSON body. */
  static ObjectNode payload(Event e, String delivery) {
    ObjectNode p = SlackSink.JSON.createObjectNode();
    p.put("event", e.kind().label());
    p.put("delivery", delivery);
    p.put("cluster", e.cluster());
    p.put("at", e.at().toString());
    p.put("summary", e.summary());
    if (e.rollout().isPresent()) {
      p.putObject("rollout")
          .put("target_version", e.rollout().get().targetVersion())
          .put("start_time", e.rollout().get().startTime().toString());
    } else {
      p.putNull("rollout");
    }
    ObjectNode facts = p.putObject("facts");
    e.facts().forEach(f -> facts.put(f.name(), f.value()));
    if (e.revision().isPresent()) {
      p.put("revision", e.revision().get());
    } else {
      p.putNull("revision");
    }
    if (e.pullRequest().isPresent()) {
      p.put("pull_request", e.pullRequest().getAsLong());
    } else {
      p.putNull("pull_request");
    }
    return p;
  }

  /** Hex HMAC-SHA256 of {@code body} with {@code key}. */
  public static String sign(String key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
