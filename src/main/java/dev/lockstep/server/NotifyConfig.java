package dev.lockstep.server;

import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.notify.EventKind;
import dev.lockstep.notify.Notifier;
import dev.lockstep.notify.NotifySettings;
import dev.lockstep.source.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code lockstep.notify.*} turned into {@link NotifySettings}: the one place that reads the
 * notification keys. Every combination that cannot work is a {@link ConfigProblem} naming the key
 * and what to set instead; no secret value is read here, only the files' paths.
 */
final class NotifyConfig {
  private NotifyConfig() {}

  /** Names usable both in properties and as part of an environment variable. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+");

  /** One settable key of a sink, as {@code lockstep.notify.sinks.<name>.<key>} spells it. */
  private enum Field {
    CHANNEL("channel"),
    API("api"),
    URL("url"),
    TOKEN_FILE("token-file"),
    URL_FILE("url-file"),
    SECRET_FILE("secret-file"),
    REPOSITORY("repository"),
    TARGET_URL("target-url");

    final String key;

    Field(String key) {
      this.key = key;
    }
  }

  /** The keys each type takes beyond {@code type} and {@code events}. */
  private static final Map<NotifySettings.Type, Set<Field>> FIELDS =
      Map.of(
          NotifySettings.Type.SLACK, EnumSet.of(Field.CHANNEL, Field.API, Field.TOKEN_FILE),
          NotifySettings.Type.SLACK_WEBHOOK, EnumSet.of(Field.URL_FILE),
          NotifySettings.Type.TEAMS, EnumSet.of(Field.URL_FILE),
          NotifySettings.Type.WEBHOOK, EnumSet.of(Field.URL, Field.SECRET_FILE),
          NotifySettings.Type.COMMIT_STATUS,
              EnumSet.of(Field.API, Field.TOKEN_FILE, Field.REPOSITORY, Field.TARGET_URL),
          NotifySettings.Type.PLAN_COMMENT,
              EnumSet.of(Field.API, Field.TOKEN_FILE, Field.REPOSITORY));

  /**
   * The notification settings; {@link NotifySettings#NONE}'s policy when no sink is configured.
   *
   * @param gitUrl the followed repository, the default of a platform sink's {@code repository}
   * @throws ConfigProblem naming the first key that cannot work
   */
  static NotifySettings settings(
      LockstepConfig.Notify n, Optional<String> gitUrl, Map<String, String> env) {
    positive("lockstep.notify.queue-capacity", n.queueCapacity());
    positive("lockstep.notify.attempts", n.attempts());
    positive("lockstep.notify.backoff", n.backoff());
    positive("lockstep.notify.max-backoff", n.maxBackoff());
    positive("lockstep.notify.timeout", n.timeout());
    List<NotifySettings.SinkSettings> sinks = new ArrayList<>();
    // sorted: the order of a map's keys in configuration means nothing, the routes' order should
    // not change between restarts
    for (Map.Entry<String, LockstepConfig.NotifySink> e : new TreeMap<>(n.sinks()).entrySet()) {
      sinks.add(sink(e.getKey(), e.getValue(), gitUrl, env));
    }
    return new NotifySettings(
        sinks,
        new Notifier.Policy(n.queueCapacity(), n.attempts(), n.backoff(), n.maxBackoff()),
        n.timeout());
  }

  private static NotifySettings.SinkSettings sink(
      String name, LockstepConfig.NotifySink s, Optional<String> gitUrl, Map<String, String> env) {
    String prefix = "lockstep.notify.sinks." + name + ".";
    if (!NAME.matcher(name).matches()) {
      throw new ConfigProblem(
          prefix + "type",
          "names a sink \""
              + name
              + "\": sink names are lower-case letters and digits only (they are part of"
              + " environment variables), e.g. lockstep.notify.sinks.team.type");
    }
    NotifySettings.Type type = s.type();
    Set<Field> allowed = FIELDS.get(type);
    for (Field f : Field.values()) {
      if (!allowed.contains(f) && present(s, f)) {
        throw new ConfigProblem(
            prefix + f.key,
            "does not apply to type="
                + ConfigKeys.label(type)
                + ": remove it (that type takes "
                + allowed.stream().map(a -> a.key).collect(Collectors.joining(", "))
                + ")");
      }
    }
    Set<EventKind> events = events(prefix + "events", s.events());
    return switch (type) {
      case SLACK ->
          new NotifySettings.Slack(
              name,
              events,
              s.api().orElse(NotifySettings.Slack.API),
              required(s.tokenFile(), prefix, Field.TOKEN_FILE, "a file holding the bot token"),
              required(
                  s.channel(), prefix, Field.CHANNEL, "the channel to post to, e.g. #rollouts"));
      case SLACK_WEBHOOK ->
          new NotifySettings.SlackWebhook(
              name, events, required(s.urlFile(), prefix, Field.URL_FILE, URL_FILE_HINT));
      case TEAMS ->
          new NotifySettings.Teams(
              name, events, required(s.urlFile(), prefix, Field.URL_FILE, URL_FILE_HINT));
      case WEBHOOK ->
          new NotifySettings.Webhook(
              name,
              events,
              webhookUrl(
                  prefix, required(s.url(), prefix, Field.URL, "the URL events are POSTed to")),
              required(
                  s.secretFile(), prefix, Field.SECRET_FILE, "a file holding the signing key"));
      case COMMIT_STATUS ->
          new NotifySettings.CommitStatuses(
              name, events, forge(prefix, s, gitUrl, env), s.context(), s.targetUrl());
      case PLAN_COMMENT ->
          new NotifySettings.PlanComment(name, events, forge(prefix, s, gitUrl, env));
    };
  }

