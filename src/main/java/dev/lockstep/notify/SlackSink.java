package dev.lockstep.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Slack with a bot token ({@code chat:write}): one thread per rollout. The first event of a rollout
 * posts a parent message ({@code chat.postMessage}); every event of it is a reply in that thread
 * ({@code thread_ts}), and the parent is edited in place ({@code chat.update}) to show the latest
 * one. Events without a rollout are plain messages. Slack answers HTTP 200 with {@code "ok": false}
 * for most errors; {@code ratelimited} and HTTP 429 are retried after {@code Retry-After}.
 */
public final class SlackSink implements Sink {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int THREADS_KEPT = 64;
  private static final Set<String> RETRYABLE =
      Set.of(
          "ratelimited", "service_unavailable", "internal_error", "fatal_error", "request_timeout");

  private final String name;
  private final URI api;
  private final Path tokenFile;
  private final String channel;
  private final HttpPost http;

  /** Thread parent per rollout key: channel id and ts. Oldest forgotten first. */
  private final Map<String, Parent> threads =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parent> eldest) {
          return size() > THREADS_KEPT;
        }
      };

  private record Parent(String channel, String ts) {}

  /**
   * @param name the sink's name
   * @param api Slack's Web API base, {@code https://slack.com/api}
   * @param tokenFile the bot token's file ({@code xoxb-...})
   * @param channel the channel id or name to post in
   * @param timeout timeout of one request
   */
  public SlackSink(String name, URI api, Path tokenFile, String channel, Duration timeout) {
    this.name = Objects.requireNonNull(name, "name");
    this.api = URI.create(api.toString().replaceAll("/+$", ""));
    this.tokenFile = Objects.requireNonNull(tokenFile, "tokenFile");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.http = new HttpPost(name, timeout);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void deliver(Event event) throws SinkException {
    String token = SecretFile.read(name, tokenFile);
    if (event.rollout().isEmpty()) {
      call(token, "chat.postMessage", message(channel, Messages.slack(event)));
      return;
    }
    String key = event.cluster() + "/" + event.rollout().get().key();
    Parent parent = threads.get(key);
    String headline = Messages.slackParent(event);
    if (parent == null) {
      JsonNode answer = call(token, "chat.postMessage", message(channel, headline));
      parent = new Parent(answer.path("channel").asText(channel), answer.path("ts").asText(""));
      if (parent.ts().isEmpty()) {
        throw new SinkException(false, Optional.empty(), name + ": Slack answered without a ts");
      }
      threads.put(key, parent);
    } else {
      ObjectNode update = message(parent.channel(), headline);
      update.put("ts", parent.ts());
      call(token, "chat.update", update);
    }
    ObjectNode reply = message(parent.channel(), Messages.slack(event));
    reply.put("thread_ts", parent.ts());
    call(token, "chat.postMessage", reply);
  }

  private static ObjectNode message(String channel, String text) {
    ObjectNode m = JSON.createObjectNode();
    m.put("channel", channel);
    m.put("text", text);
    m.put("unfurl_links", false);
    return m;
  }

  private JsonNode call(String token, String method, ObjectNode body) throws SinkException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpPost.Answer answer =
        http.post(
            URI.create(api + "/" + method), bytes, Map.of("Authorization", "Bearer " + token));
    JsonNode json;
    try {
      json = JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new SinkException(false, Optional.empty(), name + ": " + method + " answered no JSON");
    }
    if (json == null || !json.path("ok").asBoolean(false)) {
      String error = json == null ? "" : json.path("error").asText("");
      boolean retry = RETRYABLE.contains(error);
      throw new SinkException(
          retry,
          answer.retryAfter().flatMap(HttpPost::seconds),
          name
              + ": "
              + method
              + " failed: "
              + (error.isEmpty() ? "no error given" : error.replaceAll("[^a-z_]", "?"))
              + (retry ? "" : " (not retried: check the token's scopes and the channel)"));
    }
    return json;
  }
}
