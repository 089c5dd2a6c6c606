package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lockstep.bump.BumpService;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.forge.ForgeSettings;
import dev.lockstep.forge.Platform;
import dev.lockstep.source.GitAuth;
import dev.lockstep.source.Secret;
import dev.lockstep.source.StatusSettings;
import dev.lockstep.source.VerifyMode;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
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
 * {@link LockstepConfig} read through SmallRye Config (as Quarkus reads it) and turned into the
 * core's settings by {@link ServeSettings}; invalid values become one line naming the key.
 */
class ServeSettingsTest {
  private static final Path DATA = Path.of("/var/lib/lockstep");

  /** The configuration mapping as Quarkus builds it, from these properties only. */
  static LockstepConfig config(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.putIfAbsent("lockstep.data-dir", DATA.toString());
    return new SmallRyeConfigBuilder()
        .withMapping(LockstepConfig.class)
        .withSources(new PropertiesConfigSource(all, "test", 100))
        .build()
        .getConfigMapping(LockstepConfig.class);
  }

  static ServeSettings settings(Map<String, String> properties) {
    return ServeSettings.from(config(properties), Map.of());
  }

  @Test
  void defaultsReconcileTheEmbeddedSampleIntoTheFileTarget() {
    ServeSettings s = settings(Map.of());
    assertThat(s.embedded()).isTrue();
    assertThat(s.git().url()).isEqualTo(DATA.resolve("embedded-repo").toString());
    assertThat(s.git().ref()).isEqualTo("main");
    assertThat(s.git().cacheDir()).isEqualTo(DATA.resolve("git-cache"));
    assertThat(s.git().verify()).isEqualTo(VerifyMode.NONE);
    assertThat(s.reconcile().cluster()).contains(ServeSettings.EMBEDDED_CLUSTER);
    assertThat(s.reconcile().targetKind()).isEqualTo(TargetKind.FILE);
    assertThat(s.reconcile().verifySignatures()).isFalse();
    assertThat(s.target().fileDir()).isEqualTo(DATA.resolve("applied"));
    assertThat(s.status().mode()).isEqualTo(StatusSettings.Mode.BRANCH);
    assertThat(s.status().branch()).isEqualTo("lockstep/status");
    assertThat(s.status().pathTemplate()).isEqualTo("status/{cluster}.yaml");
    assertThat(s.status().messageTemplate())
        .isEqualTo("lockstep: {cluster} {reason} at {revision}");
  }

  @Test
  void sourceBranchModeWritesUnderTheHiddenFolderAndSkipsCi() {
    StatusSettings status = settings(Map.of("lockstep.status.mode", "source-branch")).status();
    assertThat(status.mode()).isEqualTo(StatusSettings.Mode.SOURCE_BRANCH);
    assertThat(status.pathTemplate()).isEqualTo(".lockstep/status/{cluster}.yaml");
    assertThat(status.messageTemplate())
        .isEqualTo("lockstep: {cluster} {reason} at {revision} [skip ci]");
    assertThat(ServeSettings.withReason(status, "Applied").messageTemplate())
        .isEqualTo("lockstep: {cluster} Applied at {revision} [skip ci]");
  }

