package dev.lockstep.bump;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What GitHub's API returns, for WireMock stubs: pull requests of acme/fleet and Teleport's
 * releases.
 */
public final class GithubJson {
  private GithubJson() {}

  /** Pull request {@code n} from {@code head} into main, at https://github.example/. */
  public static String pullRequest(long n, String head, String title, String body)
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

  /** A page of GA releases, newest first: tag {@code v<version>} published at the given time. */
  public static String releases(Map<String, Instant> published) throws JsonProcessingException {
    List<Map<String, Object>> out = new ArrayList<>();
    published.forEach(
        (version, at) ->
            out.add(
                Map.of(
                    "tag_name",
                    "v" + version,
                    "name",
                    "Teleport " + version,
                    "body",
                    "",
                    "draft",
                    false,
                    "prerelease",
                    false,
                    "published_at",
                    at.toString(),
                    "html_url",
                    "https://github.com/gravitational/teleport/releases/tag/v" + version)));
    return new ObjectMapper().writeValueAsString(out);
  }
}
