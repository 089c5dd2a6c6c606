package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lockstep.cluster.TargetKind;
import dev.lockstep.source.GitAuth;
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
}
