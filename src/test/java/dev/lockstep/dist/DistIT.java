package dev.lockstep.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.cluster.MockApiServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the release archive that {@code ./mvnw -Pdist verify} builds (src/main/dist/build-dist.sh)
 * the way a user meets it: unpacked into an empty folder and run through {@code bin/lockstep} with
 * {@code PATH} and {@code JAVA_HOME} pointing nowhere, so only the bundled runtime can run it.
 * Every CLI command runs on the slim class path (a missing library fails here), none loads a
 * Quarkus class, the class-data archive and serve's AOT cache load after the move, and {@code
 * serve} gets ready on loopback.
 */
class DistIT {
  @TempDir static Path work;

  private static Path home;
  private static Path repo;

  @BeforeAll
  static void unpack() throws Exception {
    String dir = System.getProperty("lockstep.dist.dir", "");
    String version = System.getProperty("lockstep.version", "");
    assumeTrue(
        !dir.isBlank(), "no archive to check: build it with ./mvnw -Pdist verify (sets the paths)");
    Path tarball;
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      tarball =
          files
              .filter(
                  f ->
                      f.getFileName()
                          .toString()
                          .matches("lockstep-\\Q" + version + "\\E-linux-[a-z0-9]+\\.tar\\.gz"))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no lockstep-" + version + "-linux-*.tar.gz in " + dir));
    }
    Path unpacked = Files.createDirectories(work.resolve("unpacked"));
    Process tar =
        new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", unpacked.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor(2, TimeUnit.MINUTES) && tar.exitValue() == 0).as("tar -x").isTrue();
    home = unpacked.resolve("lockstep-" + version);
    assertThat(home.resolve("bin/lockstep")).isExecutable();
    // the user's repository: a copy outside the project, so nothing resolves against the checkout
    repo = work.resolve("fleet");
    copy(Path.of("sample-repo"), repo);
  }

  @Test
  void versionNamesTheBuildAndTheBundledRuntime() throws Exception {
    Run r = lockstep(List.of("version"));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output())
        .startsWith("lockstep " + System.getProperty("lockstep.version") + "\n")
        .containsPattern("commit: +([0-9a-f]{12}|none)")
        .containsPattern("built: +\\d{4}-\\d\\d-\\d\\dT")
        .contains("(" + home.resolve("lib/runtime").toRealPath() + ")");
  }

  @Test
  void validateAndPlanRunFromTheArchiveAlone() throws Exception {
    Run validate = lockstep(List.of("validate", repo.toString()));
    assertThat(validate.exit()).as(validate.output()).isZero();
    assertThat(validate.output()).contains("0 errors");

    Run plan =
        lockstep(
            List.of(
                "plan", repo.toString(), "--cluster", "prod", "--from", "2026-01-05T00:00:00Z"));
    assertThat(plan.exit()).as(plan.output()).isZero();
    assertThat(plan.output()).contains("prod");
  }

  @Test
  void everyOtherCommandFindsItsClassesOnTheSlimClassPath() throws Exception {
    Path policies = home.resolve("policies");
    Path applied = work.resolve("applied");
    record Case(List<String> args, int exit) {}
    List<Case> cases =
        List.of(
            new Case(List.of("validate", repo.toString(), "--policies", policies.toString()), 0),
            new Case(List.of("validate", repo.toString(), "--format", "sarif"), 0),
            new Case(List.of("policy", "test", policies.toString()), 0),
            new Case(List.of("rules"), 0),
            new Case(
                List.of(
                    "export-channels",
                    repo.toString(),
                    "--out",
                    work.resolve("channels").toString()),
                0),
            new Case(
                List.of(
                    "diff",
                    repo.toString(),
                    "--cluster",
                    "prod",
                    "--target",
                    "file",
                    "--dir",
                    applied.toString()),
                1),
            new Case(
                List.of(
                    "apply",
                    repo.toString(),
                    "--cluster",
                    "prod",
                    "--target",
                    "file",
                    "--dir",
                    applied.toString()),
                0),
            new Case(List.of("validate", work.resolve("missing").toString()), 2));
    for (Case c : cases) {
      Run r = lockstep(c.args());
      assertThat(r.exit())
          .as("lockstep %s:\n%s", String.join(" ", c.args()), r.output())
          .isEqualTo(c.exit());
      assertThat(r.output())
          .as("lockstep %s", c.args())
          .doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "Exception in thread");
    }
    assertThat(applied.resolve("autoupdate_config.yaml")).isRegularFile();
  }

  @Test
  void theKubernetesTargetReachesAnApiServerWithTheCliOwnHttpClient() throws Exception {
    try (MockApiServer api = new MockApiServer()) {
      Path kubeconfig = api.writeKubeconfig(work.resolve("kubeconfig"));
      Run diff =
          lockstep(
              List.of("diff", repo.toString(), "--cluster", "prod", "--target", "kubernetes"),
              Map.of("KUBECONFIG", kubeconfig.toString()));
      assertThat(diff.exit()).as(diff.output()).isEqualTo(1);
      assertThat(diff.output()).contains("to change on the kubernetes");
    }
  }

  @Test
  void theCliLoadsNoQuarkusClassAndItsCacheSurvivesTheMove() throws Exception {
    assertThat(Files.readAllLines(home.resolve("lib/cli.classpath")))
        .isNotEmpty()
        .noneMatch(
            jar ->
                jar.matches(
                    ".*/(io\\.quarkus|io\\.smallrye|jakarta|io\\.micrometer|org\\.jboss)\\..*"));
    Path log = work.resolve("classes.log");
    List<String> options = new ArrayList<>(List.of("-Xlog:class+load=info:file=" + log));
    boolean cache = Files.exists(home.resolve("lib/cli.jsa"));
    if (cache) {
      options.add("-Xshare:on"); // the JVM refuses to start when the archive cannot be used
    }
    Run r =
        lockstep(
            List.of("validate", repo.toString()),
            Map.of("LOCKSTEP_JAVA_OPTS", String.join(" ", options)));
    assertThat(r.exit()).as(r.output()).isZero();
    String loaded = Files.readString(log);
    assertThat(loaded).contains("dev.lockstep.cli.ValidateCommand");
    assertThat(loaded)
        .doesNotContain("io.quarkus.", "io.smallrye.", "org.jboss.resteasy", "io.micrometer.");
    // a run without policies sets no CEL up (CliClassLoadTest), and it ends without JDK 21+'s
    // System.exit asking System.Logger whether to log the exit (the provider lookup opens every
    // jar of the class path): Main halts once its output is flushed
    assertThat(loaded)
        .doesNotContain("] dev.cel.", "] java.util.logging.", "] jdk.internal.logger.");
    if (cache) {
      assertThat(loaded).contains("dev.lockstep.cli.ValidateCommand source: shared objects file");
      // picocli is Java 5 bytecode: the build keeps the dump from linking it (build-dist.sh)
      assertThat(loaded).contains("] picocli.CommandLine source: shared objects file");
      assertThat(loaded).doesNotContain("picocli-4");
    }
  }

  @Test
  void serveGetsReadyOnLoopbackWithTheEmbeddedDefault() throws Exception {
    int port;
    int management;
    try (ServerSocket s = new ServerSocket(0);
        ServerSocket m = new ServerSocket(0)) {
      port = s.getLocalPort();
      management = m.getLocalPort();
    }
    Path dir = Files.createDirectories(work.resolve("serve"));
    Path out = dir.resolve("serve.log");
    Map<String, String> env = environment();
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
    env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
    env.put("LOCKSTEP_DATA_DIR", dir.resolve("data").toString());
    if (Files.exists(home.resolve("lib/aot/serve.aot"))) {
      env.put("LOCKSTEP_JAVA_OPTS", "-XX:AOTMode=on"); // refuses to start without its cache
    }
    ProcessBuilder pb =
        new ProcessBuilder(home.resolve("bin/lockstep").toString(), "serve")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process serve = pb.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      // health is on the management interface, its own port
      URI ready = URI.create("http://127.0.0.1:" + management + "/q/health/ready");
      int status = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (status != 200 && serve.isAlive() && System.nanoTime() < deadline) {
        try {
          status =
              http.send(
                      HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                  .statusCode();
        } catch (IOException notYet) {
          // not listening yet
        }
        if (status != 200) {
          Thread.sleep(100);
        }
      }
      assertThat(status).as("ready within 120 s:\n%s", Files.readString(out)).isEqualTo(200);
      HttpResponse<String> channel =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/channels/stable/rolling/version"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(channel.statusCode()).isEqualTo(200);
      assertThat(channel.body())
          .contains(Files.readString(repo.resolve("channels/stable/rolling/version")).strip());
    } finally {
      serve.destroy();
      if (!serve.waitFor(60, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
  }

  record Run(int exit, String output) {}

  /** No JDK, no Maven, no tools: PATH and JAVA_HOME point at a folder that does not exist. */
  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", work.resolve("nowhere").toString());
    env.put("JAVA_HOME", work.resolve("nowhere").toString());
    env.put("HOME", work.toString());
    env.put("LANG", "C.UTF-8");
    return env;
  }

  private static Run lockstep(List<String> args) throws Exception {
    return lockstep(args, Map.of());
  }

  private static Run lockstep(List<String> args, Map<String, String> extra) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/lockstep").toString());
    command.addAll(args);
    Path out = Files.createTempFile(work, "run", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment());
    pb.environment().putAll(extra);
    Process p = pb.start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish in 2 minutes: " + command);
    }
    return new Run(p.exitValue(), Files.readString(out));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
