package dev.lockstep.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A chat webhook whose URL is the only credential: every event is its own message, posted as JSON.
 * Neither kind can keep a thread per rollout or update a message (see {@link #slack} and {@link
 * #teams}); use {@link SlackSink} for threads.
 */
public final class ChatWebhookSink implements Sink {
  private final String name;
  private final Path urlFile;
  private final Function<Event, ObjectNode> payload;
  private final HttpPost http;

  private ChatWebhookSink(
      String name, Path urlFile, Duration timeout, Function<Event, ObjectNode> payload) {
    this.name = Objects.requireNonNull(name, "name");
    this.urlFile = Objects.requireNonNull(urlFile, "urlFile");
    this.payload = payload;
    this.http = new HttpPost(name, timeout);
  }

  /**
   * A Slack incoming webhook: {@code {"text": ..., "unfurl_links": false}} per event. It cannot
   * thread or update: the webhook answers the text {@code ok}, not the message's {@code ts} a reply
   * or an edit would need, and editing ({@code chat.update}) needs a token.
   *
   * @param urlFile the file holding the webhook URL (a secret: whoever has it can post)
   */
  public static ChatWebhookSink slack(String name, Path urlFile, Duration timeout) {
    return new ChatWebhookSink(
        name,
        urlFile,
        timeout,
        e ->
            SlackSink.JSON
                .createObjectNode()
                .put("text", Messages.slack(e))
                .put("unfurl_links", false));
  }

  /**
   * Microsoft Teams through a Workflows webhook ("when a Teams webhook request is received"): each
   * event is an Adaptive Card (title, summary, a fact set). The workflow answers 202 with no
   * message id, so cards are neither threaded nor updated.
   *
   * @param urlFile the file holding the workflow's webhook URL (a secret)
   */
  public static ChatWebhookSink teams(String name, Path urlFile, Duration timeout) {
    return new ChatWebhookSink(name, urlFile, timeout, ChatWebhookSink::card);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void deliver(Event event) throws SinkException {
    URI url = SecretFile.readUrl(name, urlFile);
    try {
      http.post(url, SlackSink.JSON.writeValueAsBytes(payload.apply(event)), Map.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The message: one Adaptive Card attachment, as Teams workflows expect it. */
  static ObjectNode card(Event e) {
    ObjectNode content = SlackSink.JSON.createObjectNode();
    content.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    content.put("type", "AdaptiveCard");
    content.put("version", "1.4");
    ArrayNode body = content.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("size", "Medium")
        .put("weight", "Bolder")
        .put("text", "[" + e.cluster() + "] " + e.kind().title())
        .put("wrap", true);
    body.addObject().put("type", "TextBlock").put("text", e.summary()).put("wrap", true);
    if (!e.facts().isEmpty()) {
      ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
      e.facts().forEach(f -> facts.addObject().put("title", f.name()).put("value", f.value()));
    }
    ObjectNode message = SlackSink.JSON.createObjectNode();
    message.put("type", "message");
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    attachment.set("content", content);
    return message;
  }
}
