package dev.lockstep.server.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.model.Channel;
import dev.lockstep.model.SourceLocation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The v1 Linux updater's own call, {@code curl --proto '=https' --tlsv1.2 -sSf} (teleport-semantics
 * §13.4), against the HTTPS endpoint with a certificate from a test CA; HTTP/2; certificate reload.
 */
@QuarkusTest
@WithTestResource(TestCertificates.class)
class ChannelTlsIT {

  @Inject ChannelStore store;
  @Inject dev.lockstep.server.TlsEngine tlsEngine;

  @TestHTTPResource(value = "/", tls = true)
  URL https;

  record Curl(int exit, String out) {}

  @BeforeEach
  void publish() {
    store.publish(
        "main@0badc0de",
        List.of(
            new Channel(
                "stable/rolling",
                "17.2.1",
                SourceLocation.ofFile("channels/stable/rolling/version"),
                "yes",
                SourceLocation.ofFile("channels/stable/rolling/critical"))));
  }

  @Test
  void linuxServesHttpsThroughTheBundledOpenSsl() {
    // the image and CI run Linux on x86-64 or arm64, whose BoringSSL natives ship in the jar
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getProperty("os.name").equals("Linux")
            && List.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch")));
    assertThat(tlsEngine.chosen()).isEqualTo(dev.lockstep.server.TlsEngine.Kind.OPENSSL);
  }

  private Curl curl(String... extra) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "curl",
                "--proto",
                "=https",
                "--tlsv1.2",
                "-sS",
                "--cacert",
                TestCertificates.dir.resolve("ca.crt").toString(),
                "--max-time",
                "30"));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(40, TimeUnit.SECONDS)).isTrue();
    return new Curl(p.exitValue(), out);
  }

  private String url(String path) {
    return "https://127.0.0.1:" + https.getPort() + path;
  }

  @Test
  void theUpdaterReadsVersionAndCritical() throws Exception {
    assertThat(curl("-f", url("/v1/webapi/automaticupgrades/channel/stable/rolling/version")))
        .isEqualTo(new Curl(0, "v17.2.1"));
    assertThat(curl("-f", url("/channels/stable/rolling/critical"))).isEqualTo(new Curl(0, "yes"));
  }

  @Test
  void anUnknownChannelFailsTheUpdatersCurl() throws Exception {
    Curl failing = curl("-f", url("/channels/beta/version"));
    assertThat(failing.exit()).isEqualTo(22); // curl -f: HTTP error >= 400
    assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", url("/channels/beta/version")))
        .isEqualTo(new Curl(0, "404"));
  }

  @Test
  void headAndNotModified() throws Exception {
    Curl head = curl("-I", url("/channels/stable/rolling/version"));
    assertThat(head.exit()).isZero();
    assertThat(head.out())
        .containsIgnoringCase("content-length: 7")
        .containsIgnoringCase("x-lockstep-revision: main@0badc0de");
    String etag =
        head.out()
            .lines()
            .filter(l -> l.toLowerCase().startsWith("etag:"))
            .map(l -> l.substring(5).strip())
            .findFirst()
            .orElseThrow();
    assertThat(
            curl(
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "-H",
                "If-None-Match: " + etag,
                url("/channels/stable/rolling/version")))
        .isEqualTo(new Curl(0, "304"));
  }

  @Test
  void speaksHttp2OverTls() throws Exception {
    assertThat(
            curl(
                "--http2",
                "-o",
                "/dev/null",
                "-w",
                "%{http_version}",
                url("/channels/stable/rolling/version")))
        .isEqualTo(new Curl(0, "2"));
  }

  @Test
  void anUntrustedClientRefusesTheCertificateWithoutTheCa() throws Exception {
    Process p =
        new ProcessBuilder(
                "curl",
                "--proto",
                "=https",
                "--tlsv1.2",
                "-sSf",
                "--max-time",
                "30",
                url("/channels/stable/rolling/version"))
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(40, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(60); // peer certificate cannot be authenticated
  }

  @Test
  void aRenewedCertificateIsServedWithoutARestart() throws Exception {
    assertThat(servedSerial()).isEqualTo(BigInteger.valueOf(1001));
    TestCertificates.issue("server", "1002");
    Path dir = TestCertificates.dir;
    Files.move(
        dir.resolve("server.key.new"),
        dir.resolve("server.key"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        dir.resolve("server.crt.new"),
        dir.resolve("server.crt"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    BigInteger serial = null;
    // within the reload period (30 s, the least Quarkus accepts) and a margin for a loaded machine
    for (int i = 0; i < 250 && !BigInteger.valueOf(1002).equals(serial); i++) {
      Thread.sleep(200);
      try {
        serial = servedSerial();
      } catch (javax.net.ssl.SSLException e) {
        // Vert.x drops handshakes that arrive while it swaps the SSL context (seen under load);
        // clients retry, and the renewed certificate must be served once the swap is done
      }
    }
    assertThat(serial).isEqualTo(BigInteger.valueOf(1002));
    assertThat(curl("-f", url("/channels/stable/rolling/version")))
        .isEqualTo(new Curl(0, "v17.2.1"));
  }

  private BigInteger servedSerial() throws Exception {
    SSLContext ctx = TestCertificates.trustingTheCa();
    try (SSLSocket s =
        (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", https.getPort())) {
      s.setSoTimeout(5000);
      s.startHandshake();
      return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }
}
