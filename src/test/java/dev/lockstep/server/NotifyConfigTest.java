package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lockstep.forge.Platform;
import dev.lockstep.notify.EventKind;
import dev.lockstep.notify.NotifySettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code lockstep.notify.*} read as Quarkus reads it and mapped into {@link NotifySettings} by
 * {@link ServeSettings}: several sinks at once, secrets only as files, and every combination that
 * cannot work one line naming the key.
 */
class NotifyConfigTest {
  private static final String P = "lockstep.notify.sinks.";

  private static NotifySettings notify(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.putIfAbsent("lockstep.git.url", "https://github.com/acme/fleet.git");
    return ServeSettingsTest.settings(all).notifications();
  }

  @Test
  void noSinksByDefaultWithTheDocumentedPolicy() {
    NotifySettings n = notify(Map.of());
    assertThat(n.sinks()).isEmpty();
    assertThat(n.policy()).isEqualTo(NotifySettings.NONE.policy());
    assertThat(n.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void severalSinksAtOnceEachWithItsEvents() {
    NotifySettings n =
        notify(
            Map.ofEntries(
                Map.entry("lockstep.notify.queue-capacity", "7"),
                Map.entry("lockstep.notify.attempts", "2"),
                Map.entry("lockstep.notify.backoff", "PT2S"),
                Map.entry("lockstep.notify.max-backoff", "PT30S"),
                Map.entry("lockstep.notify.timeout", "PT3S"),
                Map.entry(P + "team.type", "slack"),
                Map.entry(P + "team.channel", "#rollouts"),
                Map.entry(P + "team.token-file", "/run/secrets/slack/token"),
                Map.entry(P + "team.events", "rollout_started,halted, blind"),
                Map.entry(P + "ops.type", "slack-webhook"),
                Map.entry(P + "ops.url-file", "/run/secrets/ops/url"),
                Map.entry(P + "teams.type", "teams"),
                Map.entry(P + "teams.url-file", "/run/secrets/teams/url"),
                Map.entry(P + "audit.type", "webhook"),
                Map.entry(P + "audit.url", "https://audit.example.com/lockstep"),
                Map.entry(P + "audit.secret-file", "/run/secrets/audit/key"),
                Map.entry(P + "audit.events", "applied"),
                Map.entry(P + "status.type", "commit-status"),
                Map.entry(P + "status.token-file", "/run/secrets/gh/token"),
                Map.entry(P + "status.target-url", "https://lockstep.example.com/"),
                Map.entry(P + "plan.type", "plan-comment"),
                Map.entry(P + "plan.platform", "gitea"),
                Map.entry(P + "plan.api", "https://gitea.example.com/api/v1"),
                Map.entry(P + "plan.repository", "ops/fleet"),
                Map.entry(P + "plan.token-file", "/run/secrets/gitea/token")));
    assertThat(n.policy().queueCapacity()).isEqualTo(7);
    assertThat(n.policy().attempts()).isEqualTo(2);
    assertThat(n.policy().backoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(n.policy().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(n.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(n.sinks())
        .extracting(NotifySettings.SinkSettings::name)
        .containsExactly("audit", "ops", "plan", "status", "team", "teams");
    assertThat(n.sinks().get(4))
        .isEqualTo(
            new NotifySettings.Slack(
                "team",
                java.util.Set.of(EventKind.ROLLOUT_STARTED, EventKind.HALTED, EventKind.BLIND),
                NotifySettings.Slack.API,
                Path.of("/run/secrets/slack/token"),
                "#rollouts"));
    assertThat(n.sinks().get(1))
        .isEqualTo(
            new NotifySettings.SlackWebhook(
                "ops", java.util.Set.of(), Path.of("/run/secrets/ops/url")));
    assertThat(n.sinks().get(5))
        .isEqualTo(
            new NotifySettings.Teams(
                "teams", java.util.Set.of(), Path.of("/run/secrets/teams/url")));
    assertThat(n.sinks().get(0))
        .isEqualTo(
            new NotifySettings.Webhook(
                "audit",
                java.util.Set.of(EventKind.APPLIED),
                URI.create("https://audit.example.com/lockstep"),
                Path.of("/run/secrets/audit/key")));
    NotifySettings.CommitStatuses status = (NotifySettings.CommitStatuses) n.sinks().get(3);
    assertThat(status.forge().platform()).isEqualTo(Platform.GITHUB);
    assertThat(status.forge().api()).isEqualTo(URI.create("https://api.github.com"));
    assertThat(status.forge().repository()).as("from lockstep.git.url").isEqualTo("acme/fleet");
    assertThat(status.context()).isEqualTo("lockstep");
    assertThat(status.targetUrl()).contains(URI.create("https://lockstep.example.com/"));
    NotifySettings.PlanComment plan = (NotifySettings.PlanComment) n.sinks().get(2);
    assertThat(plan.forge().platform()).isEqualTo(Platform.GITEA);
    assertThat(plan.forge().repository()).isEqualTo("ops/fleet");
    // printing the settings prints file paths, never a secret
    assertThat(n.toString()).doesNotContain("Bearer");
  }

  @Test
  void sinksComeFromEnvironmentVariablesAsTheChartSetsThem() {
    Map<String, String> env =
        Map.of(
            "LOCKSTEP_NOTIFY_SINKS_TEAM_TYPE", "slack",
            "LOCKSTEP_NOTIFY_SINKS_TEAM_CHANNEL", "#rollouts",
            "LOCKSTEP_NOTIFY_SINKS_TEAM_TOKEN_FILE", "/run/secrets/slack/token",
            "LOCKSTEP_NOTIFY_SINKS_TEAM_EVENTS", "applied,halted",
            "LOCKSTEP_NOTIFY_SINKS_AUDIT2_TYPE", "webhook",
            "LOCKSTEP_NOTIFY_SINKS_AUDIT2_URL", "https://audit.example.com/x",
            "LOCKSTEP_NOTIFY_SINKS_AUDIT2_SECRET_FILE", "/run/secrets/audit/key",
            "LOCKSTEP_NOTIFY_ATTEMPTS", "3");
    LockstepConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(LockstepConfig.class)
            .withSources(new EnvConfigSource(env, 300))
            .withSources(
                new PropertiesConfigSource(Map.of("lockstep.data-dir", "/var/lib/x"), "t", 100))
            .build()
            .getConfigMapping(LockstepConfig.class);
    NotifySettings n = ServeSettings.from(config, Map.of()).notifications();
    assertThat(n.policy().attempts()).isEqualTo(3);
    assertThat(n.sinks())
        .extracting(NotifySettings.SinkSettings::name)
        .containsExactly("audit2", "team");
    assertThat(((NotifySettings.Slack) n.sinks().get(1)).tokenFile())
        .isEqualTo(Path.of("/run/secrets/slack/token"));
    assertThat(n.sinks().get(1).events())
        .containsExactlyInAnyOrder(EventKind.APPLIED, EventKind.HALTED);
  }

  private static Arguments problem(String name, Map<String, String> properties, String line) {
    return Arguments.of(Named.named(name, properties), line);
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        problem(
            "slack without a token file",
            Map.of(P + "team.type", "slack", P + "team.channel", "#x"),
            "lockstep.notify.sinks.team.token-file (LOCKSTEP_NOTIFY_SINKS_TEAM_TOKEN_FILE) is"
                + " required: set it to a file holding the bot token"),
        problem(
            "slack without a channel",
            Map.of(P + "team.type", "slack", P + "team.token-file", "/s/t"),
            "lockstep.notify.sinks.team.channel (LOCKSTEP_NOTIFY_SINKS_TEAM_CHANNEL) is required:"
                + " set it to the channel to post to, e.g. #rollouts"),
        problem(
            "teams without its URL file",
            Map.of(P + "t.type", "teams"),
            "lockstep.notify.sinks.t.url-file (LOCKSTEP_NOTIFY_SINKS_T_URL_FILE) is required: set"
                + " it to a file holding the webhook URL"),
        problem(
            "a key of another type: a Slack webhook URL is a secret, only url-file",
            Map.of(
                P + "ops.type", "slack-webhook",
                P + "ops.url", "https://hooks.slack.com/services/T/B/X",
                P + "ops.url-file", "/s/u"),
            "lockstep.notify.sinks.ops.url (LOCKSTEP_NOTIFY_SINKS_OPS_URL) does not apply to"
                + " type=slack-webhook: remove it (that type takes url-file)"),
        problem(
            "webhook without a signing key",
            Map.of(P + "a.type", "webhook", P + "a.url", "https://a.example.com/"),
            "lockstep.notify.sinks.a.secret-file (LOCKSTEP_NOTIFY_SINKS_A_SECRET_FILE) is"
                + " required: set it to a file holding the signing key"),
        problem(
            "webhook URL that is not http(s)",
            Map.of(P + "a.type", "webhook", P + "a.url", "ftp://a/", P + "a.secret-file", "/k"),
            "lockstep.notify.sinks.a.url (LOCKSTEP_NOTIFY_SINKS_A_URL) is \"ftp://a/\": it must"
                + " be an http(s) URL"),
        problem(
            "webhook URL with credentials",
            Map.of(
                P + "a.type",
                "webhook",
                P + "a.url",
                "https://u:hunter2@a.example.com/",
                P + "a.secret-file",
                "/k"),
            "lockstep.notify.sinks.a.url (LOCKSTEP_NOTIFY_SINKS_A_URL) carries credentials: remove"
                + " them"),
        problem(
            "an unknown event",
            Map.of(P + "o.type", "teams", P + "o.url-file", "/u", P + "o.events", "applied,halt"),
            "lockstep.notify.sinks.o.events (LOCKSTEP_NOTIFY_SINKS_O_EVENTS) has unknown event"
                + " \"halt\" (known: revision_refused, applied,"),
        problem(
            "gitea without api",
            Map.of(
                P + "s.type", "commit-status", P + "s.platform", "gitea", P + "s.token-file", "/t"),
            "lockstep.notify.sinks.s.api (LOCKSTEP_NOTIFY_SINKS_S_API) is required with"
                + " platform=gitea"),
        problem(
            "commit statuses without a token file",
            Map.of(P + "s.type", "commit-status"),
            "lockstep.notify.sinks.s.token-file (LOCKSTEP_NOTIFY_SINKS_S_TOKEN_FILE) is required:"
                + " set it to a file holding the GitHub token"),
        problem(
            "plan comments on a repository the git URL does not name",
            Map.of(
                "lockstep.git.url",
                "/srv/git/fleet",
                P + "p.type",
                "plan-comment",
                P + "p.token-file",
                "/t"),
            "lockstep.notify.sinks.p.repository (LOCKSTEP_NOTIFY_SINKS_P_REPOSITORY) cannot be"
                + " told from lockstep.git.url; set it to owner/name"),
        problem(
            "a sink name an environment variable cannot carry",
            Map.of(P + "team-a.type", "teams", P + "team-a.url-file", "/u"),
            "lockstep.notify.sinks.team-a.type (LOCKSTEP_NOTIFY_SINKS_TEAM_A_TYPE) names a sink"
                + " \"team-a\": sink names are lower-case letters and digits only"),
        problem(
            "no room in the queue",
            Map.of("lockstep.notify.queue-capacity", "0"),
            "lockstep.notify.queue-capacity (LOCKSTEP_NOTIFY_QUEUE_CAPACITY) is 0: it must be at"
                + " least 1"),
        problem(
            "a zero timeout",
            Map.of("lockstep.notify.timeout", "PT0S"),
            "lockstep.notify.timeout (LOCKSTEP_NOTIFY_TIMEOUT) is PT0S: it must be longer than"
                + " zero"));
  }

  @ParameterizedTest
  @MethodSource("problems")
  void aSinkThatCannotWorkIsOneLineNamingTheKey(Map<String, String> properties, String line) {
    assertThatThrownBy(() -> notify(properties))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageStartingWith(line)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anUnknownTypeNamesTheAllowedValues() {
    Throwable failure =
        catchThrowable(() -> ServeSettingsTest.config(Map.of(P + "team.type", "discord")));
    assertThat(ConfigProblem.lines(failure))
        .contains(
            List.of(
                "lockstep.notify.sinks.team.type (LOCKSTEP_NOTIFY_SINKS_TEAM_TYPE) is \"discord\";"
                    + " allowed values: slack, slack-webhook, teams, webhook, commit-status,"
                    + " plan-comment"));
  }

  @Test
  void theKeysOfOneSinkAreListedOncePerName() {
    assertThat(ConfigKeys.find("lockstep.notify.sinks.<name>.type"))
        .hasValueSatisfying(
            k -> {
              assertThat(k.perName()).isTrue();
              assertThat(k.env()).isEqualTo("LOCKSTEP_NOTIFY_SINKS_<NAME>_TYPE");
              assertThat(k.property("team")).isEqualTo("lockstep.notify.sinks.team.type");
              assertThat(k.allowedValues()).contains("slack-webhook", "commit-status");
            });
    assertThat(ConfigKeys.find("lockstep.notify.timeout"))
        .hasValueSatisfying(k -> assertThat(k.perName()).isFalse());
    assertThat(Optional.of(ConfigKeys.all()))
        .hasValueSatisfying(
            all ->
                assertThat(all)
                    .filteredOn(ConfigKeys.Key::perName)
                    .extracting(ConfigKeys.Key::property)
                    .allMatch(p -> p.startsWith("lockstep.notify.sinks.<name>.")));
  }
}
