package dev.lockstep.bump;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Pull requests of acme/fleet as GitHub's API returns them, for WireMock stubs. */
public final class GithubPulls {
  private GithubPulls() {}

  /** Pull request {@code n} from {@code head} into main, at https://github.example/. */
  public static String json(long n, String head, String title, String body)
      throws JsonProcessingException {
    Map<String, Object> m =
        Map.of(
            "number",
            n,
            "head",
            Map.of("ref", head, "sha", "", "repo", Map.of("full_name", "acme/fleet")),
            "base",
            Map.of("ref", "main"),
            "title",
            title,
            "body",
            body,
            "html_url",
            "https://github.example/acme/fleet/pull/" + n);
    return new ObjectMapper().writeValueAsString(m);
  }
}
