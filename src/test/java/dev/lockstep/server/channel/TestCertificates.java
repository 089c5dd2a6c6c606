package dev.lockstep.server.channel;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away test CA and a server certificate for 127.0.0.1 and localhost, made with the {@code
 * openssl} command before Quarkus starts, and the HTTPS keys pointing at them.
 */
public final class TestCertificates implements QuarkusTestResourceLifecycleManager {
  /** The shortest reload period Quarkus accepts for quarkus.http.ssl.certificate.*. */
  static final String RELOAD_PERIOD = "30s";

  static volatile Path dir;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("lockstep-tls");
      openssl(
          dir,
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:prime256v1",
          "-nodes",
          "-keyout",
          "ca.key",
          "-out",
          "ca.crt",
          "-days",
          "2",
          "-subj",
          "/CN=Lockstep Test CA");
      issue("server", "1001");
      Files.move(
          dir.resolve("server.crt.new"), dir.resolve("server.crt"), StandardCopyOption.ATOMIC_MOVE);
      Files.move(
          dir.resolve("server.key.new"), dir.resolve("server.key"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("could not make test certificates: " + e.getMessage(), e);
    }
    // the keys the README documents and the chart sets (as QUARKUS_HTTP_SSL_CERTIFICATE_*)
    return Map.of(
        "quarkus.http.ssl.certificate.files", dir.resolve("server.crt").toString(),
        "quarkus.http.ssl.certificate.key-files", dir.resolve("server.key").toString(),
        "quarkus.http.ssl.certificate.reload-period", RELOAD_PERIOD);
  }

  /** A TLS context that trusts the test CA only. */
  public static SSLContext trustingTheCa() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** The folder holding ca.crt, server.crt and server.key once {@link #start} ran. */
  public static Path directory() {
    return dir;
  }

  /**
   * Issues a new server certificate with that serial into {@code server.crt.new}/{@code
   * server.key.new}.
   */
  static void issue(String name, String serial) throws IOException {
    Files.writeString(
        dir.resolve("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
            + "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
        StandardCharsets.US_ASCII);
    openssl(
        dir,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        name + ".key.new",
        "-out",
        name + ".csr",
        "-subj",
        "/CN=localhost");
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-set_serial",
        serial,
        "-out",
        name + ".crt.new",
        "-days",
        "2",
        "-extfile",
        "ext.cnf");
  }

  static void openssl(Path cwd, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("openssl " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void stop() {
    // the temp folder holds only throw-away test keys; leave it to the OS's temp cleaning
  }
}
