package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.server.channel.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real launcher, {@code ./lockstep serve}, as a process in the prod profile, configured only
 * through environment variables as the chart configures it: a bad value stops it with one line and
 * exit 2; HTTPS comes on from QUARKUS_HTTP_SSL_CERTIFICATE_*; health and metrics answer on the
 * management port only; the read token guards the API; SIGTERM stops it without a stack trace. Runs
 * after {@code package} (its own surefire execution); skipped when the build is older than the
 * sources, so that it never makes the launcher rebuild.
 */
class ServeProcessIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path LAUNCHER = ROOT.resolve("lockstep");
  private static final Path JAR = ROOT.resolve("target/quarkus-app/quarkus-run.jar");

  @TempDir Path work;

  @BeforeAll
  static void theBuildIsCurrent() throws IOException {
    assumeTrue(Files.isRegularFile(JAR), "no build: run ./mvnw package first (verify does)");
    FileTime built = Files.getLastModifiedTime(JAR);
    try (Stream<Path> sources = Files.walk(ROOT.resolve("src/main"))) {
      assumeTrue(
          sources.noneMatch(p -> isNewer(p, built)) && !isNewer(ROOT.resolve("pom.xml"), built),
          "the build is older than the sources: run ./mvnw package first (verify does)");
    }
  }

  private static boolean isNewer(Path p, FileTime than) {
    try {
      return Files.getLastModifiedTime(p).compareTo(than) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  record Run(int exit, String out, String err) {}

  static Stream<Arguments> invalidConfigurations() {
    return Stream.of(
        row(
            "status.mode as the code used to spell it",
            Map.of("LOCKSTEP_STATUS_MODE", "source"),
            "lockstep serve: invalid configuration: lockstep.status.mode (LOCKSTEP_STATUS_MODE) is"
                + " \"source\"; allowed values: branch, source-branch, off"),
        row(
            "an unknown target",
            Map.of("LOCKSTEP_TARGET_KIND", "k8s"),
            "lockstep serve: invalid configuration: lockstep.target.kind (LOCKSTEP_TARGET_KIND) is"
                + " \"k8s\"; allowed values: kubernetes, tctl, file"),
        row(
            "an SSH key without known_hosts",
            Map.of(
                "LOCKSTEP_GIT_URL", "ssh://git@127.0.0.1:1/fleet.git",
                "LOCKSTEP_GIT_SSH_KEY_FILE", "/nonexistent/id"),
            "lockstep serve: invalid configuration: lockstep.git.known-hosts-file"
                + " (LOCKSTEP_GIT_KNOWN_HOSTS_FILE) is required with lockstep.git.ssh-key-file:"
                + " Lockstep never trusts an SSH host key on first use; set it to a known_hosts"
                + " file listing the server's key"));
  }

  private static Arguments row(String name, Map<String, String> env, String line) {
    return Arguments.of(Named.named(name, env), line);
  }

  @ParameterizedTest
  @MethodSource("invalidConfigurations")
  void anInvalidValueStopsServeWithOneLineAndExit2(Map<String, String> env, String line)
      throws Exception {
    Map<String, String> all = new HashMap<>(ports());
    all.putAll(env);
    Process p = start(all);
    Run run = finish(p, Duration.ofSeconds(120));
    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(line);
    assertThat(run.out() + run.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void servesHttpsFromTheChartsVariablesHealthOnItsOwnPortAndStopsCleanly() throws Exception {
    new TestCertificates().start();
    Path certs = TestCertificates.directory();
    Files.writeString(work.resolve("read-token"), "r3ad\n");
    Files.writeString(work.resolve("api-token"), "wr1te\n");
    Map<String, String> env = new HashMap<>(ports());
    env.put("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", certs.resolve("server.crt").toString());
    env.put("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", certs.resolve("server.key").toString());
    env.put("LOCKSTEP_API_READ_TOKEN_FILE", work.resolve("read-token").toString());
    env.put("LOCKSTEP_API_TOKEN_FILE", work.resolve("api-token").toString());
    Process p = start(env);
    try {
      String management = "http://127.0.0.1:" + env.get("QUARKUS_MANAGEMENT_PORT");
      String http = "http://127.0.0.1:" + env.get("QUARKUS_HTTP_PORT");
      String https = "https://127.0.0.1:" + env.get("QUARKUS_HTTP_SSL_PORT");
      HttpClient client =
          HttpClient.newBuilder().sslContext(TestCertificates.trustingTheCa()).build();
      // the management port can answer before the main listeners are bound: wait for both
      awaitOk(client, management + "/q/health/ready", p);
      awaitOk(client, https + "/channels/stable/rolling/critical", p);

      assertThat(get(client, https + "/channels/stable/rolling/version", null))
          .isEqualTo(new Answer(200, "v17.5.2"));
      assertThat(get(client, http + "/api/status", null).status()).isEqualTo(401);
      assertThat(get(client, http + "/api/status", "r3ad").status()).isEqualTo(200);
      assertThat(get(client, http + "/q/metrics", "r3ad").status()).isEqualTo(404);
      assertThat(get(client, management + "/q/metrics", null).body())
          .contains("lockstep_reconcile_total");

      // a run in progress at SIGTERM, and the scheduler and webhooks racing the shutdown
      client.send(
          HttpRequest.newBuilder(URI.create(http + "/api/reconcile"))
              .header("Authorization", "Bearer wr1te")
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
      p.destroy(); // SIGTERM
    } finally {
      if (p.isAlive()) {
        p.destroy();
      }
    }
    Run run = finish(p, Duration.ofSeconds(60));
    String all = run.out() + run.err();
    assertThat(all).doesNotContain("\tat ").doesNotContainPattern(" (ERROR|WARN) +\\[");
    assertThat(all).contains("stopped in");
  }

  record Answer(int status, String body) {}

  private static Answer get(HttpClient client, String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  private static void awaitOk(HttpClient client, String url, Process p) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(until) && p.isAlive()) {
      try {
        if (get(client, url, null).status() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError(url + " did not answer 200 within 120 s");
  }

  /** Loopback-only ports that are free now, and the data folder. */
  private Map<String, String> ports() throws IOException {
    return Map.of(
        "LOCKSTEP_DATA_DIR", work.resolve("data").toString(),
        "QUARKUS_HTTP_HOST", "127.0.0.1",
        "QUARKUS_HTTP_PORT", String.valueOf(freePort()),
        "QUARKUS_HTTP_SSL_PORT", String.valueOf(freePort()),
        "QUARKUS_MANAGEMENT_HOST", "127.0.0.1",
        "QUARKUS_MANAGEMENT_PORT", String.valueOf(freePort()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process start(Map<String, String> env) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(List.of(LAUNCHER.toString(), "serve"))
            .directory(work.toFile())
            .redirectOutput(work.resolve("out.log").toFile())
            .redirectError(work.resolve("err.log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("LOCKSTEP_") || k.startsWith("QUARKUS_"));
    pb.environment().putAll(env);
    return pb.start();
  }

  private Run finish(Process p, Duration within) throws Exception {
    if (!p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("serve did not stop within " + within);
    }
    return new Run(
        p.exitValue(),
        Files.readString(work.resolve("out.log"), StandardCharsets.UTF_8),
        Files.readString(work.resolve("err.log"), StandardCharsets.UTF_8));
  }
}