  private static final String URL_FILE_HINT =
      "a file holding the webhook URL (a mounted Secret: whoever has the URL can post)";

  private static boolean present(LockstepConfig.NotifySink s, Field f) {
    return switch (f) {
      case CHANNEL -> s.channel().isPresent();
      case API -> s.api().isPresent();
      case URL -> s.url().isPresent();
      case TOKEN_FILE -> s.tokenFile().isPresent();
      case URL_FILE -> s.urlFile().isPresent();
      case SECRET_FILE -> s.secretFile().isPresent();
      case REPOSITORY -> s.repository().isPresent();
      case TARGET_URL -> s.targetUrl().isPresent();
    };
  }

  private static <T> T required(Optional<T> value, String prefix, Field f, String what) {
    return value.orElseThrow(
        () -> new ConfigProblem(prefix + f.key, "is required: set it to " + what));
  }

  private static Set<EventKind> events(String key, Optional<List<String>> labels) {
    Set<EventKind> events = new LinkedHashSet<>();
    for (String label : labels.orElse(List.of())) {
      if (label.isBlank()) {
        continue;
      }
      try {
        events.add(EventKind.fromLabel(label));
      } catch (IllegalArgumentException e) {
        throw new ConfigProblem(
            key,
            "has "
                + e.getMessage()
                + "; list the events to send, comma-separated, or leave it unset for every event");
      }
    }
    return events;
  }

  private static URI webhookUrl(String prefix, URI url) {
    if (!Arrays.asList("https", "http").contains(url.getScheme()) || url.getHost() == null) {
      throw new ConfigProblem(
          prefix + Field.URL.key,
          "is \"" + url + "\": it must be an http(s) URL, e.g. https://audit.example.com/lockstep");
    }
    if (url.getUserInfo() != null) {
      throw new ConfigProblem(
          prefix + Field.URL.key,
          "carries credentials: remove them; the payload is signed with secret-file instead");
    }
    return url;
  }

  private static ForgeSettings forge(
      String prefix,
      LockstepConfig.NotifySink s,
      Optional<String> gitUrl,
      Map<String, String> env) {
    Platform platform = s.platform();
    URI api =
        s.api()
            .or(platform::defaultApi)
            .orElseThrow(
                () ->
                    new ConfigProblem(
                        prefix + Field.API.key,
                        "is required with platform="
                            + ConfigKeys.label(platform)
                            + ", e.g. https://gitea.example.com/api/v1"));
    String repository =
        s.repository()
            .or(() -> gitUrl.flatMap(ForgeSettings::repositoryOf))
            .orElseThrow(
                () ->
                    new ConfigProblem(
                        prefix + Field.REPOSITORY.key,
                        "cannot be told from lockstep.git.url; set it to owner/name"));
    Path token =
        required(
            s.tokenFile(),
            prefix,
            Field.TOKEN_FILE,
            "a file holding the " + platform.display() + " token (a mounted Secret)");
    try {
      return ForgeSettings.of(platform, api, repository, Optional.of(Secret.file(token)), env);
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem(prefix + Field.API.key, "is " + api + ": " + e.getMessage());
    }
  }

  private static void positive(String key, int value) {
    if (value < 1) {
      throw new ConfigProblem(key, "is " + value + ": it must be at least 1");
    }
  }

  private static void positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigProblem(key, "is " + value + ": it must be longer than zero, e.g. PT10S");
    }
  }
}
