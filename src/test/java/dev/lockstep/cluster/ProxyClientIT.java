package dev.lockstep.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.lockstep.model.Version;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ProxyClient} against WireMock on 127.0.0.1, faults included. */
class ProxyClientIT {
  static final String FIND =
      """
      {"proxy":{},"auth":{},"auto_update":{"tools_version":"17.2.1","tools_auto_update":true,
       "agent_version":"17.2.0","agent_auto_update":false,"agent_update_jitter_seconds":60},
       "edition":"ent","fips":false,"server_version":"v17.2.1","cluster_name":"prod.example.com"}
      """;

  WireMockServer wiremock;
  final List<Duration> slept = new ArrayList<>();

  @BeforeEach
  void start() {
    wiremock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wiremock.start();
  }

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  ProxyClient client(Duration requestTimeout, int attempts) throws ProxyException {
    return new ProxyClient(
        new ProxyClient.Settings(
            URI.create("http://127.0.0.1:" + wiremock.port()),
            Duration.ofSeconds(10),
            requestTimeout,
            attempts,
            Duration.ofMillis(100),
            Optional.empty()),
        slept::add);
  }

  @Test
  void readsServerVersionWithoutTheLeadingVAndTheAutoUpdateBlock() throws Exception {
    wiremock.stubFor(get("/webapi/find").willReturn(okJson(FIND)));

    ProxyClient.Find find = client(Duration.ofSeconds(15), 1).find(Optional.empty());

    assertThat(find.serverVersion()).isEqualTo(Version.of(17, 2, 1));
    assertThat(find.clusterName()).isEqualTo("prod.example.com");
    assertThat(find.edition()).isEqualTo("ent");
    assertThat(find.autoUpdate())
        .contains(new ProxyClient.AutoUpdate("17.2.1", true, "17.2.0", false, 60));
  }

  @Test
  void asksForAGroupsAnswerWithTheGroupParameter() throws Exception {
    wiremock.stubFor(
        get(urlPathEqualTo("/webapi/find"))
            .withQueryParam("group", equalTo("canary one"))
            .willReturn(
                okJson(FIND.replace("\"agent_auto_update\":false", "\"agent_auto_update\":true"))));

    ProxyClient.Find find = client(Duration.ofSeconds(15), 1).find(Optional.of("canary one"));

    assertThat(find.autoUpdate().orElseThrow().agentAutoUpdate()).isTrue();
  }

  @Test
  void olderProxyWithoutAutoUpdateBlockStillGivesTheVersion() throws Exception {
    wiremock.stubFor(get("/webapi/find").willReturn(okJson("{\"server_version\":\"16.4.2\"}")));

    ProxyClient.Find find = client(Duration.ofSeconds(15), 1).find(Optional.empty());

    assertThat(find.serverVersion()).isEqualTo(Version.of(16, 4, 2));
    assertThat(find.autoUpdate()).isEmpty();
  }

