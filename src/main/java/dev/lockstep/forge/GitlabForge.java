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
 * {@link Forge} over GitLab's REST API v4: merge requests ({@code /projects/:id/merge_requests}),
 * their notes, and commit statuses ({@code /projects/:id/statuses/:sha}). The project is its
 * URL-encoded path or its numeric id; a merge request is named by its {@code iid}. A duplicate
 * merge request is 409.
 */
final class GitlabForge implements Forge {
  private final ApiClient api;
  private final String project;

  GitlabForge(ApiClient api) {
    this.api = api;
    String path = api.settings().repository();
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException(
          "the GitLab project must be group/project or a numeric id, not \"" + path + "\"");
    }
    this.project = "/projects/" + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }

  @Override
  public Platform platform() {
    return Platform.GITLAB;
  }

  @Override
  public List<PullRequest> openPullRequests(String headPrefix) throws ForgeException {
    List<PullRequest> out = new ArrayList<>();
    for (JsonNode mr : api.getAll(api.uri(project + "/merge_requests?state=opened&per_page=100"))) {
      PullRequest p = mergeRequest(mr);
      boolean sameProject =
          mr.path("source_project_id").asLong(0) == mr.path("target_project_id").asLong(0);
      if (p.head().startsWith(headPrefix) && sameProject) {
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
        api.uri(project + "/merge_requests"),
        ApiClient.object(
            "source_branch", head, "target_branch", base, "title", title, "description", body),
        409,
        head,
        GitlabForge::mergeRequest);
  }

  @Override
  public PullRequest update(PullRequest current, String title, String body, String base)
      throws ForgeException {
    return PullRequestSteps.update(
        api,
        "PUT",
        api.uri(project + "/merge_requests/" + current.number()),
        current,
        PullRequestSteps.changed(current, title, body, base, "description", "target_branch"),
        GitlabForge::mergeRequest);
  }

  @Override
  public void close(PullRequest pullRequest, String comment) throws ForgeException {
    String mr = project + "/merge_requests/" + pullRequest.number();
    PullRequestSteps.closeWithComment(
        api,
        api.uri(mr + "/notes"),
        comment,
        "PUT",
        api.uri(mr),
        ApiClient.object("state_event", "close"));
  }

  @Override
  public Comment upsertComment(long number, String marker, String body) throws ForgeException {
    String notes = project + "/merge_requests/" + number + "/notes";
    return PullRequestSteps.upsert(
        api,
        api.uri(notes + "?per_page=100"),
        api.uri(notes),
        id -> api.uri(notes + "/" + id),
        "PUT",
        true,
        marker,
        body);
  }

  @Override
  public void setStatus(String sha, CommitStatus status) throws ForgeException {
    PullRequestSteps.requireCommitId(sha);
    Map<String, Object> body = new LinkedHashMap<>();
    // GitLab has no "error" state: a check that could not run is failed
    body.put(
        "state",
        switch (status.state()) {
          case PENDING -> "pending";
          case SUCCESS -> "success";
          case FAILURE, ERROR -> "failed";
        });
    body.put("name", status.context());
    body.put("description", GithubApiForge.clip(status.description(), 255));
    status.targetUrl().map(URI::toString).ifPresent(u -> body.put("target_url", u));
    api.send(
        "POST", api.uri(project + "/statuses/" + sha), ApiClient.JSON.valueToTree(body), Map.of());
  }

  private static PullRequest mergeRequest(JsonNode mr) throws ForgeException {
    if (!mr.path("iid").canConvertToLong() || mr.path("source_branch").isMissingNode()) {
      throw new ForgeException(
          Reason.INVALID_ANSWER, 0, Optional.empty(), "a merge request without iid or branch");
    }
    return new PullRequest(
        mr.path("iid").asLong(),
        mr.path("source_branch").asText(""),
        mr.path("target_branch").asText(""),
        mr.path("title").asText(""),
        mr.path("description").isNull() ? "" : mr.path("description").asText(""),
        mr.path("web_url").asText(""),
        mr.path("sha").asText(""));
  }
}
