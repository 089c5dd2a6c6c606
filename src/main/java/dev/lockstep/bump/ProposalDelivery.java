package dev.lockstep.bump;

import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.forge.PullRequest;
import dev.lockstep.source.BranchPublisher;
import dev.lockstep.source.SourceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers a proposal as a branch {@code lockstep/bump/<cluster>/<version>} (one commit over the
 * base branch's tip, through the repository's transports and credentials) and, for pull-request
 * delivery, as one pull request per cluster and version:
 *
 * <ul>
 *   <li>none open for the branch: it is opened (a duplicate answer means one is open: it is used);
 *   <li>one open: its title, description and base are set, with a request only for what differs;
 *   <li>open ones of the same cluster for another version are closed with a comment naming the new
 *       one (the newer pick supersedes them; their branches are left).
 * </ul>
 *
 * <p>A second run against unchanged inputs reads (refs, open pull requests) and writes nothing.
 */
public final class ProposalDelivery {
  private final BranchPublisher publisher;
  private final String baseBranch;
  private final String baseCommit;
  private final Instant now;

  /**
   * @param publisher pushes branches of the repository
   * @param baseBranch the branch the proposals are made against (e.g. {@code main})
   * @param baseCommit its tip, which the edited files were read from
   * @param now the commit time of new commits
   */
  public ProposalDelivery(
      BranchPublisher publisher, String baseBranch, String baseCommit, Instant now) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.baseBranch = Objects.requireNonNull(baseBranch, "baseBranch");
    this.baseCommit = Objects.requireNonNull(baseCommit, "baseCommit");
    this.now = Objects.requireNonNull(now, "now");
  }

  /** The commit message of a proposal: deterministic, one line per changed value. */
  public static String message(ClusterBump b) {
    StringBuilder m =
        new StringBuilder("lockstep: ").append(PullRequestText.title(b)).append("\n\n");
    for (FileChange f : b.files()) {
      m.append(f.path()).append(":\n");
      f.notes().forEach(n -> m.append("  ").append(n).append('\n'));
    }
    return m.append("\nProposed by lockstep bump: ")
        .append(b.decision().reason())
        .append(".\n")
        .toString();
  }

  /**
   * Pushes the proposal's branch.
   *
   * @throws SourceException when the push is refused or Git is unreachable
   */
  public Delivered branch(ClusterBump b) throws SourceException {
    BranchPublisher.Published p = push(b);
    return new Delivered(
        "branch",
        p.action().name().toLowerCase(java.util.Locale.ROOT),
        Optional.of(p.branch()),
        Optional.of(p.commit()),
        Optional.empty(),
        List.of());
  }

  /**
   * Pushes the branch and opens, updates or leaves the cluster's pull request; closes older ones.
   *
   * @throws SourceException when the push is refused or Git is unreachable
   * @throws ForgeException when the platform refuses or cannot be reached
   */
  public Delivered pullRequest(ClusterBump b, Forge forge) throws SourceException, ForgeException {
    String branch = branchOf(b);
    List<PullRequest> open = forge.openPullRequests(PullRequestText.branchPrefix(b.cluster()));
    BranchPublisher.Published pushed = push(b);
    String title = PullRequestText.title(b);
    String body = PullRequestText.body(b);
    Optional<PullRequest> mine = open.stream().filter(p -> p.head().equals(branch)).findFirst();
    PullRequest pr;
    String action;
    if (mine.isPresent()) {
      pr = forge.update(mine.get(), title, body, baseBranch);
      boolean changed =
          !pr.equals(mine.get()) || pushed.action() != BranchPublisher.Action.UNCHANGED;
      action = changed ? "updated" : "unchanged";
    } else {
      Forge.Opened opened = forge.open(branch, baseBranch, title, body);
      pr = forge.update(opened.pullRequest(), title, body, baseBranch);
      action = opened.created() ? "created" : "updated";
    }
    List<String> closed = new ArrayList<>();
    for (PullRequest older : open) {
      if (!older.head().equals(branch)) {
        forge.close(
            older,
            "Superseded by "
                + (forge.platform() == dev.lockstep.forge.Platform.GITLAB ? "!" : "#")
                + pr.number()
                + " ("
                + title
                + "): "
                + pr.url());
        closed.add(older.url());
      }
    }
    return new Delivered(
        "pr",
        action,
        Optional.of(branch),
        Optional.of(pushed.commit()),
        Optional.of(pr.url()),
        closed);
  }

  private BranchPublisher.Published push(ClusterBump b) throws SourceException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    b.files().forEach(f -> files.put(f.path(), f.afterBytes()));
    return publisher.publish(branchOf(b), baseCommit, files, message(b), now);
  }

  private static String branchOf(ClusterBump b) {
    return PullRequestText.branch(
        b.cluster(),
        b.decision()
            .proposed()
            .orElseThrow(() -> new IllegalArgumentException("only a proposal is delivered"))
            .toString());
  }
}
