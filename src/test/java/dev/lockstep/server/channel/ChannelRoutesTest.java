package dev.lockstep.server.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.server.RawHttp;
import dev.lockstep.validate.ValidationContext;
import dev.lockstep.validate.Validator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ChannelRoutesTest {

  @Inject ChannelStore store;
  @Inject MeterRegistry registry;

  @TestHTTPResource("/")
  URL base;

  static Channel channel(String name, String version, String critical) {
    return new Channel(
        name,
        version,
        SourceLocation.ofFile("channels/" + name + "/version"),
        critical,
        critical == null ? null : SourceLocation.ofFile("channels/" + name + "/critical"));
  }

  @BeforeEach
  void publish() {
    store.publish(
        "main@1a2b3c4",
        List.of(
            channel("stable/rolling", "17.2.1", "no"),
            channel("stable/cloud/v16", "v16.4.9", "yes"),
            channel("frozen", "none", null)));
  }

  static Stream<Arguments> documents() {
    return Stream.of(
        Arguments.of(
            Named.named(
                "version of a nested channel gets its v", "/channels/stable/rolling/version"),
            "v17.2.1"),
        Arguments.of(Named.named("critical no", "/channels/stable/rolling/critical"), "no"),
        Arguments.of(
            Named.named("a v in the file is not doubled", "/channels/stable/cloud/v16/version"),
            "v16.4.9"),
        Arguments.of(Named.named("critical yes", "/channels/stable/cloud/v16/critical"), "yes"),
        Arguments.of(Named.named("none is served as none", "/channels/frozen/version"), "none"),
        Arguments.of(Named.named("no critical file is no", "/channels/frozen/critical"), "no"),
        Arguments.of(
            Named.named(
                "Proxy path with /v1 (teleport-semantics §13.2)",
                "/v1/webapi/automaticupgrades/channel/stable/rolling/version"),
            "v17.2.1"),
        Arguments.of(
            Named.named(
                "Proxy path without /v1 (teleport-semantics §13.2)",
                "/webapi/automaticupgrades/channel/stable/cloud/v16/critical"),
            "yes"));
  }

  @ParameterizedTest
  @MethodSource("documents")
  void servesTheDocumentWithItsHeaders(String path, String body) {
    Response r = given().get(path);
    r.then()
        .statusCode(200)
        .header("Content-Type", "text/plain; charset=utf-8")
        .header("Cache-Control", "max-age=60")
        .header("X-Lockstep-Revision", "main@1a2b3c4")
        .header("Content-Length", Integer.toString(body.length()))
        .header("ETag", startsWith("\""));
    assertThat(r.asByteArray())
        .isEqualTo(body.getBytes()); // exact: no trailing newline (teleport-semantics §13.2)
  }

  @Test
  void headAnswersTheHeadersWithoutABody() {
    given()
        .head("/channels/stable/rolling/version")
        .then()
        .statusCode(200)
        .header("Content-Length", "7")
        .header("ETag", startsWith("\""))
        .body(emptyString());
  }

  @Test
  void aMatchingEntityTagIsNotModified() {
    String etag = given().get("/channels/stable/rolling/version").header("ETag");
    given()
        .header("If-None-Match", etag)
        .get("/channels/stable/rolling/version")
        .then()
        .statusCode(304)
        .header("ETag", etag)
        .header("Cache-Control", "max-age=60")
        .body(emptyString());
    given()
        .header("If-None-Match", "\"other\", W/" + etag)
        .get("/channels/stable/rolling/version")
        .then()
        .statusCode(304);
    given()
        .header("If-None-Match", "\"other\"")
        .get("/channels/stable/rolling/version")
        .then()
        .statusCode(200)
        .body(equalTo("v17.2.1"));
  }

  @Test
  void theEntityTagDependsOnTheContentOnly() {
    String etag = given().get("/channels/stable/rolling/version").header("ETag");
    store.publish("main@ffff000", List.of(channel("stable/rolling", "17.2.1", "no")));
    given()
        .header("If-None-Match", etag)
        .get("/channels/stable/rolling/version")
        .then()
        .statusCode(304)
        .header("X-Lockstep-Revision", "main@ffff000");
    store.publish("main@ffff001", List.of(channel("stable/rolling", "17.3.0", "no")));
    given()
        .header("If-None-Match", etag)
        .get("/channels/stable/rolling/version")
        .then()
        .statusCode(200)
        .body(equalTo("v17.3.0"));
  }

  @Test
  void anUnknownChannelIs404WithAOneLineReason() {
    given()
        .get("/channels/beta/version")
        .then()
        .statusCode(404)
        .header("X-Lockstep-Revision", "main@1a2b3c4")
        .header("Cache-Control", "no-cache")
        .body(equalTo("channel \"beta\" not found in revision main@1a2b3c4\n"));
  }

  @Test
  void beforeTheFirstRevisionEverythingIs503() {
    store.clear();
    given()
        .get("/channels/stable/rolling/version")
        .then()
        .statusCode(503)
        .header("X-Lockstep-Revision", nullValue())
        .body(equalTo("no revision has been published yet\n"));
  }

  @Test
  void requestsAreCountedPerChannelAndStatus() {
    double before = count("stable/rolling", "200");
    double unknownBefore = count(ChannelMetrics.UNKNOWN, "404");
    given().get("/channels/stable/rolling/version").then().statusCode(200);
    given().get("/channels/nope-1/version").then().statusCode(404);
    given().get("/channels/nope-2/critical").then().statusCode(404);
    assertThat(count("stable/rolling", "200")).isEqualTo(before + 1);
    assertThat(count(ChannelMetrics.UNKNOWN, "404")).isEqualTo(unknownBefore + 2);
    assertThat(registry.find(ChannelMetrics.NAME).tag("channel", "nope-1").counter()).isNull();
  }

  private double count(String channel, String status) {
    var c =
        registry.find(ChannelMetrics.NAME).tag("channel", channel).tag("status", status).counter();
    return c == null ? 0 : c.count();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/channels/../etc/passwd",
        "/channels/stable/../../etc/passwd/version",
        "/channels/%2e%2e/%2e%2e/etc/passwd",
        "/channels/%2e%2e/version",
        "/channels/stable/%2e%2e/rolling/version",
        "/channels/stable//rolling/version",
        "/channels//version",
        "//channels/stable/rolling/version",
        "/channels/stable%00/version",
        "/channels/stable/rolling/version%00",
        "/channels/stable/rolling/passwd",
        "/channels/version",
        "/channels/",
        "/channels/stable/rolling/./version",
        "/channels/stable%2frolling/version",
        "/webapi/automaticupgrades/channel/../../version",
      })
  void oddPathsAre400Or404(String target) throws Exception {
    assertThat(RawHttp.status(base.getPort(), "GET", target)).isIn(400, 404);
  }

  @Test
  void aTenKilobytePathIsRefused() throws Exception {
    // Over the server's 4 kB request-line limit: Vert.x answers 414 before routing; below the
    // limit, our own 1 kB bound answers 400. Either way no lookup beyond the map.
    assertThat(RawHttp.status(base.getPort(), "GET", "/channels/" + "a/".repeat(5000) + "version"))
        .isIn(400, 414);
    assertThat(RawHttp.status(base.getPort(), "GET", "/channels/" + "a/".repeat(1000) + "version"))
        .isEqualTo(400);
  }

  @Test
  void aRawNulByteInTheRequestLineIsRefused() throws Exception {
    assertThat(RawHttp.status(base.getPort(), "GET", "/channels/stable\0/version")).isIn(400, 404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /channels/stable/rolling/version",
        "PUT /channels/stable/rolling/critical",
        "DELETE /channels/stable/rolling/version",
        "PATCH /v1/webapi/automaticupgrades/channel/stable/rolling/version",
        "OPTIONS /webapi/automaticupgrades/channel/stable/rolling/critical",
        "POST /channels/nope/version",
      })
  void otherMethodsAre405WithAllow(String request) throws Exception {
    String[] parts = request.split(" ");
    RawHttp.Reply reply =
        RawHttp.exchange(base.getPort(), parts[0], parts[1], "Content-Length: 0\r\n");
    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.headers()).containsEntry("allow", "GET, HEAD");
    given().get("/channels/stable/rolling/version").then().statusCode(200).body(equalTo("v17.2.1"));
  }

  /**
   * What the reconciler does with each revision: parse, validate, publish unless there are errors.
   */
  private boolean reconcile(Path repo) {
    ParseResult parsed = new RepositoryParser().parsePath(repo);
    Findings findings =
        parsed.findings().plus(new Validator().validate(parsed.state(), ValidationContext.OFFLINE));
    return store.publish(parsed.state(), findings).isPresent();
  }

  @Test
  void aRevisionThatFailsValidationLeavesTheServedContentUnchanged(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    assertThat(reconcile(Path.of("sample-repo"))).isTrue();
    given().get("/channels/stable/rolling/version").then().statusCode(200).body(equalTo("v17.5.2"));
    Path bad = tmp.resolve("repo");
    try (var files = Files.walk(Path.of("sample-repo"))) {
      for (Path p : files.toList()) {
        Path target = bad.resolve(Path.of("sample-repo").relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    // above prod's control plane (17.5.2): an error finding, so never served
    Files.writeString(bad.resolve("channels/stable/rolling/version"), "18.0.0");
    assertThat(reconcile(bad)).isFalse();
    given().get("/channels/stable/rolling/version").then().statusCode(200).body(equalTo("v17.5.2"));
  }
}