  @Test
  void aRepositoryWithTokenVerificationAndTheTctlTarget() {
    ServeSettings s =
        settings(
            Map.of(
                "lockstep.git.url", "https://user:pw@git.example.com/fleet.git",
                "lockstep.git.ref", "release",
                "lockstep.git.token-file", "/run/secrets/token",
                "lockstep.git.verify", "head",
                "lockstep.git.timeout", "PT5S",
                "lockstep.cluster", "staging",
                "lockstep.target.kind", "tctl",
                "lockstep.target.auth-server", "auth.example.com:3025",
                "lockstep.target.tctl-timeout", "PT9S"));
    assertThat(s.embedded()).isFalse();
    assertThat(s.sourceDescription()).isEqualTo("https://git.example.com/fleet.git");
    assertThat(s.git().ref()).isEqualTo("release");
    assertThat(s.git().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.git().auth()).isInstanceOf(GitAuth.Http.class);
    assertThat(s.git().verify()).isEqualTo(VerifyMode.HEAD);
    assertThat(s.reconcile().verifySignatures()).isTrue();
    assertThat(s.reconcile().cluster()).contains("staging");
    assertThat(s.target().kind()).isEqualTo(TargetKind.TCTL);
    assertThat(s.target().tctl().authServer()).contains("auth.example.com:3025");
    assertThat(s.target().tctl().timeout()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void theKubernetesNamespaceFallsBackToTheClients() {
    ServeSettings.TargetSettings t =
        settings(Map.of("lockstep.target.kind", "kubernetes")).target();
    assertThat(t.kubernetes("teleport").namespace()).isEqualTo("teleport");
    ServeSettings.TargetSettings set =
        settings(Map.of("lockstep.target.kind", "kubernetes", "lockstep.target.namespace", "ops"))
            .target();
    assertThat(set.kubernetes("teleport").namespace()).isEqualTo("ops");
  }

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        row(
            "status.mode source (the old spelling)",
            "lockstep.status.mode",
            "source",
            "lockstep.status.mode (LOCKSTEP_STATUS_MODE) is \"source\"; allowed values: branch,"
                + " source-branch, off"),
        row(
            "target.kind kube",
            "lockstep.target.kind",
            "kube",
            "lockstep.target.kind (LOCKSTEP_TARGET_KIND) is \"kube\"; allowed values: kubernetes,"
                + " tctl, file"),
        row(
            "git.verify all",
            "lockstep.git.verify",
            "all",
            "lockstep.git.verify (LOCKSTEP_GIT_VERIFY) is \"all\"; allowed values: none, head"),
        row(
            "channels.tls-engine boringssl",
            "lockstep.channels.tls-engine",
            "boringssl",
            "lockstep.channels.tls-engine (LOCKSTEP_CHANNELS_TLS_ENGINE) is \"boringssl\"; allowed"
                + " values: auto, openssl, jdk"),
        row(
            "bump.delivery pr",
            "lockstep.bump.delivery",
            "pr",
            "lockstep.bump.delivery (LOCKSTEP_BUMP_DELIVERY) is \"pr\"; allowed values: branch,"
                + " pull-request"),
        row(
            "bump.platform bitbucket",
            "lockstep.bump.platform",
            "bitbucket",
            "lockstep.bump.platform (LOCKSTEP_BUMP_PLATFORM) is \"bitbucket\"; allowed values:"
                + " github, gitlab, gitea"),
        row(
            "a number that is not one",
            "lockstep.webhook.rate-per-minute",
            "sixty",
            "lockstep.webhook.rate-per-minute (LOCKSTEP_WEBHOOK_RATE_PER_MINUTE) is \"sixty\":"
                + " Expected an integer value, got \"sixty\""));
  }

  private static Arguments row(String name, String key, String value, String line) {
    return Arguments.of(Named.named(name, key), value, line);
  }

  @ParameterizedTest
  @MethodSource("invalidValues")
  void anInvalidValueIsOneLineNamingTheKeyAndTheAllowedValues(
      String key, String value, String line) {
    Throwable failure = catchThrowable(() -> config(Map.of(key, value)));
    assertThat(failure).isNotNull();
    assertThat(ConfigProblem.lines(failure)).contains(List.of(line));
  }

