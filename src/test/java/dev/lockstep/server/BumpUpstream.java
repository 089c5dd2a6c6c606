package dev.lockstep.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.lockstep.bump.GithubJson;
import dev.lockstep.source.it.Servers;
import dev.lockstep.source.it.Upstream;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The peers of a scheduled bump, started before serve: a {@code git daemon} on 127.0.0.1 serving
 * the fleet repository (prod and staging at 17.2.1 under a 17.4.2 control plane) and WireMock
 * playing GitHub: Teleport's releases (17.3.0 out for ten days, past the minor soak) and the
 * fleet's pull requests (none open yet; a created one answers 201). serve bumps prod only, by pull
 * request, with a platform token from a file; the reconcile loop is off so only the bump talks to
 * the peers.
 */
public class BumpUpstream implements QuarkusTestResourceLifecycleManager {
  static final String TOKEN = "ghp_s3cr3t-bump-t0ken";
  static final String PULLS = "/repos/acme/fleet/pulls";
  static final String OPEN = PULLS + "?state=open&per_page=100";
  static final String RELEASES = "/repos/gravitational/teleport/releases?per_page=100";

  private Servers servers;
  private WireMockServer github;
  private int releasesDelayMillis;

  /** {@code releases-delay-ms}: GitHub answers the releases this late (a slow peer). */
  @Override
  public void init(Map<String, String> initArgs) {
    releasesDelayMillis = Integer.parseInt(initArgs.getOrDefault("releases-delay-ms", "0"));
  }

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("lockstep-bump-serve");
      servers = new Servers();
      Upstream up = Upstream.create(dir.resolve("upstream"));
      up.pushFolder(Path.of("src/test/resources/cli/bump/repo"), "fleet");
      String url = "git://127.0.0.1:" + servers.gitDaemon(up.root.resolve("repos")) + "/fleet.git";

      github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
      github.start();
      github.stubFor(
          get(urlEqualTo(RELEASES))
              .willReturn(okJson(releases()).withFixedDelay(releasesDelayMillis)));
      github.stubFor(get(urlEqualTo(OPEN)).willReturn(okJson("[]")));
      String opened =
          GithubJson.pullRequest(
              7, "lockstep/bump/prod/17.3.0", "Bump prod to Teleport 17.3.0", "");
      github.stubFor(post(urlEqualTo(PULLS)).willReturn(created(opened)));
      github.stubFor(patch(urlEqualTo(PULLS + "/7")).willReturn(okJson(opened)));
      Path token = Files.writeString(dir.resolve("github-token"), TOKEN + "\n");
      return Map.ofEntries(
          Map.entry("lockstep-serve.loop", "false"),
          Map.entry("lockstep.data-dir", dir.resolve("data").toString()),
          Map.entry("lockstep.git.url", url),
          Map.entry("lockstep.git.interval", "PT1H"),
          Map.entry("lockstep.bump.enabled", "true"),
          Map.entry("lockstep.bump.interval", "PT3S"),
          Map.entry("lockstep.bump.clusters", "prod"),
          Map.entry("lockstep.bump.delivery", "pull-request"),
          Map.entry("lockstep.bump.platform", "github"),
          Map.entry("lockstep.bump.api-url", github.baseUrl()),
          Map.entry("lockstep.bump.repository", "acme/fleet"),
          Map.entry("lockstep.bump.token-file", token.toString()),
          Map.entry("lockstep.bump.releases-api", github.baseUrl()),
          Map.entry("quarkus.log.file.enabled", "true"),
          Map.entry("quarkus.log.file.path", dir.resolve("serve.log").toString()),
          Map.entry("quarkus.log.category.\"dev.lockstep\".level", "DEBUG"),
          Map.entry("bump-test.upstream", up.bare.toString()),
          Map.entry("bump-test.log", dir.resolve("serve.log").toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 17.3.0 ten days ago (soaked: minor soak is 7 days), 17.2.1 sixty days ago. */
  static String releases() throws IOException {
    Instant now = Instant.now();
    Map<String, Instant> published = new LinkedHashMap<>();
    published.put("17.3.0", now.minus(Duration.ofDays(10)));
    published.put("17.2.1", now.minus(Duration.ofDays(60)));
    return GithubJson.releases(published);
  }

  /** The WireMock playing GitHub, as serve was configured with it. */
  static WireMock github() {
    int port = URI.create(setting("lockstep.bump.api-url")).getPort();
    return WireMock.create().host("127.0.0.1").port(port).build();
  }

  /** The served bare repository. */
  static String upstream() {
    return setting("bump-test.upstream");
  }

  /** What serve logged so far. */
  static String log() throws IOException {
    return Files.readString(Path.of(setting("bump-test.log")));
  }

  private static String setting(String name) {
    return ConfigProvider.getConfig().getValue(name, String.class);
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String pr) {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(pr);
  }

  @Override
  public void stop() {
    if (github != null) {
      github.stop();
    }
    try {
      if (servers != null) {
        servers.close();
      }
    } catch (Exception e) {
      // the daemon dies with the JVM anyway
    }
  }
}
