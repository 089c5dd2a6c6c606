package dev.lockstep.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the status file is committed back.
 *
 * @param mode on its own branch, on the followed branch, or not at all
 * @param branch the status branch ({@link Mode#BRANCH} only); created as an orphan branch if
 *     missing
 * @param pathTemplate the file path; {@code {cluster}} is replaced by the cluster name
 * @param authorName commit author and committer name
 * @param authorEmail commit author and committer email
 * @param messageTemplate commit message; {@code {cluster}} and {@code {revision}} are replaced
 * @param sshSigningKey an SSH private key (unencrypted) to sign status commits with, if any
 * @param maxAttempts pushes tried before giving up when the server rejects them (someone pushed
 *     first)
 * @param backoff the first wait between attempts; doubled each time, with jitter
 */
public record StatusSettings(
    Mode mode,
    String branch,
    String pathTemplate,
    String authorName,
    String authorEmail,
    String messageTemplate,
    Optional<Path> sshSigningKey,
    int maxAttempts,
    Duration backoff) {

  /** Where the status goes. */
  public enum Mode {
    /** {@code status/<cluster>.yaml} on a branch of its own (default {@code lockstep/status}). */
    BRANCH,
    /**
     * A path on the followed branch itself; commits get {@code [skip ci]} and are ignored by the
     * poller.
     */
    SOURCE_BRANCH,
    /** No status is written to Git. */
    OFF
  }

  /** The default status branch. */
  public static final String DEFAULT_BRANCH = "lockstep/status";

  /** The default path on the status branch. */
  public static final String DEFAULT_PATH = "status/{cluster}.yaml";

  /** The default path on the source branch: a hidden folder, which the parser never reads. */
  public static final String DEFAULT_SOURCE_BRANCH_PATH = ".lockstep/status/{cluster}.yaml";

  /** The default commit message. */
  public static final String DEFAULT_MESSAGE = "lockstep: status of {cluster} at {revision}";

  /**
   * Marker that keeps CI systems (GitHub Actions, GitLab CI, ...) from running on status commits.
   */
  public static final String SKIP_CI = "[skip ci]";

  public StatusSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    Objects.requireNonNull(authorName, "authorName");
    Objects.requireNonNull(authorEmail, "authorEmail");
    Objects.requireNonNull(messageTemplate, "messageTemplate");
    Objects.requireNonNull(sshSigningKey, "sshSigningKey");
    Objects.requireNonNull(backoff, "backoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (pathTemplate.startsWith("/")
        || pathTemplate.contains("..")
        || !pathTemplate.contains("{cluster}")) {
      throw new IllegalArgumentException(
          "status path must be repository-relative and contain {cluster}: " + pathTemplate);
    }
  }

  /** The defaults: {@code status/<cluster>.yaml} on {@code lockstep/status}. */
  public static StatusSettings defaults() {
    return new StatusSettings(
        Mode.BRANCH,
        DEFAULT_BRANCH,
        DEFAULT_PATH,
        "Lockstep",
        "lockstep@localhost",
        DEFAULT_MESSAGE,
        Optional.empty(),
        5,
        Duration.ofMillis(200));
  }

  /** The defaults for writing on the followed branch under {@code .lockstep/status/}. */
  public static StatusSettings onSourceBranch() {
    StatusSettings d = defaults();
    return new StatusSettings(
        Mode.SOURCE_BRANCH,
        "",
        DEFAULT_SOURCE_BRANCH_PATH,
        d.authorName,
        d.authorEmail,
        d.messageTemplate,
        Optional.empty(),
        d.maxAttempts,
        d.backoff);
  }

  /** A copy with a signing key. */
  public StatusSettings withSshSigningKey(Path key) {
    return new StatusSettings(
        mode,
        branch,
        pathTemplate,
        authorName,
        authorEmail,
        messageTemplate,
        Optional.of(key),
        maxAttempts,
        backoff);
  }

  /** A copy with another retry budget. */
  public StatusSettings withRetries(int attempts, Duration firstBackoff) {
    return new StatusSettings(
        mode,
        branch,
        pathTemplate,
        authorName,
        authorEmail,
        messageTemplate,
        sshSigningKey,
        attempts,
        firstBackoff);
  }

  /** The file path for a cluster. */
  public String path(String cluster) {
    return pathTemplate.replace("{cluster}", cluster);
  }

  /**
   * True when {@code path} is a status file of this template (for any cluster name without {@code
   * /}).
   */
  public boolean isStatusPath(String path) {
    int at = pathTemplate.indexOf("{cluster}");
    String before = pathTemplate.substring(0, at);
    String after = pathTemplate.substring(at + "{cluster}".length());
    if (!path.startsWith(before)
        || !path.endsWith(after)
        || path.length() <= before.length() + after.length()) {
      return false;
    }
    String name = path.substring(before.length(), path.length() - after.length());
    return !name.contains("/");
  }

  /**
   * The folder every status file lives in (the template up to its last {@code /}), or "" at the
   * root.
   */
  public String folder() {
    String beforeCluster = pathTemplate.substring(0, pathTemplate.indexOf("{cluster}"));
    int slash = beforeCluster.lastIndexOf('/');
    return slash < 0 ? "" : beforeCluster.substring(0, slash + 1);
  }
}
