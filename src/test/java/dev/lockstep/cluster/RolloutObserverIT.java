package dev.lockstep.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lockstep.cluster.tctl.FakeTctlRunner;
import dev.lockstep.observe.GroupFind;
import dev.lockstep.observe.Observation;
import dev.lockstep.observe.ObservationSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes target observes the rollout through its observer: tctl with an identity, or the
 * Proxy's {@code /webapi/find} per group (WireMock as the Proxy) without credentials.
 */
class RolloutObserverIT {
  static final Instant AT = Instant.parse("2026-11-23T13:15:00Z");

  WireMockServer proxy;
  KubernetesClient client;
  @TempDir Path tmp;

  @BeforeEach
  void start() {
    proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    // never contacted: observing does not touch the Kubernetes API
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:1")
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    proxy.stop();
    client.close();
  }

  KubernetesTarget kubernetes() {
    return new KubernetesTarget(client, KubernetesSettings.of("teleport"));
  }

  ProxyClient proxyClient() throws ProxyException {
    return new ProxyClient(
        new ProxyClient.Settings(
            URI.create("http://127.0.0.1:" + proxy.port()),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            2,
            Duration.ofMillis(10),
            Optional.empty()),
        d -> {});
  }

  static String find(String version, boolean update) {
    return "{\"server_version\":\"17.3.0\",\"auto_update\":{\"agent_version\":\""
        + version
        + "\",\"agent_auto_update\":"
        + update
        + "}}";
  }

  @Test
  void withoutAnObserverTheKubernetesTargetObservesNothing() throws Exception {
    assertThat(kubernetes().observeRollout(AT, List.of("dev"))).isEmpty();
  }

  @Test
  void withoutCredentialsItAsksTheProxyWhatEachGroupIsTold() throws Exception {
    proxy.stubFor(
        get(urlEqualTo("/webapi/find?group=dev")).willReturn(okJson(find("17.3.0", true))));
    proxy.stubFor(
        get(urlEqualTo("/webapi/find?group=prod")).willReturn(okJson(find("17.2.0", false))));

    Observation o =
        kubernetes()
            .withObserver(RolloutObserver.proxyFind(proxyClient()))
            .forRevision("main@1")
            .observeRollout(AT, List.of("dev", "prod"))
            .orElseThrow();

    assertThat(o.source()).isEqualTo(ObservationSource.PROXY_FIND);
    assertThat(o.rollout()).isEmpty();
    assertThat(o.reports().read()).isFalse();
    assertThat(o.finds())
        .containsExactly(
            new GroupFind("dev", "17.3.0", true), new GroupFind("prod", "17.2.0", false));
  }

  @Test
  void anUnreachableProxyIsAnUnreachableTarget() throws Exception {
    proxy.stubFor(get(urlEqualTo("/webapi/find?group=dev")).willReturn(serverError()));

    assertThatThrownBy(
            () ->
                kubernetes()
                    .withObserver(RolloutObserver.proxyFind(proxyClient()))
                    .observeRollout(AT, List.of("dev")))
        .isInstanceOfSatisfying(
            TargetException.class,
            e -> assertThat(e.reason()).isEqualTo(TargetException.Reason.UNREACHABLE))
        .hasMessageContaining("HTTP 500");
  }

  @Test
  void withAMachineIdIdentityItReadsTheRolloutWithTctl() throws Exception {
    Path state = tmp.resolve("state");
    FakeTctlRunner runner = new FakeTctlRunner(state);
    runner.serve(Path.of("src/test/resources/replay/canaries-stuck"), 40);
    Path identity = Files.writeString(tmp.resolve("identity"), "machine id identity");
    TctlTarget tctl =
        new TctlTarget(
            new TctlSettings(
                "tctl",
                Optional.of("teleport.example.com:443"),
                Optional.of(identity),
                Optional.empty(),
                Duration.ofSeconds(10)),
            runner);

    Observation o =
        kubernetes()
            .withObserver(RolloutObserver.tctl(tctl))
            .observeRollout(AT, List.of())
            .orElseThrow();

    assertThat(o.source()).isEqualTo(ObservationSource.TCTL);
    assertThat(o.rollout().orElseThrow().status().groups()).hasSize(2);
  }
}
