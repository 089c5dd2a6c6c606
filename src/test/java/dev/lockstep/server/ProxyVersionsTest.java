package dev.lockstep.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import dev.lockstep.model.Version;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whose Proxy answers for which cluster: {@code lockstep.proxy.url} stands for the served cluster
 * only; every other cluster is read from the Proxy it declares, so the served cluster's version is
 * never taken for a peer's (WireMock as both Proxies).
 */
class ProxyVersionsTest {
  private WireMockServer mine;
  private WireMockServer theirs;

  @BeforeEach
  void start() {
    mine = proxy("17.6.0");
    theirs = proxy("16.4.2");
  }

  @AfterEach
  void stop() {
    mine.stop();
    theirs.stop();
  }

  private static WireMockServer proxy(String version) {
    WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    s.start();
    s.stubFor(
        get(urlPathEqualTo("/webapi/find"))
            .willReturn(okJson("{\"server_version\":\"v" + version + "\"}")));
    return s;
  }

  private static ClusterSource cluster(String name, String proxy) {
    return new ClusterSource(
        name,
        "clusters/" + name,
        TestResources.of(
            ResourceKind.LOCKSTEP_CLUSTER, TestResources.map("proxy", proxy, "auth_version", "")),
        List.of());
  }

  private ProxyVersions versions(Optional<String> served) {
    return new ProxyVersions(
        Optional.of(mine.baseUrl()),
        served,
        Duration.ofSeconds(5),
        Optional.empty(),
        Duration.ZERO);
  }

  @Test
  void theConfiguredProxyAnswersForTheServedClusterOnly() {
    Map<String, Version> live =
        versions(Optional.of("prod"))
            .read(
                List.of(
                    cluster("prod", "prod.example.invalid:443"),
                    cluster("staging", theirs.baseUrl())));
    assertThat(live).containsEntry("prod", Version.of(17, 6, 0));
    assertThat(live).containsEntry("staging", Version.of(16, 4, 2));
    assertThat(mine.findAll(getRequestedFor(urlPathEqualTo("/webapi/find")))).hasSize(1);
  }

  @Test
  void aPeerWithoutAProxyOfItsOwnHasNoLiveVersion() {
    Map<String, Version> live =
        versions(Optional.of("prod")).read(List.of(cluster("prod", ""), cluster("staging", "")));
    assertThat(live).containsOnlyKeys("prod");
  }

  @Test
  void withoutLockstepClusterTheOneClusterIsTheServedOne() {
    assertThat(versions(Optional.empty()).read(List.of(cluster("prod", ""))))
        .containsEntry("prod", Version.of(17, 6, 0));
  }
}
