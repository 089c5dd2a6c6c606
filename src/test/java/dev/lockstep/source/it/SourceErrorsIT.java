package dev.lockstep.source.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.source.GitAuth;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.Secret;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.SourceException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way reaching the repository can fail gives one {@link SourceException} with a reason, the
 * URL without credentials, and no secret, within the timeout.
 */
class SourceErrorsIT {
  /** For the hung servers: short, so the test is quick. */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** For the other failures: long enough that a loaded machine never turns them into timeouts. */
  private static final Duration PATIENT = Duration.ofSeconds(15);

  private static final String WRONG_TOKEN = "wr0ng-t0ken-1a2b3c";
  private static final String URL_PASSWORD = "url-pa55word-77";

  @TempDir Path dir;
  Servers servers;
  Upstream up;

  @BeforeEach
  void setUp() throws Exception {
    servers = new Servers();
    up = Upstream.create(dir.resolve("upstream"));
    up.commit("a.yaml", "a: 1\n", "first");
  }

  @AfterEach
  void tearDown() throws Exception {
    servers.close();
  }

  /** Sets up a failing scenario and returns the settings to poll with. */
  interface Scenario {
    GitSettings prepare(SourceErrorsIT t) throws Exception;
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            named(
                "ssh: server key differs from known_hosts -> HostKey",
                (Scenario)
                    t -> {
                      GitSettings s = t.ssh();
                      GitAuth.Ssh auth = (GitAuth.Ssh) s.auth();
                      Path other = t.dir.resolve("other-host");
                      Files.createDirectories(other);
                      Cmd.run(
                          other,
                          Map.of(),
                          "ssh-keygen",
                          "-q",
                          "-t",
                          "ed25519",
                          "-N",
                          "",
                          "-f",
                          other.resolve("k").toString());
                      int port = Integer.parseInt(s.url().replaceAll(".*:(\\d+)/.*", "$1"));
                      Files.writeString(
                          auth.knownHosts(),
                          Transport.knownHostsLine(port, other.resolve("k.pub")));
                      return s;
                    }),
            Reason.HOST_KEY,
            List.of("known_hosts")),
        Arguments.of(
            named(
                "ssh: empty known_hosts -> HostKey, no trust on first use",
                (Scenario)
                    t -> {
                      GitSettings s = t.ssh();
                      Files.writeString(((GitAuth.Ssh) s.auth()).knownHosts(), "# nothing yet\n");
                      return s;
                    }),
            Reason.HOST_KEY,
            List.of("known_hosts", "first use")),
        Arguments.of(
            named(
                "ssh: key not authorized -> Authentication",
                (Scenario)
                    t -> {
                      GitSettings s = t.ssh();
                      GitAuth.Ssh auth = (GitAuth.Ssh) s.auth();
                      Path other = t.dir.resolve("intruder");
                      Files.createDirectories(other);
                      Cmd.run(
                          other,
                          Map.of(),
                          "ssh-keygen",
                          "-q",
                          "-t",
                          "ed25519",
                          "-N",
                          "",
                          "-f",
                          other.resolve("id").toString());
                      return s.withAuth(
                          new GitAuth.Ssh(
                              other.resolve("id"), Optional.empty(), auth.knownHosts()));
                    }),
            Reason.AUTHENTICATION,
            List.of("refused the credentials")),
        Arguments.of(
            named(
                "https: wrong token -> Authentication",
                (Scenario) t -> t.http().withEnvironment(Map.of("GIT_TOKEN", WRONG_TOKEN))),
            Reason.AUTHENTICATION,
            List.of("refused the credentials", "env:GIT_TOKEN")),
        Arguments.of(
            named(
                "https: wrong password in the URL -> Authentication, URL shown without it",
                (Scenario)
                    t -> {
                      GitSettings s = t.http();
                      return GitSettings.of(
                              s.url().replace("http://", "http://lockstep:" + URL_PASSWORD + "@"),
                              "main",
                              t.dir.resolve("cache"))
                          .withTimeout(PATIENT);
                    }),
            Reason.AUTHENTICATION,
            List.of("refused")),
        Arguments.of(
            named(
                "https: no such repository -> RepositoryNotFound",
                (Scenario)
                    t -> {
                      GitSettings s = t.http();
                      return GitSettings.of(
                              s.url().replace("fleet.git", "nope.git"),
                              "main",
                              t.dir.resolve("cache"))
                          .withAuth(s.auth())
                          .withEnvironment(s.environment())
                          .withTimeout(PATIENT);
                    }),
            Reason.REPOSITORY_NOT_FOUND,
            List.of("no repository")),
        Arguments.of(
            named(
                "git daemon down -> Unreachable",
                (Scenario)
                    t ->
                        GitSettings.of(
                                "git://127.0.0.1:" + Servers.freePort() + "/fleet.git",
                                "main",
                                t.dir.resolve("cache"))
                            .withTimeout(TIMEOUT)),
            Reason.UNREACHABLE,
            List.of("does not answer")),
        Arguments.of(
            named(
                "https server down -> Unreachable",
                (Scenario)
                    t ->
                        GitSettings.of(
                                "http://127.0.0.1:" + Servers.freePort() + "/git/fleet.git",
                                "main",
                                t.dir.resolve("cache"))
                            .withAuth(new GitAuth.Http("lockstep", Secret.env("GIT_TOKEN")))
                            .withEnvironment(Map.of("GIT_TOKEN", Transport.TOKEN))
                            .withTimeout(TIMEOUT)),
            Reason.UNREACHABLE,
            List.of("does not answer")),
        Arguments.of(
            named(
                "git daemon hangs past the timeout -> Timeout",
                (Scenario)
                    t ->
                        GitSettings.of(
                                "git://127.0.0.1:" + t.servers.silent() + "/fleet.git",
                                "main",
                                t.dir.resolve("cache"))
                            .withTimeout(TIMEOUT)),
            Reason.TIMEOUT,
            List.of("within 2s")),
        Arguments.of(
            named(
                "https server hangs past the timeout -> Timeout",
                (Scenario)
                    t ->
                        GitSettings.of(
                                "http://127.0.0.1:" + t.servers.silent() + "/git/fleet.git",
                                "main",
                                t.dir.resolve("cache"))
                            .withAuth(new GitAuth.Http("lockstep", Secret.env("GIT_TOKEN")))
                            .withEnvironment(Map.of("GIT_TOKEN", Transport.TOKEN))
                            .withTimeout(TIMEOUT)),
            Reason.TIMEOUT,
            List.of("within 2s")),
        Arguments.of(
            named(
                "ssh server hangs past the timeout -> Timeout",
                (Scenario)
                    t -> {
                      GitSettings s = t.ssh();
                      int silent = t.servers.silent();
                      return GitSettings.of(
                              s.url().replaceAll(":\\d+/", ":" + silent + "/"),
                              "main",
                              t.dir.resolve("cache2"))
                          .withAuth(s.auth())
                          .withTimeout(TIMEOUT);
                    }),
            Reason.TIMEOUT,
            List.of("within 2s")));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failsWithOneClearErrorAndNoSecret(Scenario scenario, Reason reason, List<String> says)
      throws Exception {
    GitSettings settings = scenario.prepare(this);
    long start = System.nanoTime();
    SourceException error = null;
    try (GitSource source = new GitSource(settings)) {
      source.poll();
    } catch (SourceException e) {
      error = e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(error).as("poll must fail").isNotNull();
    assertThat(error.reason()).as(error.getMessage()).isEqualTo(reason);
    assertThat(error.getMessage()).contains(settings.displayUrl());
    for (String s : says) {
      assertThat(error.getMessage()).contains(s);
    }
    for (String secret : List.of(Transport.TOKEN, WRONG_TOKEN, URL_PASSWORD)) {
      assertThat(error.getMessage()).doesNotContain(secret);
      assertThat(error.url()).doesNotContain(secret);
      assertThat(String.valueOf(error)).doesNotContain(secret);
    }
    assertThat(error.getCause()).isNull();
    assertThat(took)
        .as("bounded by the timeout")
        .isLessThan(settings.timeout().multipliedBy(3).plusSeconds(5));
  }

  private GitSettings ssh() throws Exception {
    Transport.Remote r = Transport.SSH.start(servers, up, dir);
    return GitSettings.of(r.url(), "main", dir.resolve("cache"))
        .withAuth(r.auth())
        .withTimeout(PATIENT);
  }

  private GitSettings http() throws Exception {
    Transport.Remote r = Transport.SMART_HTTP.start(servers, up, dir);
    return GitSettings.of(r.url(), "main", dir.resolve("cache"))
        .withAuth(r.auth())
        .withEnvironment(r.env())
        .withTimeout(PATIENT);
  }
}
