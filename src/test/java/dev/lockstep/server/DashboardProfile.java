package dev.lockstep.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * serve on the embedded default in a fresh data folder, with the write API token (to ask for a
 * reconcile) and no read token, so a browser can open the pages as they are.
 */
public class DashboardProfile implements QuarkusTestProfile {
  static final String API_TOKEN = "dashboard-api-token";

  @Override
  public Map<String, String> getConfigOverrides() {
    try {
      Path dir = Files.createTempDirectory("lockstep-dashboard-test");
      Map<String, String> out = new HashMap<>();
      out.put("lockstep-serve.loop", "true");
      out.put("lockstep.data-dir", dir.resolve("data").toString());
      out.put("lockstep.git.interval", "PT1H");
      out.put("lockstep.reconcile.jitter", "PT0S");
      out.put(
          "lockstep.api.token-file",
          Files.writeString(dir.resolve("api"), API_TOKEN + "\n").toString());
      out.putAll(extra(dir));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** More settings for a profile built on this one. */
  Map<String, String> extra(Path dir) throws IOException {
    return Map.of();
  }
}