  @Test
  void slowAnswerPastTheTimeoutIsRetriedThenUnreachable() throws Exception {
    wiremock.stubFor(get("/webapi/find").willReturn(okJson(FIND).withFixedDelay(3000)));
    long start = System.nanoTime();

    assertThatThrownBy(() -> client(Duration.ofMillis(300), 2).serverVersion())
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> assertThat(e.reason()).isEqualTo(ProxyException.Reason.UNREACHABLE))
        .hasMessage(
            "cannot read /webapi/find from the Proxy 127.0.0.1:"
                + wiremock.port()
                + " after 2 attempt(s): timed out after 300 ms");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2500);
    wiremock.verify(2, getRequestedFor(urlEqualTo("/webapi/find")));
  }

  @Test
  void connectionResetIsRetriedWithExponentialBackoff() {
    wiremock.stubFor(
        get("/webapi/find").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client(Duration.ofSeconds(15), 3).serverVersion())
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> assertThat(e.reason()).isEqualTo(ProxyException.Reason.UNREACHABLE))
        .hasMessageContaining("after 3 attempt(s): connection failed");
    assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    wiremock.verify(3, getRequestedFor(urlEqualTo("/webapi/find")));
  }

  @Test
  void http500ThenSuccessRecovers() throws Exception {
    wiremock.stubFor(
        get("/webapi/find")
            .inScenario("restart")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("up"));
    wiremock.stubFor(
        get("/webapi/find")
            .inScenario("restart")
            .whenScenarioStateIs("up")
            .willReturn(okJson(FIND)));

    assertThat(client(Duration.ofSeconds(15), 3).serverVersion()).isEqualTo(Version.of(17, 2, 1));
    assertThat(slept).hasSize(1);
  }

  @Test
  void persistentHttp500IsUnreachable() {
    wiremock.stubFor(
        get("/webapi/find").willReturn(aResponse().withStatus(500).withBody("internal")));

    assertThatThrownBy(() -> client(Duration.ofSeconds(15), 2).serverVersion())
        .isInstanceOf(ProxyException.class)
        .hasMessageEndingWith("after 2 attempt(s): HTTP 500");
  }

  @Test
  void malformedJsonIsABadAnswerAndNotRetried() {
    wiremock.stubFor(get("/webapi/find").willReturn(okJson("{\"server_version\": ")));

    assertThatThrownBy(() -> client(Duration.ofSeconds(15), 3).serverVersion())
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> assertThat(e.reason()).isEqualTo(ProxyException.Reason.BAD_ANSWER))
        .hasMessageContaining("malformed JSON");
    wiremock.verify(1, getRequestedFor(urlEqualTo("/webapi/find")));
  }

  @Test
  void notFoundIsABadAnswerAndNotRetried() {
    wiremock.stubFor(get("/webapi/find").willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> client(Duration.ofSeconds(15), 3).serverVersion())
        .isInstanceOf(ProxyException.class)
        .hasMessageContaining("answered HTTP 404");
    wiremock.verify(1, getRequestedFor(urlEqualTo("/webapi/find")));
  }

  @Test
  void invalidServerVersionIsABadAnswer() {
    wiremock.stubFor(get("/webapi/find").willReturn(okJson("{\"server_version\":\"seventeen\"}")));

    assertThatThrownBy(() -> client(Duration.ofSeconds(15), 1).serverVersion())
        .isInstanceOfSatisfying(
            ProxyException.class,
            e -> assertThat(e.reason()).isEqualTo(ProxyException.Reason.BAD_ANSWER))
        .hasMessageContaining("server_version \"seventeen\"");
  }

  @Test
  void httpsWithAPrivateCaNeedsTheCaFile(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("proxy.p12");
    Path ca = dir.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "proxy",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "proxy",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        ca.toString());
    WireMockServer tls =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystorePassword("changeit")
                .keyManagerPassword("changeit")
                .keystoreType("PKCS12"));
    tls.start();
    try {
      tls.stubFor(get("/webapi/find").willReturn(okJson(FIND)));
      URI base = ProxyClient.baseUri("127.0.0.1:" + tls.httpsPort());

      ProxyClient trusting =
          new ProxyClient(
              new ProxyClient.Settings(
                  base,
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(5),
                  1,
                  Duration.ofMillis(10),
                  Optional.of(ca)),
              slept::add);
      assertThat(trusting.serverVersion()).isEqualTo(Version.of(17, 2, 1));

      ProxyClient defaultTrust =
          new ProxyClient(
              new ProxyClient.Settings(
                  base,
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(5),
                  3,
                  Duration.ofMillis(10),
                  Optional.empty()),
              slept::add);
      assertThatThrownBy(defaultTrust::serverVersion)
          .isInstanceOf(ProxyException.class)
          .hasMessageContaining("TLS with the Proxy")
          .hasMessageContaining("--proxy-ca");
    } finally {
      tls.stop();
    }
  }

  static void keytool(String... args) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "teleport.example.com:443, https://teleport.example.com:443",
    "teleport.example.com, https://teleport.example.com:443",
    "teleport.example.com:3080, https://teleport.example.com:3080",
    "https://teleport.example.com, https://teleport.example.com:443",
    "http://127.0.0.1:8080, http://127.0.0.1:8080",
  })
  void baseUriFromClusterYamlAddress(String address, String expected) {
    assertThat(ProxyClient.baseUri(address)).isEqualTo(URI.create(expected));
  }
}
