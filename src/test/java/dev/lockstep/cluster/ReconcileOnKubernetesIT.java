package dev.lockstep.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.Version;
import dev.lockstep.reconcile.Halter;
import dev.lockstep.reconcile.ReconcileReport;
import dev.lockstep.reconcile.ReconcileReport.Result;
import dev.lockstep.reconcile.ReconcileSettings;
import dev.lockstep.reconcile.Reconciler;
import dev.lockstep.reconcile.StatusYaml;
import dev.lockstep.reconcile.Upstream;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.StatusSettings;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile loop end to end on the Kubernetes target: a real Git repository, fabric8's mock API
 * server with {@link FakeOperator} playing the Teleport operator, and WireMock as the Teleport
 * Proxy whose {@code /webapi/find} feeds the compatibility rules.
 */
class ReconcileOnKubernetesIT {
  static final String NS = "teleport";
  static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  @TempDir Path tmp;
  MockApiServer server;
  FakeOperator operator;
  WireMockServer proxy;
  Upstream upstream;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockApiServer();
    FakeOperator.installCrds(server.client);
    operator = new FakeOperator(server.client, NS);
    proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    proxy.stubFor(get("/webapi/find").willReturn(okJson("{\"server_version\":\"17.5.2\"}")));
    upstream = Upstream.sample(Files.createDirectories(tmp.resolve("upstream")));
  }

  @AfterEach
  void tearDown() throws Exception {
    upstream.close();
    proxy.stop();
    operator.close();
    server.close();
  }

  Map<String, Version> live(List<ClusterSource> clusters) {
    Map<String, Version> out = new HashMap<>();
    try {
      ProxyClient.Settings d = ProxyClient.Settings.of("127.0.0.1:" + proxy.port());
      ProxyClient client =
          ProxyClient.of(
              new ProxyClient.Settings(
                  java.net.URI.create("http://127.0.0.1:" + proxy.port()),
                  d.connectTimeout(),
                  d.requestTimeout(),
                  1,
                  d.backoff(),
                  Optional.empty()));
      Version v = client.serverVersion();
      clusters.stream()
          .filter(c -> c.name().equals("prod"))
          .forEach(c -> out.put(c.name(), v)); // staging has its own Proxy
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Test
  void appliesCorrectsDriftAndRefusesARevisionAboveTheLiveControlPlane() throws Exception {
    GitSettings git = GitSettings.of(upstream.dir.toString(), "main", tmp.resolve("cache"));
    KubernetesTarget target =
        new KubernetesTarget(
            server.client,
            new KubernetesSettings(
                NS, Duration.ofSeconds(5), Duration.ofMillis(25), Duration.ofMillis(200)));
    StatusSettings status = StatusSettings.defaults();
    try (GitSource source = new GitSource(git)) {
      Reconciler r =
          new Reconciler(
              source,
              ".",
              target,
              status,
              (name, content, revision, reason, now) ->
                  new GitStatusWriter(source, git, status, StatusYaml::comparable, d -> {})
                      .write(name, content, revision, now),
              ReconcileSettings.defaults(TargetKind.KUBERNETES).withCluster("prod"),
              this::live,
              new Reconciler.Listener() {},
              () -> true,
              System::nanoTime,
              Halter.NONE);

      ReconcileReport first = r.reconcile(T0);
      assertThat(first.result()).as(first.message()).isEqualTo(Result.APPLIED);
      assertThat(targetVersion()).isEqualTo("17.5.2");
      assertThat(upstream.read("lockstep/status", "status/prod.yaml"))
          .contains("ReconciliationSucceeded");

      ResourceDefinitionContext ctx =
          KubernetesTarget.crd(ResourceKind.AUTOUPDATE_VERSION).orElseThrow();
      server
          .client
          .genericKubernetesResources(ctx)
          .inNamespace(NS)
          .withName("autoupdate-version")
          .edit(
              cr -> {
                agents(cr).put("target_version", "17.9.9");
                return cr;
              });
      ReconcileReport healed = r.reconcile(T0.plusSeconds(60));
      assertThat(healed.result()).as(healed.message()).isEqualTo(Result.DRIFT_CORRECTED);
      assertThat(targetVersion()).isEqualTo("17.5.2");

      // the live control plane is older than the agents' target: the compatibility rules refuse it
      proxy.stubFor(get("/webapi/find").willReturn(okJson("{\"server_version\":\"17.0.0\"}")));
      upstream.edit(
          "clusters/prod/autoupdate_version.yaml",
          "start_version: 17.4.8",
          "start_version: 17.4.9");
      ReconcileReport refused = r.reconcile(T0.plusSeconds(120));
      assertThat(refused.result()).isEqualTo(Result.STALLED);
      assertThat(refused.findings().items())
          .anySatisfy(f -> assertThat(f.rule()).startsWith("compat/"));
      assertThat(targetVersion()).isEqualTo("17.5.2");
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> agents(io.fabric8.kubernetes.api.model.GenericKubernetesResource cr) {
    return (Map<String, Object>)
        ((Map<String, Object>) cr.getAdditionalProperties().get("spec")).get("agents");
  }

  String targetVersion() {
    ResourceDefinitionContext ctx =
        KubernetesTarget.crd(ResourceKind.AUTOUPDATE_VERSION).orElseThrow();
    return String.valueOf(
        agents(
                server
                    .client
                    .genericKubernetesResources(ctx)
                    .inNamespace(NS)
                    .withName("autoupdate-version")
                    .get())
            .get("target_version"));
  }
}
