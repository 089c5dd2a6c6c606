package dev.lockstep.notify;

import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.source.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The core form of {@code lockstep.notify.*} (README, "Notifications"): the sinks, each with the
 * events it wants, and the queue and retry policy they share. Secrets are file paths only, never
 * values nor environment variables; printing these records prints no secret.
 *
 * @param sinks the sinks, by distinct name
 * @param policy queue capacity and retries per sink
 * @param timeout timeout of one request to a chat or webhook peer
 */
public record NotifySettings(List<SinkSettings> sinks, Notifier.Policy policy, Duration timeout) {

  /** No sinks: nothing is sent. */
  public static final NotifySettings NONE =
      new NotifySettings(List.of(), Notifier.Policy.DEFAULT, Duration.ofSeconds(10));

  public NotifySettings {
    sinks = List.copyOf(sinks);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(timeout, "timeout");
    Set<String> names = new HashSet<>();
    for (SinkSettings s : sinks) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("two notification sinks are named " + s.name());
      }
    }
  }

  /** The kinds of sink, as {@code lockstep.notify.sinks.<name>.type} names them. */
  public enum Type {
    /** {@link Slack}. */
    SLACK,
    /** {@link SlackWebhook}. */
    SLACK_WEBHOOK,
    /** {@link Teams}. */
    TEAMS,
    /** {@link Webhook}. */
    WEBHOOK,
    /** {@link CommitStatuses}. */
    COMMIT_STATUS,
    /** {@link PlanComment}. */
    PLAN_COMMENT
  }

  /** One sink's settings. */
  public sealed interface SinkSettings
      permits Slack, SlackWebhook, Teams, Webhook, CommitStatuses, PlanComment {
    /** Its name ({@code lockstep.notify.sinks.<name>}). */
    String name();

    /** The events it receives; empty for every kind. */
    Set<EventKind> events();

    /** Builds the sink. */
    Sink sink(Duration timeout);
  }

  /** {@code type=slack}: a bot token, one thread per rollout, parent updated in place. */
  public record Slack(String name, Set<EventKind> events, URI api, Path tokenFile, String channel)
      implements SinkSettings {
    /** Slack's Web API. */
    public static final URI API = URI.create("https://slack.com/api");

    public Slack {
      events = Set.copyOf(events);
      Objects.requireNonNull(api, "api");
      Objects.requireNonNull(tokenFile, "tokenFile");
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public Sink sink(Duration timeout) {
      return new SlackSink(name, api, tokenFile, channel, timeout);
    }
  }

  /** {@code type=slack-webhook}: an incoming webhook, one message per event. */
  public record SlackWebhook(String name, Set<EventKind> events, Path urlFile)
      implements SinkSettings {
    public SlackWebhook {
      events = Set.copyOf(events);
      Objects.requireNonNull(urlFile, "urlFile");
    }

    @Override
    public Sink sink(Duration timeout) {
      return ChatWebhookSink.slack(name, urlFile, timeout);
    }
  }

  /** {@code type=teams}: a Teams Workflows webhook, one Adaptive Card per event. */
  public record Teams(String name, Set<EventKind> events, Path urlFile) implements SinkSettings {
    public Teams {
      events = Set.copyOf(events);
      Objects.requireNonNull(urlFile, "urlFile");
    }

    @Override
    public Sink sink(Duration timeout) {
      return ChatWebhookSink.teams(name, urlFile, timeout);
    }
  }

  /** {@code type=webhook}: JSON signed with HMAC-SHA256. */
  public record Webhook(String name, Set<EventKind> events, URI url, Path secretFile)
      implements SinkSettings {
    public Webhook {
      events = Set.copyOf(events);
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(secretFile, "secretFile");
    }

    @Override
    public Sink sink(Duration timeout) {
      return new WebhookSink(name, url, secretFile, timeout);
    }
  }

  /** {@code type=commit-status}: statuses {@code <context>/<cluster>} on the source revision. */
  public record CommitStatuses(
      String name,
      Set<EventKind> events,
      ForgeSettings forge,
      String context,
      Optional<URI> targetUrl)
      implements SinkSettings {
    public CommitStatuses {
      events = Set.copyOf(events);
      fileToken(name, forge);
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(targetUrl, "targetUrl");
    }

    @Override
    public Sink sink(Duration timeout) {
      return new CommitStatusSink(name, Forge.of(forge), context, targetUrl);
    }
  }

  /** {@code type=plan-comment}: the plan as one pull-request comment per cluster, kept current. */
  public record PlanComment(String name, Set<EventKind> events, ForgeSettings forge)
      implements SinkSettings {
    public PlanComment {
      events = Set.copyOf(events);
      fileToken(name, forge);
    }

    @Override
    public Sink sink(Duration timeout) {
      return new PlanCommentSink(name, Forge.of(forge));
    }
  }

  private static void fileToken(String name, ForgeSettings forge) {
    Objects.requireNonNull(forge, "forge");
    if (forge.token().isEmpty() || forge.token().get().kind() != Secret.Kind.FILE) {
      throw new IllegalArgumentException(
          "notification sink "
              + name
              + ": the platform token must come from a file (token-file), not "
              + forge.token().map(Secret::toString).orElse("nothing"));
    }
  }

  /** The routes a {@link Notifier} starts with, in the order of {@link #sinks}. */
  public List<Notifier.Route> routes() {
    return sinks.stream().map(s -> new Notifier.Route(s.sink(timeout), s.events())).toList();
  }
}
