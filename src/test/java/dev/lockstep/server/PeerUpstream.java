package dev.lockstep.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.reconcile.Condition;
import dev.lockstep.reconcile.ConditionStatus;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.reconcile.StatusYaml;
import dev.lockstep.source.StatusSettings;
import dev.lockstep.source.it.Servers;
import dev.lockstep.source.it.Upstream;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The fleet repository of a two-cluster dashboard, started before serve: the sample repository
 * (prod and staging) on a real {@code git daemon} on 127.0.0.1, whose status branch already holds
 * the status file staging's own instance committed (revision {@code main@<first commit>}, two
 * findings), and WireMock as prod's Proxy, whose control plane runs {@link #LIVE}. serve reconciles
 * prod from it; the test then plays staging's instance again through {@link #commitStagingStatus}.
 */
public class PeerUpstream implements QuarkusTestResourceLifecycleManager {
  static final String API_TOKEN = "peer-api-token";

  /** What the Proxy (WireMock) says the control plane runs; prod declares 17.5.2. */
  static final String LIVE = "17.6.0";

  private Servers servers;
  private WireMockServer proxy;

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("lockstep-peer-dashboard");
      servers = new Servers();
      Upstream up = Upstream.create(dir.resolve("upstream"));
      up.pushFolder(Path.of("sample-repo"), "fleet");
      String first = up.head().strip();
      String url = "git://127.0.0.1:" + servers.gitDaemon(up.root.resolve("repos")) + "/fleet.git";
      Path status = dir.resolve("status-work");
      git(dir, "clone", "-q", up.bare.toString(), status.toString());
      git(status, "checkout", "-q", "--orphan", StatusSettings.DEFAULT_BRANCH);
      git(status, "rm", "-rfq", ".");
      commitStagingStatus(status, first, 2, Instant.now());
      proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
      proxy.start();
      String find = "{\"server_version\":\"v" + LIVE + "\"}";
      proxy.stubFor(get("/webapi/find").willReturn(okJson(find)));
      return Map.ofEntries(
          Map.entry("lockstep-serve.loop", "true"),
          Map.entry("lockstep.data-dir", dir.resolve("data").toString()),
          Map.entry("lockstep.git.url", url),
          Map.entry("lockstep.cluster", "prod"),
          Map.entry("lockstep.proxy.url", proxy.baseUrl()),
          Map.entry("lockstep.git.interval", "PT1H"),
          Map.entry("lockstep.reconcile.jitter", "PT0S"),
          Map.entry(
              "lockstep.api.token-file",
              Files.writeString(dir.resolve("api"), API_TOKEN + "\n").toString()),
          Map.entry("peer-test.work", up.work.toString()),
          Map.entry("peer-test.status-work", status.toString()),
          Map.entry("peer-test.first", first));
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the fleet repository: " + e.getMessage(), e);
    }
  }

  /**
   * As staging's instance would: writes its status file (revision {@code main@<commit>}, {@code
   * findings} error findings, computed at {@code at}) on the status branch of the clone {@code
   * work}, commits and pushes it, first taking in what serve pushed there meanwhile.
   */
  static void commitStagingStatus(Path work, String commit, int findings, Instant at)
      throws Exception {
    String path = StatusSettings.DEFAULT_PATH.replace("{cluster}", "staging");
    for (int attempt = 1; ; attempt++) {
      if (!git(work, "ls-remote", "origin", StatusSettings.DEFAULT_BRANCH).isBlank()) {
        git(work, "fetch", "-q", "origin", StatusSettings.DEFAULT_BRANCH);
        git(work, "reset", "-q", "--hard", "FETCH_HEAD");
      }
      Path file = work.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, StatusYaml.render(stagingStatus(commit, findings, at)));
      git(work, "add", "-A");
      git(work, "commit", "-qm", "status of staging");
      try {
        git(work, "push", "-q", "origin", "HEAD:" + StatusSettings.DEFAULT_BRANCH);
        return;
      } catch (IllegalStateException rejected) {
        if (attempt == 5) {
          throw rejected;
        }
      }
    }
  }

  /** staging's status as its own instance renders it: Ready, {@code commit} applied, findings. */
  static StatusDocument stagingStatus(String commit, int findings, Instant at) {
    String revision = "main@" + commit.substring(0, 8);
    Rule rule = new Rule("teleport/start-hour-range", Severity.ERROR, "start_hour");
    List<Finding> items =
        IntStream.range(0, findings)
            .mapToObj(
                i ->
                    Finding.error(
                        rule,
                        "finding " + i,
                        new SourceLocation("clusters/staging/autoupdate_config.yaml", i + 1, 1),
                        "spec"))
            .toList();
    List<Condition> conditions = new ArrayList<>();
    for (String type : List.of(Condition.READY, Condition.VALIDATED, Condition.APPLIED)) {
      conditions.add(
          new Condition(
              type,
              ConditionStatus.TRUE,
              "Succeeded",
              "Applied revision " + revision,
              revision,
              at));
    }
    return new StatusDocument(
        "staging",
        at,
        new StatusDocument.Source(
            "git://127.0.0.1/fleet.git",
            "main",
            commit,
            new StatusDocument.Signature("none", false, "", "", "not checked")),
        conditions,
        List.of(),
        Findings.of(items),
        Optional.empty(),
        List.of(),
        List.of());
  }

  /** A test setting this resource passed to serve. */
  static String setting(String name) {
    return ConfigProvider.getConfig().getValue(name, String.class);
  }

  /** Runs git in {@code dir} as a test author; returns its output. */
  static String git(Path dir, String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=Staging",
                "-c",
                "user.email=staging@localhost",
                "-c",
                "commit.gpgsign=false"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.stop();
    }
    try {
      if (servers != null) {
        servers.close();
      }
    } catch (Exception e) {
      throw new UncheckedIOException(new IOException("cannot stop git daemon", e));
    }
  }
}
