package dev.lockstep.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.model.InvalidVersionException;
import dev.lockstep.model.Version;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads a Teleport Proxy's unauthenticated {@code GET /webapi/find} (teleport-semantics §11.1): the
 * control-plane {@code server_version} (used by {@code --live} so compatibility rules check the
 * real Auth version) and the {@code auto_update} block (what agents of a group are told now).
 * Timeouts on connect and on the whole request; retries with exponential backoff on connection
 * failures, timeouts and 5xx; no retry on a 4xx or a malformed answer. Optionally trusts a custom
 * CA (PEM) instead of the JVM's.
 */
public final class ProxyClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 1024 * 1024;

  /**
   * @param base the Proxy's base URI, e.g. {@code https://teleport.example.com:443}
   * @param connectTimeout TCP and TLS connect timeout
   * @param requestTimeout timeout for one whole request
   * @param attempts how many tries in all (at least 1)
   * @param backoff the wait before the second try; doubled before each later one
   * @param caFile PEM file of CA certificates to trust instead of the JVM's default trust store
   */
  public record Settings(
      URI base,
      Duration connectTimeout,
      Duration requestTimeout,
      int attempts,
      Duration backoff,
      Optional<Path> caFile) {
    public Settings {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(backoff, "backoff");
      Objects.requireNonNull(caFile, "caFile");
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
    }

    /**
     * Defaults for a Proxy address: 5 s connect, 10 s request, 3 attempts, 500 ms first backoff.
     */
    public static Settings of(String proxyAddress) {
      return new Settings(
          baseUri(proxyAddress),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          3,
          Duration.ofMillis(500),
          Optional.empty());
    }
  }

  /** The {@code auto_update} block of a find response (teleport-semantics §11.1). */
  public record AutoUpdate(
      String toolsVersion,
      boolean toolsAutoUpdate,
      String agentVersion,
      boolean agentAutoUpdate,
      long agentUpdateJitterSeconds) {}

  /**
   * What {@code /webapi/find} answered.
   *
   * @param serverVersion the control plane's version (a leading {@code v} removed,
   *     teleport-semantics §3.4)
   * @param clusterName {@code cluster_name}, or ""
   * @param edition {@code edition} ({@code oss}, {@code ent}, ...), or ""
   * @param autoUpdate the {@code auto_update} block, absent on Proxies older than Managed Updates
   */
  public record Find(
      Version serverVersion, String clusterName, String edition, Optional<AutoUpdate> autoUpdate) {}

  /** How the client waits between attempts (tests pass one that does not sleep). */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code d}. */
    void sleep(Duration d) throws InterruptedException;
  }

  private final Settings settings;
  private final Sleeper sleeper;
  private final HttpClient http;

  /**
   * A client for one Proxy.
   *
   * @throws ProxyException when the CA file cannot be read
   */
  public ProxyClient(Settings settings, Sleeper sleeper) throws ProxyException {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (settings.caFile().isPresent()) {
      b.sslContext(sslContext(settings.caFile().get()));
    }
    this.http = b.build();
  }

  /** A client with {@link Thread#sleep} between attempts. */
  public static ProxyClient of(Settings settings) throws ProxyException {
    return new ProxyClient(settings, d -> Thread.sleep(d.toMillis()));
  }

  /**
   * The base URI for a Proxy address as {@code cluster.yaml} writes it: {@code host:port} or {@code
   * host} (HTTPS, port 443), or a full {@code https://} / {@code http://} URI.
   *
   * @throws IllegalArgumentException for an address that is not a host
   */
  public static URI baseUri(String address) {
    String a = address.strip();
    if (a.isEmpty()) {
      throw new IllegalArgumentException("the Proxy address is empty");
    }
    URI uri = URI.create(a.contains("://") ? a : "https://" + a);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "\"" + address + "\" is not a Proxy address (expected host:port)");
    }
    int port = uri.getPort() > 0 ? uri.getPort() : ("http".equals(uri.getScheme()) ? 80 : 443);
    return URI.create(
        uri.getScheme()
            + "://"
            + (uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost())
            + ":"
            + port);
  }

  /** The control plane's version, from {@code server_version}. */
  public Version serverVersion() throws ProxyException {
    return find(Optional.empty()).serverVersion();
  }

  /**
   * {@code GET /webapi/find}, or {@code /webapi/find?group=<group>} for what agents of that update
   * group are told.
   */
  public Find find(Optional<String> group) throws ProxyException {
    URI uri =
        URI.create(
            settings.base()
                + "/webapi/find"
                + group
                    .map(g -> "?group=" + URLEncoder.encode(g, StandardCharsets.UTF_8))
                    .orElse(""));
    String where = settings.base().getHost() + ":" + settings.base().getPort();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    Duration wait = settings.backoff();
    String last = "";
    Exception lastCause = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      if (attempt > 1) {
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProxyException(
              ProxyException.Reason.UNREACHABLE, "interrupted while reading " + where, e);
        }
        wait = wait.multipliedBy(2);
      }
      HttpResponse<InputStream> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        last = "timed out after " + settings.requestTimeout().toMillis() + " ms";
        lastCause = e;
        continue;
      } catch (SSLException e) {
        // a TLS failure does not heal by retrying
        throw new ProxyException(
            ProxyException.Reason.UNREACHABLE,
            "TLS with the Proxy "
                + where
                + " failed: "
                + e.getMessage()
                + " (a private CA needs --proxy-ca)",
            e);
      } catch (IOException e) {
        last =
            "connection failed ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + ")";
        lastCause = e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProxyException(
            ProxyException.Reason.UNREACHABLE, "interrupted while reading " + where, e);
      }
      int status = response.statusCode();
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BODY);
      } catch (IOException e) {
        last = "the answer was cut off (" + e.getMessage() + ")";
        lastCause = e;
        continue;
      }
      if (status >= 500 || status == 429) {
        last = "HTTP " + status;
        lastCause = null;
        continue;
      }
      if (status != 200) {
        throw new ProxyException(
            ProxyException.Reason.BAD_ANSWER,
            "GET " + uri.getPath() + " on " + where + " answered HTTP " + status,
            null);
      }
      return parse(body, where);
    }
    throw new ProxyException(
        ProxyException.Reason.UNREACHABLE,
        "cannot read /webapi/find from the Proxy "
            + where
            + " after "
            + settings.attempts()
            + " attempt(s): "
            + last,
        lastCause);
  }

  private static Find parse(byte[] body, String where) throws ProxyException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new ProxyException(
          ProxyException.Reason.BAD_ANSWER, "the Proxy " + where + " answered malformed JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new ProxyException(
          ProxyException.Reason.BAD_ANSWER,
          "the Proxy " + where + " answered JSON that is not an object",
          null);
    }
    String raw = root.path("server_version").asText("");
    Version version;
    try {
      version = Version.parseLenient(raw);
    } catch (InvalidVersionException e) {
      throw new ProxyException(
          ProxyException.Reason.BAD_ANSWER,
          "the Proxy " + where + " reported server_version \"" + raw + "\": " + e.getMessage(),
          e);
    }
    JsonNode au = root.get("auto_update");
    Optional<AutoUpdate> autoUpdate =
        au == null || !au.isObject()
            ? Optional.empty()
            : Optional.of(
                new AutoUpdate(
                    au.path("tools_version").asText(""),
                    au.path("tools_auto_update").asBoolean(false),
                    au.path("agent_version").asText(""),
                    au.path("agent_auto_update").asBoolean(false),
                    au.path("agent_update_jitter_seconds").asLong(0)));
    return new Find(
        version, root.path("cluster_name").asText(""), root.path("edition").asText(""), autoUpdate);
  }

  private static SSLContext sslContext(Path caFile) throws ProxyException {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new ProxyException(
            ProxyException.Reason.BAD_ANSWER, "no certificate in the CA file " + caFile, null);
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new ProxyException(
          ProxyException.Reason.BAD_ANSWER,
          "cannot read the CA file " + caFile + ": " + e.getMessage(),
          e);
    }
  }
}
