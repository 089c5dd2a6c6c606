package dev.lockstep.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.forge.ForgeException.Reason;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Forge} over GitHub's REST API ({@code /repos/{owner}/{repo}/pulls}, {@code
 * .../issues/{n}/comments}, {@code .../statuses/{sha}}) and Gitea's API v1, which follows GitHub's
 * for these endpoints. The differences: GitHub pages with {@code per_page}, Gitea with {@code
 * limit}; a duplicate pull request is 422 on GitHub and 409 on Gitea.
 */
final class GithubApiForge implements Forge {
  private final ApiClient api;
  private final String repo;

  GithubApiForge(ApiClient api) {
    this.api = api;
    String[] parts = api.settings().repository().split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "the "
              + api.settings().platform().display()
              + " repository must be owner/name, not \""
              + api.settings().repository()
              + "\"");
    }
    this.repo = "/repos/" + encode(parts[0]) + "/" + encode(parts[1]);
  }

  @Override
  public Platform platform() {
    return api.settings().platform();
  }

  private String pageSize() {
    return platform() == Platform.GITEA ? "limit=50" : "per_page=100";
  }

  @Override
  public List<PullRequest> openPullRequests(String headPrefix) throws ForgeException {
    List<PullRequest> out = new ArrayList<>();
    for (JsonNode pr : api.getAll(api.uri(repo + "/pulls?state=open&" + pageSize()))) {
      String headRepo = pr.path("head").path("repo").path("full_name").asText("");
      PullRequest p = pullRequest(pr);
      // a fork's branch of the same name is not ours
      if (p.head().startsWith(headPrefix)
          && (headRepo.isEmpty() || headRepo.equalsIgnoreCase(api.settings().repository()))) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public Opened open(String head, String base, String title, String body) throws ForgeException {
    return PullRequestSteps.open(
        this,
        api,
        api.uri(repo + "/pulls"),
        ApiClient.object("title", title, "head", head, "base", base, "body", body),
        platform() == Platform.GITEA ? 409 : 422,
        head,
        GithubApiForge::pullRequest);
  }

  @Override
  public PullRequest update(PullRequest current, String title, String body, String base)
      throws ForgeException {
    return PullRequestSteps.update(
        api,
        "PATCH",
        api.uri(repo + "/pulls/" + current.number()),
        current,
        PullRequestSteps.changed(current, title, body, base, "body", "base"),
        GithubApiForge::pullRequest);
  }

  @Override
  public void close(PullRequest pullRequest, String comment) throws ForgeException {
    PullRequestSteps.closeWithComment(
        api,
        api.uri(repo + "/issues/" + pullRequest.number() + "/comments"),
        comment,
        "PATCH",
        api.uri(repo + "/pulls/" + pullRequest.number()),
        ApiClient.object("state", "closed"));
  }

  @Override
  public Comment upsertComment(long number, String marker, String body) throws ForgeException {
    String comments = repo + "/issues/" + number + "/comments";
    return PullRequestSteps.upsert(
        api,
        api.uri(comments + "?" + pageSize()),
        api.uri(comments),
        id -> api.uri(repo + "/issues/comments/" + id),
        "PATCH",
        false,
        marker,
        body);
  }

  @Override
  public void setStatus(String sha, CommitStatus status) throws ForgeException {
    PullRequestSteps.requireCommitId(sha);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
    status.targetUrl().map(URI::toString).ifPresent(u -> body.put("target_url", u));
    // GitHub cuts descriptions at 140 characters
    body.put("description", clip(status.description(), 140));
    body.put("context", status.context());
    api.send(
        "POST", api.uri(repo + "/statuses/" + sha), ApiClient.JSON.valueToTree(body), Map.of());
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static PullRequest pullRequest(JsonNode pr) throws ForgeException {
    if (!pr.path("number").canConvertToLong() || pr.path("head").path("ref").isMissingNode()) {
      throw new ForgeException(
          Reason.INVALID_ANSWER, 0, Optional.empty(), "a pull request without number or head");
    }
    return new PullRequest(
        pr.path("number").asLong(),
        pr.path("head").path("ref").asText(""),
        pr.path("base").path("ref").asText(""),
        pr.path("title").asText(""),
        pr.path("body").isNull() ? "" : pr.path("body").asText(""),
        pr.path("html_url").asText(""),
        pr.path("head").path("sha").asText(""));
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
