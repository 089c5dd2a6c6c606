package dev.lockstep.forge;

import java.util.Objects;

/**
 * An open pull request (merge request on GitLab).
 *
 * @param number the number shown to people: {@code #12} (GitHub, Gitea), {@code !12} (GitLab iid)
 * @param head the branch it merges
 * @param base the branch it merges into
 * @param title the title
 * @param body the description, as stored ("" when empty)
 * @param url the page people open
 * @param headSha the head commit, or "" when the platform did not say
 */
public record PullRequest(
    long number, String head, String base, String title, String body, String url, String headSha) {
  public PullRequest {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headSha, "headSha");
  }
}