  @Test
  void twoInvalidValuesAreTwoLines() {
    Throwable failure =
        catchThrowable(
            () -> config(Map.of("lockstep.status.mode", "x", "lockstep.git.verify", "y")));
    assertThat(ConfigProblem.lines(failure).orElseThrow())
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).doesNotContain("SRCFG").doesNotContain("\n"));
  }

  @Test
  void anSshKeyWithoutKnownHostsNamesTheMissingKey() {
    assertThatThrownBy(
            () ->
                settings(
                    Map.of(
                        "lockstep.git.url", "ssh://git@git.example.com/fleet.git",
                        "lockstep.git.ssh-key-file", "/run/secrets/id")))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageStartingWith(
            "lockstep.git.known-hosts-file (LOCKSTEP_GIT_KNOWN_HOSTS_FILE) is required with"
                + " lockstep.git.ssh-key-file");
  }

  @Test
  void aStatusPathOutsideTheRepositoryNamesTheKey() {
    assertThatThrownBy(() -> settings(Map.of("lockstep.status.path", "../{cluster}.yaml")))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageStartingWith(
            "lockstep.status.path (LOCKSTEP_STATUS_PATH) is \"../{cluster}.yaml\"")
        .hasMessageContaining("e.g. status/{cluster}.yaml");
  }

  @Test
  void anythingElseIsNotAConfigurationProblem() {
    assertThat(ConfigProblem.lines(new IllegalStateException("boom"))).isEqualTo(Optional.empty());
  }

  static final Map<String, String> BUMP =
      Map.of(
          "lockstep.git.url", "https://github.com/acme/fleet.git",
          "lockstep.bump.enabled", "true",
          "lockstep.bump.token-file", "/run/secrets/github/token");

  static Optional<ServeSettings.BumpSettings> bump(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(BUMP);
    all.putAll(more);
    return ServeSettings.bump(config(all), Map.of());
  }

  @Test
  void bumpsAreOffByDefault() {
    assertThat(ServeSettings.bump(config(Map.of()), Map.of())).isEmpty();
  }

  @Test
  void aBumpPushesToTheFollowedRepositoryAndOpensPullRequestsOnGithub() {
    ServeSettings.BumpSettings b = bump(Map.of()).orElseThrow();
    assertThat(b.base().url()).isEqualTo("https://github.com/acme/fleet.git");
    assertThat(b.base().ref()).isEqualTo("main");
    assertThat(b.base().cacheDir()).isEqualTo(DATA.resolve("bump-git"));
    assertThat(b.status().map(g -> g.ref())).contains("lockstep/status");
    assertThat(b.status().map(g -> g.cacheDir())).contains(DATA.resolve("bump-status-git"));
    ForgeSettings forge = b.forge().orElseThrow();
    assertThat(forge.platform()).isEqualTo(Platform.GITHUB);
    assertThat(forge.api()).hasToString("https://api.github.com");
    assertThat(forge.repository()).isEqualTo("acme/fleet");
    assertThat(forge.token()).contains(Secret.file(Path.of("/run/secrets/github/token")));
    assertThat(b.service().clusters()).isEmpty();
    assertThat(b.service().delivery()).isEqualTo(BumpService.Delivery.PULL_REQUEST);
    assertThat(b.service().feed().releases()).isEqualTo("github");
    assertThat(b.service().feed().cache()).contains(DATA.resolve("bump-releases"));
    assertThat(b.service().statusPath()).isEqualTo("status/{cluster}.yaml");
    assertThat(b.interval()).isEqualTo(Duration.ofHours(6));
    assertThat(b.cron()).isEmpty();
    assertThat(b.timeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aBranchBumpOnGiteaAgainstAnotherBranchWithStatusOnTheFollowedOne() {
    ServeSettings.BumpSettings b =
        bump(Map.of(
                "lockstep.bump.delivery", "branch",
                "lockstep.bump.base-branch", "develop",
                "lockstep.bump.clusters", "prod,staging",
                "lockstep.bump.cron", "0 0 7 ? * MON-FRI",
                "lockstep.bump.releases-file", "/srv/releases.json",
                "lockstep.status.mode", "source-branch"))
            .orElseThrow();
    assertThat(b.forge()).isEmpty();
    assertThat(b.base().ref()).isEqualTo("develop");
    assertThat(b.status().map(g -> g.ref())).contains("main");
    assertThat(b.service().clusters()).containsExactly("prod", "staging");
    assertThat(b.service().feed().releases()).isEqualTo("/srv/releases.json");
    assertThat(b.service().statusPath()).isEqualTo(".lockstep/status/{cluster}.yaml");
    assertThat(b.cron()).contains("0 0 7 ? * MON-FRI");
    assertThat(bump(Map.of("lockstep.status.mode", "source-branch")).orElseThrow().status())
        .as("status files on the base branch: read from its own mirror")
        .isEmpty();
  }

  static Stream<Arguments> bumpProblems() {
    return Stream.of(
        Arguments.of(
            Named.named("no git.url: the embedded sample", Map.of("lockstep.git.url", "")),
            "lockstep.bump.enabled (LOCKSTEP_BUMP_ENABLED) needs lockstep.git.url"),
        Arguments.of(
            Named.named("interval zero", Map.of("lockstep.bump.interval", "PT0S")),
            "lockstep.bump.interval (LOCKSTEP_BUMP_INTERVAL) is PT0S: it must be longer than zero"),
        Arguments.of(
            Named.named("gitea without api-url", Map.of("lockstep.bump.platform", "gitea")),
            "lockstep.bump.api-url (LOCKSTEP_BUMP_API_URL) is required with"
                + " lockstep.bump.platform=gitea"),
        Arguments.of(
            Named.named(
                "a git URL without owner/name", Map.of("lockstep.git.url", "/srv/git/fleet")),
            "lockstep.bump.repository (LOCKSTEP_BUMP_REPOSITORY) cannot be told from"
                + " lockstep.git.url; set it to owner/name"));
  }

  @ParameterizedTest
  @MethodSource("bumpProblems")
  void aBumpThatCannotWorkNamesTheKey(Map<String, String> more, String message) {
    assertThatThrownBy(() -> bump(more))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aPullRequestBumpWithoutATokenFileNamesTheKey() {
    Map<String, String> noToken = new HashMap<>(BUMP);
    noToken.remove("lockstep.bump.token-file");
    assertThatThrownBy(() -> ServeSettings.bump(config(noToken), Map.of()))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageStartingWith(
            "lockstep.bump.token-file (LOCKSTEP_BUMP_TOKEN_FILE) is required with"
                + " lockstep.bump.delivery=pull-request");
  }
}
