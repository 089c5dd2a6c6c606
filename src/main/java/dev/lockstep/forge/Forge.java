package dev.lockstep.forge;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What Lockstep asks of a code-hosting platform about one repository: pull requests (merge requests
 * on GitLab), comments on them and commit statuses. The seam {@code bump} delivers through and
 * notifications post through; implemented for GitHub, GitLab and Gitea, each with the platform's
 * own endpoints and words. Every method makes exactly the requests it documents, so a caller that
 * compares before writing makes no write when nothing changed.
 */
public interface Forge {

  /** Which platform. */
  Platform platform();

  /**
   * Every open pull request whose head branch starts with {@code headPrefix}, following pages. Only
   * reads.
   */
  List<PullRequest> openPullRequests(String headPrefix) throws ForgeException;

  /**
   * Opens a pull request from {@code head} into {@code base}. When the platform answers that one is
   * already open for that head (GitHub 422, GitLab and Gitea 409), returns that one as it is: the
   * caller then updates it.
   */
  Opened open(String head, String base, String title, String body) throws ForgeException;

  /** The result of {@link #open}: the pull request and whether this call created it. */
  record Opened(PullRequest pullRequest, boolean created) {
    public Opened {
      Objects.requireNonNull(pullRequest, "pullRequest");
    }
  }

  /**
   * Sets the title, description and base branch. Sends only the fields that differ from {@code
   * current}, and no request at all when none differs.
   *
   * @return the pull request as it now stands
   */
  PullRequest update(PullRequest current, String title, String body, String base)
      throws ForgeException;

  /** Comments on the pull request, then closes it (the branch is left). */
  void close(PullRequest pullRequest, String comment) throws ForgeException;

  /**
   * Keeps one comment carrying {@code marker} (e.g. {@code <!-- lockstep:plan -->}, invisible when
   * rendered) up to date: creates it when there is none, edits it in place when its text differs,
   * and writes nothing when it is already {@code body}. The marker is added to the body when the
   * body lacks it.
   */
  Comment upsertComment(long number, String marker, String body) throws ForgeException;

  /** Sets a commit status on {@code sha}. */
  void setStatus(String sha, CommitStatus status) throws ForgeException;

  /** A client for the settings' platform, sleeping with {@link Thread#sleep}. */
  static Forge of(ForgeSettings settings) {
    return of(settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  /**
   * A client for the settings' platform with a clock and a sleeper (tests pass ones that do not
   * wait).
   */
  static Forge of(ForgeSettings settings, Clock clock, Sleeper sleeper) {
    ApiClient api = new ApiClient(settings, clock, sleeper::sleep);
    return switch (settings.platform()) {
      case GITHUB, GITEA -> new GithubApiForge(api);
      case GITLAB -> new GitlabForge(api);
    };
  }

  /** How a client waits for a backoff or a rate limit. */
  @FunctionalInterface
  interface Sleeper {
    /** Waits about {@code d}. */
    void sleep(Duration d) throws InterruptedException;
  }

  /** The marker line added to a comment body. */
  static String withMarker(String marker, String body) {
    return body.contains(marker) ? body : body + "\n\n" + marker;
  }
}
