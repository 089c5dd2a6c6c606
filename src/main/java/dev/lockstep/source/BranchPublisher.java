package dev.lockstep.source;

import dev.lockstep.source.SourceException.Reason;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Publishes a change as a branch of the followed repository: one commit of the given files over a
 * base commit, built in the object database (no working tree) and pushed through the repository's
 * own transports and credentials ({@link GitSource}). The branch is Lockstep's own: when the base
 * moved it is rebuilt on the new base and pushed with a lease on the tip it replaces, so someone
 * else's push to it is never overwritten; when its commit already has this content on this base,
 * nothing is pushed. A refused push (a protected branch, a pre-receive hook) is {@link
 * Reason#PUSH_REJECTED} with the server's message.
 */
public final class BranchPublisher {
  private static final String PUSH_REF = "refs/lockstep/branch-push";
  private static final String TIP_REF = "refs/lockstep/branch-tip";

  private final GitSource source;
  private final String authorName;
  private final String authorEmail;

  /** What a publish did. */
  public enum Action {
    /** The branch did not exist and was pushed. */
    CREATED,
    /** The branch existed with other content or another base, and was replaced. */
    UPDATED,
    /** The branch already had this content on this base: nothing was pushed. */
    UNCHANGED
  }

  /**
   * @param action what was done
   * @param branch the branch, without {@code refs/heads/}
   * @param commit the branch's commit now
   */
  public record Published(Action action, String branch, String commit) {
    public Published {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(commit, "commit");
    }
  }

  /**
   * @param source the repository (its mirror holds the base commit)
   * @param authorName author and committer of the commits
   * @param authorEmail their email
   */
  public BranchPublisher(GitSource source, String authorName, String authorEmail) {
    this.source = Objects.requireNonNull(source, "source");
    this.authorName = Objects.requireNonNull(authorName, "authorName");
    this.authorEmail = Objects.requireNonNull(authorEmail, "authorEmail");
  }

  /**
   * Adds one commit of {@code files} on top of {@code branch}, which must still point at {@code
   * baseCommit}: a plain fast-forward push, never forced, so a branch that moved meanwhile is left
   * as it is. For commits to a branch people also push to (a halt on {@code main}).
   *
   * @throws SourceException {@link Reason#PUSH_REJECTED} when the server refuses the push (a
   *     protected branch, a pre-receive hook) or the branch moved, with the server's message
   */
  public Published advance(
      String branch, String baseCommit, Map<String, byte[]> files, String message, Instant now)
      throws SourceException {
    try {
      ObjectId base = ObjectId.fromString(baseCommit);
      ObjectId commit = commit(base, files, message, now);
      RemoteRefUpdate pushed =
          TreeCommits.push(
              source,
              PUSH_REF,
              commit,
              Constants.R_HEADS + branch,
              base,
              false,
              "push a commit to " + branch + " of");
      return switch (pushed.getStatus()) {
        case OK -> new Published(Action.UPDATED, branch, commit.name());
        case UP_TO_DATE -> new Published(Action.UNCHANGED, branch, commit.name());
        default ->
            throw new SourceException(
                Reason.PUSH_REJECTED,
                source.displayUrl(),
                "the server refused the push to "
                    + branch
                    + " of "
                    + source.displayUrl()
                    + ": "
                    + (pushed.getMessage() == null
                        ? pushed.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                        : Urls.scrub(pushed.getMessage(), source.transports().secrets())));
      };
    } catch (IOException | IllegalArgumentException e) {
      throw new SourceException(
          Reason.IO,
          source.displayUrl(),
          "cannot write a commit for " + branch + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * Points {@code branch} at a commit of {@code files} over {@code baseCommit}.
   *
   * @param files repository paths to their new bytes
   * @throws SourceException {@link Reason#PUSH_REJECTED} when the server refuses the push, or a
   *     transport failure
   */
  public Published publish(
      String branch, String baseCommit, Map<String, byte[]> files, String message, Instant now)
      throws SourceException {
    String ref = Constants.R_HEADS + branch;
    var repo = source.repository();
    try {
      ObjectId base = ObjectId.fromString(baseCommit);
      ObjectId tip =
          TreeCommits.remoteTip(source, ref, TIP_REF, "fetch branch " + branch + " from");
      if (tip != null) {
        ObjectId tree = TreeCommits.tree(repo, base, files);
        try (RevWalk walk = new RevWalk(repo)) {
          RevCommit current = walk.parseCommit(tip);
          if (current.getParentCount() == 1
              && current.getParent(0).equals(base)
              && current.getTree().equals(tree)) {
            return new Published(Action.UNCHANGED, branch, tip.name());
          }
        }
      }
      ObjectId commit = commit(base, files, message, now);
      RemoteRefUpdate pushed =
          TreeCommits.push(
              source,
              PUSH_REF,
              commit,
              ref,
              tip == null ? ObjectId.zeroId() : tip,
              true,
              "push branch " + branch + " to");
      return switch (pushed.getStatus()) {
        case OK ->
            new Published(tip == null ? Action.CREATED : Action.UPDATED, branch, commit.name());
        case UP_TO_DATE -> new Published(Action.UNCHANGED, branch, commit.name());
        case REJECTED_REMOTE_CHANGED ->
            throw new SourceException(
                Reason.PUSH_REJECTED,
                source.displayUrl(),
                "branch "
                    + branch
                    + " moved at "
                    + source.displayUrl()
                    + " while Lockstep was replacing it (someone else pushed to it); run again");
        default ->
            throw new SourceException(
                Reason.PUSH_REJECTED,
                source.displayUrl(),
                "the server refused the push of branch "
                    + branch
                    + " to "
                    + source.displayUrl()
                    + ": "
                    + Urls.scrub(String.valueOf(pushed.getMessage()), source.transports().secrets())
                    + " (a protected branch or a pre-receive hook? allow Lockstep to push"
                    + " lockstep/bump/* branches)");
      };
    } catch (IOException | IllegalArgumentException e) {
      throw new SourceException(
          Reason.IO,
          source.displayUrl(),
          "cannot build the commit of branch "
              + branch
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private ObjectId commit(ObjectId base, Map<String, byte[]> files, String message, Instant now)
      throws IOException, SourceException {
    return TreeCommits.commit(
        source.repository(),
        base,
        files,
        message.endsWith("\n") ? message : message + "\n",
        new PersonIdent(authorName, authorEmail, now, ZoneOffset.UTC),
        (cb, ident) -> {});
  }
}
