package dev.lockstep.bump;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.lockstep.model.Version;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link VersionServer} against WireMock as Teleport's version server on 127.0.0.1. */
class VersionServerIT {
  @RegisterExtension
  final WireMockExtension http =
      WireMockExtension.newInstance()
          .options(options().bindAddress("127.0.0.1").dynamicPort())
          .build();

  VersionServer server() {
    return new VersionServer(URI.create(http.baseUrl() + "/"), Duration.ofSeconds(5));
  }

  @Test
  void readsAVersionWithOrWithoutVAndNoneOrAMissingChannelAsNothing() throws Exception {
    http.stubFor(
        get(urlEqualTo("/v1/stable/cloud/v17/version"))
            .willReturn(aResponse().withBody("v17.2.3\n")));
    http.stubFor(
        get(urlEqualTo("/v1/stable/cloud/v16/version"))
            .willReturn(aResponse().withBody(" 16.5.4 ")));
    http.stubFor(
        get(urlEqualTo("/v1/stable/cloud/v18/version")).willReturn(aResponse().withBody("none")));

    assertThat(server().cloudStable(17)).contains(Version.of(17, 2, 3));
    assertThat(server().cloudStable(16)).contains(Version.of(16, 5, 4));
    assertThat(server().cloudStable(18)).isEmpty();
    assertThat(server().cloudStable(19)).isEmpty();
  }

  @Test
  void anErrorOrAnUnreachableServerIsReported() {
    http.stubFor(
        get(urlEqualTo("/v1/stable/cloud/v17/version")).willReturn(aResponse().withStatus(503)));
    http.stubFor(
        get(urlEqualTo("/v1/stable/cloud/v16/version")).willReturn(aResponse().withBody("<html>")));

    assertThatThrownBy(() -> server().cloudStable(17))
        .hasMessage("cannot read " + http.baseUrl() + "/v1/stable/cloud/v17/version: HTTP 503");
    assertThatThrownBy(() -> server().cloudStable(16))
        .hasMessage(
            http.baseUrl() + "/v1/stable/cloud/v16/version answered \"<html>\", not a version");
    assertThatThrownBy(
            () ->
                new VersionServer(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2))
                    .cloudStable(17))
        .isInstanceOf(VersionServer.Unreachable.class)
        .hasMessageStartingWith("cannot read http://127.0.0.1:1/v1/stable/cloud/v17/version: ");
  }
}
