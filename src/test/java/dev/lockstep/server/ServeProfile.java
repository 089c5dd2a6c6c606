package dev.lockstep.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * serve on the embedded default in a fresh data folder, with every webhook and the API token
 * configured.
 */
public class ServeProfile implements QuarkusTestProfile {
  static final String GITHUB_SECRET = "github-secret";
  static final String GITLAB_TOKEN = "gitlab-token";
  static final String HMAC_SECRET = "hmac-secret";
  static final String API_TOKEN = "api-token";
  static final String READ_TOKEN = "r3ad-t0ken-value";
  static final int MAX_PAYLOAD = 65536;

  @Override
  public Map<String, String> getConfigOverrides() {
    try {
      Path dir = Files.createTempDirectory("lockstep-serve-test");
      return Map.ofEntries(
          Map.entry("lockstep-serve.loop", "true"),
          Map.entry("lockstep.data-dir", dir.resolve("data").toString()),
          Map.entry("lockstep.git.interval", "PT1H"),
          Map.entry("lockstep.reconcile.jitter", "PT0S"),
          Map.entry(
              "lockstep.webhook.github-secret-file", write(dir, "github", GITHUB_SECRET + "\n")),
          Map.entry("lockstep.webhook.gitlab-token-file", write(dir, "gitlab", GITLAB_TOKEN)),
          Map.entry("lockstep.webhook.hmac-secret-file", write(dir, "hmac", HMAC_SECRET)),
          Map.entry("lockstep.webhook.max-payload-bytes", String.valueOf(MAX_PAYLOAD)),
          Map.entry("lockstep.webhook.rate-per-minute", "60"),
          Map.entry("lockstep.api.token-file", write(dir, "api", API_TOKEN + "\n")),
          Map.entry("lockstep.api.read-token-file", write(dir, "read", READ_TOKEN + "\n")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Path dir, String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content).toString();
  }
}
