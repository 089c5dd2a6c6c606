package dev.lockstep.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lockstep.cluster.MockApiServer;
import dev.lockstep.cluster.tctl.FakeTctlInstall;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code lockstep import} against the fake {@code tctl} and fabric8's mock API server (CRUD mode),
 * with WireMock as the Proxy: the imported folder validates clean and {@code diff} against the same
 * cluster finds no change. The written files are golden.
 */
class ImportCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLUSTER = "example.teleport.sh";
  private static final String NS = "teleport";

  @TempDir Path tmp;
  Path state;
  Path tctl;
  Path identity;
  WireMockServer proxy;

  /** One live cluster: its three resources in the form a user writes them (null: absent). */
  record Live(
      String name,
      Map<String, Object> config,
      Map<String, Object> version,
      Map<String, Object> maintenance) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final Map<String, Object> VERSION =
      map(
          "tools", map("target_version", "17.5.2"),
          "agents",
              map(
                  "start_version", "17.4.8",
                  "target_version", "17.5.2",
                  "schedule", "regular",
                  "mode", "enabled"));

  static final Map<String, Object> HALT_ON_ERROR =
      map(
          "tools", map("mode", "enabled"),
          "agents",
              map(
                  "mode", "enabled",
                  "strategy", "halt-on-error",
                  "schedules",
                      map(
                          "regular",
                          List.of(
                              map(
                                  "name",
                                  "dev",
                                  "days",
                                  List.of("Mon", "Tue", "Wed", "Thu"),
                                  "start_hour",
                                  8),
                              map(
                                  "name",
                                  "prod",
                                  "days",
                                  List.of("Mon", "Tue", "Wed", "Thu"),
                                  "start_hour",
                                  14,
                                  "wait_hours",
                                  24,
                                  "canary_count",
                                  2)))));

  static final Map<String, Object> TIME_BASED =
      map(
          "agents",
          map(
              "mode", "enabled",
              "strategy", "time-based",
              "maintenance_window_duration", "2h",
              "schedules",
                  map(
                      "regular",
                      List.of(
                          map("name", "dev", "days", List.of("*"), "start_hour", 4),
                          map("name", "prod", "days", List.of("Tue", "Wed"), "start_hour", 10)))));

  static final Map<String, Object> CMC =
      map("agent_upgrades", map("utc_start_hour", 3, "weekdays", List.of("Monday", "Wednesday")));

  static Stream<Live> tctlCases() {
    return Stream.of(
        new Live("halt-on-error-with-cmc", HALT_ON_ERROR, VERSION, CMC),
        new Live("halt-on-error-without-cmc", HALT_ON_ERROR, VERSION, null),
        new Live("time-based-with-cmc", TIME_BASED, VERSION, CMC),
        new Live("time-based-without-cmc", TIME_BASED, VERSION, null),
        new Live("defaults-with-cmc", map("tools", map("mode", "enabled")), VERSION, CMC));
  }

  static Stream<Live> kubernetesCases() {
    return Stream.of(
        new Live("kubernetes-halt-on-error", HALT_ON_ERROR, VERSION, null),
        new Live("kubernetes-time-based", TIME_BASED, VERSION, null));
  }

  @BeforeEach
  void setUp() throws IOException {
    state = tmp.resolve("tctl-state");
    tctl = FakeTctlInstall.install(tmp, state);
    identity = Files.writeString(tmp.resolve("identity"), "not a real identity");
    proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    proxy.stubFor(
        get("/webapi/find")
            .willReturn(
                okJson(
                    "{\"server_version\":\"v17.5.2\",\"cluster_name\":\""
                        + CLUSTER
                        + "\",\"edition\":\"ent\"}")));
  }

  @AfterEach
  void tearDown() {
    proxy.stop();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tctlCases")
  void tctlImportValidatesCleanAndDiffsToNoChange(Live live) throws Exception {
    seedTctl(live);
    Path repo = tmp.resolve("repo");

    CliRun imported = CliRun.of(withTctl("import", repo.toString(), "--proxy", proxyAddress()));
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains("wrote " + repo + "/clusters/" + CLUSTER + "/cluster.yaml")
        .contains("Next: lockstep validate " + repo + "/clusters/" + CLUSTER);
    if (live.maintenance() == null) {
      assertThat(imported.out())
          .contains("cluster_maintenance_config: not in the cluster; no file written.");
    }

    String files = folder(repo.resolve("clusters/" + CLUSTER));
    assertThat(files).doesNotContainPattern("(?m)^\\s*(revision|expires|status|labels):");
    Golden.assertMatches(
        getClass(), live.name(), files.replace(proxyAddress(), "http://127.0.0.1:PORT"));

    assertCleanAndUnchanged(repo, CLUSTER, withTctl());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubernetesCases")
  void kubernetesImportValidatesCleanAndDiffsToNoChange(Live live) throws Exception {
    try (MockApiServer api = new MockApiServer()) {
      api.putTeleportResource(ResourceKind.AUTOUPDATE_CONFIG, NS, live.config());
      api.putTeleportResource(ResourceKind.AUTOUPDATE_VERSION, NS, live.version());
      Path kubeconfig = api.writeKubeconfig(tmp.resolve("kubeconfig"));
      String previous = System.setProperty("kubeconfig", kubeconfig.toString());
      try {
        Path repo = tmp.resolve("repo");
        List<String> target = List.of("--target", "kubernetes", "-n", NS);

        CliRun imported =
            CliRun.of(
                args(
                    List.of(
                        "import", repo.toString(), "--cluster", "k8s", "--auth-version", "17.5.2"),
                    target));
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out())
            .contains(
                "cluster_maintenance_config: not read; the kubernetes target cannot read it"
                    + " (the Teleport operator has no custom resource for it). Import with"
                    + " --target tctl to include it.");

        String files = folder(repo.resolve("clusters/k8s"));
        assertThat(files)
            .doesNotContain("helm", "managed-by", "SuccessfullyReconciled")
            .doesNotContainPattern("(?m)^\\s*(namespace|uid|generation|status|labels):");
        Golden.assertMatches(getClass(), live.name(), files);

        assertCleanAndUnchanged(repo, "k8s", target);
      } finally {
        if (previous == null) {
          System.clearProperty("kubeconfig");
        } else {
          System.setProperty("kubeconfig", previous);
        }
      }
    }
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    seedTctl(new Live("halt-on-error", HALT_ON_ERROR, VERSION, CMC));
    Path repo = tmp.resolve("repo");
    String[] importing = withTctl("import", repo.toString(), "--proxy", proxyAddress());
    assertThat(CliRun.of(importing).exit()).isZero();
    Path config = repo.resolve("clusters/" + CLUSTER + "/autoupdate_config.yaml");
    Files.writeString(config, "# edited by hand\n");

    CliRun again = CliRun.of(importing);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err())
        .isEqualTo(
            "lockstep: refusing to overwrite "
                + Stream.of(
                        "cluster.yaml",
                        "cluster_maintenance_config.yaml",
                        "autoupdate_config.yaml",
                        "autoupdate_version.yaml")
                    .map(f -> repo + "/clusters/" + CLUSTER + "/" + f)
                    .collect(java.util.stream.Collectors.joining(", "))
                + ": pass --force to replace them\n");
    assertThat(config).hasContent("# edited by hand");

    List<String> forced = new ArrayList<>(List.of(importing));
    forced.add("--force");
    CliRun replaced = CliRun.of(forced.toArray(String[]::new));
    assertThat(replaced.exit()).as(replaced.err()).isZero();
    assertThat(Files.readString(config)).contains("strategy: halt-on-error");
  }

  @Test
  void addsAClusterFolderToAnExistingRepository() throws Exception {
    seedTctl(new Live("time-based", TIME_BASED, VERSION, CMC));
    Path repo = tmp.resolve("repo");
    PathArgumentsTest.copy(Path.of("sample-repo"), repo);

    CliRun imported =
        CliRun.of(
            withTctl("import", repo.toString(), "--cluster", "edge", "--proxy", proxyAddress()));
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(repo.resolve("clusters/prod/cluster.yaml")).exists();

    CliRun validate = CliRun.of("validate", repo.toString());
    assertThat(validate.exit()).as(validate.out()).isZero();
    CliRun diff =
        CliRun.of(args(List.of("diff", repo.toString(), "--cluster", "edge"), withTctl()));
    assertThat(diff.exit()).as(diff.out() + diff.err()).isZero();
    assertThat(diff.out()).contains("No changes on the tctl target.");
  }

  @Test
  void refusesANameAnotherFolderDeclares() throws Exception {
    seedTctl(new Live("time-based", TIME_BASED, VERSION, null));
    Path repo = tmp.resolve("repo");
    PathArgumentsTest.copy(Path.of("sample-repo"), repo);
    Files.move(repo.resolve("clusters/prod"), repo.resolve("clusters/production"));

    CliRun imported =
        CliRun.of(
            withTctl("import", repo.toString(), "--cluster", "prod", "--proxy", proxyAddress()));
    assertThat(imported.exit()).isEqualTo(2);
    assertThat(imported.err())
        .isEqualTo(
            "lockstep: cluster prod is already declared by clusters/production/ in "
                + repo
                + ": choose another name with --cluster\n");
    assertThat(repo.resolve("clusters/prod")).doesNotExist();
  }

  @Test
  void withoutTargetOrVersionSourceItIsAUsageError() {
    CliRun noTarget = CliRun.of("import", tmp.toString(), "--auth-version", "17.5.2");
    assertThat(noTarget.exit()).isEqualTo(2);
    assertThat(noTarget.err()).contains("import needs --target tctl, kubernetes or file");

    CliRun noVersion = CliRun.of(withTctl("import", tmp.toString(), "--cluster", "prod"));
    assertThat(noVersion.exit()).isEqualTo(2);
    assertThat(noVersion.err())
        .contains("import needs --proxy HOST:PORT")
        .contains("or --auth-version VERSION");
  }

  private void assertCleanAndUnchanged(Path repo, String cluster, List<String> target) {
    CliRun validate = CliRun.of("validate", repo.toString(), "--fail-on", "warning");
    assertThat(validate.exit()).as(validate.out() + validate.err()).isZero();

    CliRun diff = CliRun.of(args(List.of("diff", repo + "/clusters/" + cluster), target));
    assertThat(diff.exit()).as(diff.out() + diff.err()).isZero();
    assertThat(diff.out()).contains("No changes on the " + target.get(1) + " target.");
  }

  private void seedTctl(Live live) throws Exception {
    Files.createDirectories(state);
    create("autoupdate_config", live.config());
    create("autoupdate_version", live.version());
    if (live.maintenance() != null) {
      create("cluster_maintenance_config", live.maintenance());
    }
  }

  /** {@code tctl create} of one resource, so it is stored as the fake Teleport stores it. */
  private void create(String kind, Map<String, Object> spec) throws Exception {
    Path file = tmp.resolve(kind + ".json");
    JSON.writeValue(file.toFile(), map("kind", kind, "version", "v1", "spec", spec));
    Process p =
        new ProcessBuilder(
                tctl.toString(),
                "--auth-server",
                "127.0.0.1:3025",
                "-i",
                identity.toString(),
                "create",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
  }

  private String proxyAddress() {
    return "http://127.0.0.1:" + proxy.port();
  }

  private List<String> withTctl() {
    return List.of(
        "--target",
        "tctl",
        "--tctl",
        tctl.toString(),
        "--auth-server",
        "127.0.0.1:3025",
        "-i",
        identity.toString());
  }

  private String[] withTctl(String... command) {
    return args(List.of(command), withTctl());
  }

  private static String[] args(List<String> command, List<String> options) {
    List<String> all = new ArrayList<>(command);
    all.addAll(options);
    return all.toArray(String[]::new);
  }

  /** Every file of a folder, each under a header line with its name, in name order. */
  private static String folder(Path dir) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        out.append("==> ").append(f.getFileName()).append('\n').append(Files.readString(f));
      }
    }
    return out.toString();
  }

  /** An insertion-ordered map of key, value pairs. */
  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
