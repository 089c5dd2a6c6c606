package dev.lockstep.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lockstep.cluster.tctl.FakeTctlInstall;
import dev.lockstep.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep rollout}: one sample of a recorded rollout, served by the fake tctl as a real
 * process, judged and printed; exit codes 0 healthy, 1 a check fails, 2 usage, 3 unreachable or
 * inconclusive.
 */
class RolloutCommandIT {
  static final Path REPLAY = Path.of("src/test/resources/replay").toAbsolutePath();

  @TempDir Path tmp;
  Path repo;
  Path state;
  Path tctl;
  Path identity;

  @BeforeEach
  void setUp() throws IOException {
    repo = tmp.resolve("repo");
    Path prod = Files.createDirectories(repo.resolve("clusters/prod"));
    Files.writeString(
        prod.resolve("cluster.yaml"),
        """
        kind: lockstep_cluster
        metadata:
          name: prod
        spec:
          auth_version: 17.3.0
        """);
    Files.writeString(
        prod.resolve("autoupdate_config.yaml"),
        """
        kind: autoupdate_config
        version: v1
        spec:
          agents:
            mode: enabled
            strategy: halt-on-error
            schedules:
              regular:
                - {name: dev, days: ["*"], start_hour: 10, canary_count: 1}
                - {name: prod, days: ["*"], start_hour: 12, canary_count: 2}
        """);
    Files.writeString(
        prod.resolve("autoupdate_version.yaml"),
        """
        kind: autoupdate_version
        version: v1
        spec:
          agents:
            start_version: 17.2.0
            target_version: 17.3.0
            schedule: regular
            mode: enabled
        """);
    state = tmp.resolve("state");
    tctl = FakeTctlInstall.install(tmp, state);
    identity = Files.writeString(tmp.resolve("identity"), "-----BEGIN SECRET-----\nx\n");
  }

  void serve(String recording, int sample) throws IOException {
    Files.writeString(state.resolve("series"), REPLAY.resolve(recording).toString());
    Files.writeString(state.resolve("sample"), String.valueOf(sample));
  }

  CliRun run(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "rollout",
                repo.toString(),
                "--cluster",
                "prod",
                "--target",
                "tctl",
                "--tctl",
                tctl.toString(),
                "--auth-server",
                "127.0.0.1:3025",
                "--identity",
                identity.toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void stuckCanariesFailOneSampleExitOneAsText() throws IOException {
    serve("canaries-stuck", 40);

    CliRun r = run("--now", "2026-11-23T13:15:00Z");

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
    Golden.assertMatches(RolloutCommandIT.class, "canaries-stuck-text", r.out());
  }

  @Test
  void stuckCanariesAsJsonHaveExactlyTheDocumentedKeys() throws IOException {
    serve("canaries-stuck", 40);

    CliRun r = run("--now", "2026-11-23T13:15:00Z", "--format", "json");

    assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
    Golden.assertMatches(RolloutCommandIT.class, "canaries-stuck-json", r.out());
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = new ObjectMapper().readValue(r.out(), Map.class);
    assertThat(doc).containsOnlyKeys("cluster", "rollout", "reports", "checks", "verdict");
    assertThat(doc.get("verdict")).isEqualTo("halt");
    @SuppressWarnings("unchecked")
    Map<String, Object> rollout = (Map<String, Object>) doc.get("rollout");
    assertThat(rollout)
        .containsOnlyKeys("state", "start_version", "target_version", "start_time", "groups");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groups = (List<Map<String, Object>>) rollout.get("groups");
    assertThat(groups.get(0))
        .containsOnlyKeys(
            "name",
            "state",
            "reason",
            "start_time",
            "last_update_time",
            "initial",
            "present",
            "up_to_date",
            "canaries");
    @SuppressWarnings("unchecked")
    Map<String, Object> reports = (Map<String, Object>) doc.get("reports");
    assertThat(reports).containsOnlyKeys("fresh", "expired", "groups");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> checks = (List<Map<String, Object>>) doc.get("checks");
    assertThat(checks)
        .allSatisfy(c -> assertThat(c).containsOnlyKeys("check", "group", "verdict", "evidence"));
  }

  @Test
  void aHealthyRolloutExitsZero() throws IOException {
    serve("healthy-slow", 48);

    CliRun r = run("--now", "2026-11-23T13:55:00Z", "--format", "json");

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    Golden.assertMatches(RolloutCommandIT.class, "healthy-json", r.out());
  }

  @Test
  void expiredReportsAreInconclusiveExitThree() throws IOException {
    serve("reports-expire", 40);

    CliRun r = run("--now", "2026-11-23T13:15:00Z");

    assertThat(r.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(r.out())
        .contains("Reports: 0 fresh, 2 expired")
        .contains("every agent report is expired")
        .endsWith("Verdict: inconclusive (data missing or expired: no check can judge)\n");
  }

  @Test
  void anApiErrorIsExitThreeWithTctlsMessageAndNoSecret() throws IOException {
    serve("api-errors", 7);

    CliRun r = run("--now", "2026-11-23T10:30:00Z");

    assertThat(r.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(r.err())
        .startsWith(
            "lockstep: cannot read the rollout of prod: tctl get autoupdate_agent_rollout failed")
        .contains("connection refused")
        .doesNotContain("BEGIN SECRET");
  }

  @Test
  void theFileTargetHoldsNoRolloutExitTwo() {
    CliRun r = CliRun.of("rollout", repo.toString(), "--target", "file");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--target file holds no live rollout");
  }

  @Test
  void anUnknownFormatIsAUsageError() throws IOException {
    serve("healthy-slow", 0);

    assertThat(run("--format", "yaml").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anInvalidHaltSettingStopsBeforeObservingExitTwo() throws IOException {
    Files.writeString(
        repo.resolve("clusters/prod/cluster.yaml"),
        """
        kind: lockstep_cluster
        metadata:
          name: prod
        spec:
          auth_version: 17.3.0
          halt:
            attrition:
              min_present_ratio: 85
        """);
    serve("healthy-slow", 0);

    CliRun r = run();

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("cluster.yaml:8:").contains("[halt/value]").contains("0.85");
    assertThat(state.resolve("argv.log")).doesNotExist();
  }

  @Test
  void kubernetesWithoutCredentialsAsksTheProxyAndIsInconclusive() throws IOException {
    WireMockServer proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    try {
      for (String g : List.of("dev", "prod")) {
        proxy.stubFor(
            get(urlEqualTo("/webapi/find?group=" + g))
                .willReturn(
                    okJson(
                        "{\"server_version\":\"17.3.0\",\"auto_update\":{\"agent_version\":\""
                            + (g.equals("dev") ? "17.3.0" : "17.2.0")
                            + "\",\"agent_auto_update\":"
                            + g.equals("dev")
                            + "}}")));
      }
      CliRun r =
          CliRun.of(
              "rollout",
              repo.toString(),
              "--target",
              "kubernetes",
              "--namespace",
              "teleport",
              "--proxy",
              "http://127.0.0.1:" + proxy.port(),
              "--now",
              "2026-11-23T13:15:00Z");

      assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.UNAVAILABLE);
      Golden.assertMatches(RolloutCommandIT.class, "kubernetes-proxy-find-text", r.out());
    } finally {
      proxy.stop();
    }
  }

  @Test
  void kubernetesWithNeitherIdentityNorProxyIsAUsageError() {
    CliRun r = CliRun.of("rollout", repo.toString(), "--target", "kubernetes", "-n", "teleport");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--identity FILE with --auth-server").contains("--proxy");
  }
}
