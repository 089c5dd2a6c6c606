package dev.lockstep.halt;

import dev.lockstep.edit.EditException;
import dev.lockstep.edit.EditedFile;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.model.DesiredState;
import dev.lockstep.parse.RepositoryParser;
import dev.lockstep.source.BranchPublisher;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitTree;
import dev.lockstep.source.PollResult;
import dev.lockstep.source.SourceException;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Halts a rollout through Git: reads the followed branch, commits the suspend of the cluster's
 * {@code autoupdate_config} with trailers ({@link HaltCommit}) and pushes it without force. When
 * the push is refused (a protected branch), the same commit goes to a branch {@code
 * lockstep/halt/<cluster>/<target>-<start>} with a halt pull request, and the outcome is a hold. At
 * most one halt per cluster and rollout: a commit with the same {@link HaltRequest#key()} among the
 * branch's recent history is a halt already made. Never resumes.
 */
public final class GitHalt {
  private final GitSource source;
  private final BranchPublisher publisher;
  private final String branch;
  private final Optional<Forge> forge;

  /**
   * @param source the followed repository
   * @param publisher pushes through its transports and credentials
   * @param branch the followed branch (e.g. {@code main})
   * @param forge the platform for the halt pull request; empty: a refused push holds without one
   */
  public GitHalt(
      GitSource source, BranchPublisher publisher, String branch, Optional<Forge> forge) {
    this.source = Objects.requireNonNull(source, "source");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.branch = Objects.requireNonNull(branch, "branch");
    this.forge = Objects.requireNonNull(forge, "forge");
  }

  /** The branch a refused halt is proposed from. */
  public static String haltBranch(HaltRequest r) {
    return "lockstep/halt/"
        + r.cluster()
        + "/"
        + r.targetVersion()
        + "-"
        + r.rolloutStart().getEpochSecond();
  }

  /**
   * Halts the request's rollout.
   *
   * @throws SourceException when Git cannot be read or written (other than a refused push)
   * @throws EditException when the cluster's mode cannot be edited in place
   * @throws ForgeException when the halt pull request cannot be opened
   */
  public HaltOutcome halt(HaltRequest request, Instant now)
      throws SourceException, EditException, ForgeException {
    PollResult polled = source.poll();
    String tip = polled.revision().commit();
    Optional<String> earlier =
        HaltHistory.newest(source, tip, branch, t -> request.key().equals(t.get(HaltCommit.HALT)))
            .map(HaltHistory.Found::commit);
    if (earlier.isPresent()) {
      return new HaltOutcome(
          HaltOutcome.Kind.ALREADY_HALTED,
          earlier,
          Optional.empty(),
          "rollout " + request.key() + " was halted by commit " + earlier.get());
    }
    GitTree tree = source.tree(polled.revision());
    DesiredState state = new RepositoryParser().parse(tree).state();
    Optional<EditedFile> edit;
    try {
      edit = HaltEdit.setMode(state, tree, request.cluster(), "suspended");
    } catch (IOException e) {
      throw new SourceException(
          SourceException.Reason.IO,
          source.displayUrl(),
          "cannot read the autoupdate_config of " + request.cluster());
    }
    if (edit.isEmpty()) {
      return new HaltOutcome(
          HaltOutcome.Kind.ALREADY_SUSPENDED,
          Optional.empty(),
          Optional.empty(),
          "the repository already suspends " + request.cluster());
    }
    Map<String, byte[]> files = Map.of(edit.get().file(), edit.get().after());
    String message = HaltCommit.message(request, edit.get().file());
    try {
      BranchPublisher.Published p = publisher.advance(branch, tip, files, message, now);
      return new HaltOutcome(
          HaltOutcome.Kind.COMMITTED,
          Optional.of(p.commit()),
          Optional.empty(),
          "halt committed to " + branch + " as " + p.commit());
    } catch (SourceException e) {
      if (e.reason() != SourceException.Reason.PUSH_REJECTED) {
        throw e;
      }
      return hold(request, tip, files, message, now, e.getMessage());
    }
  }

  private HaltOutcome hold(
      HaltRequest request,
      String tip,
      Map<String, byte[]> files,
      String message,
      Instant now,
      String refusal)
      throws SourceException, ForgeException {
    String proposal = haltBranch(request);
    BranchPublisher.Published p = publisher.publish(proposal, tip, files, message, now);
    Optional<String> url = Optional.empty();
    if (forge.isPresent()) {
      String subject = message.substring(0, message.indexOf('\n'));
      Forge.Opened opened =
          forge
              .get()
              .open(
                  proposal,
                  branch,
                  subject,
                  "Lockstep could not push the halt to `"
                      + branch
                      + "` ("
                      + refusal
                      + "). The suspend is applied and held until this merges: self-heal leaves"
                      + " the mode suspended meanwhile.\n\n```\n"
                      + message
                      + "```\n");
      url = Optional.of(opened.pullRequest().url());
    }
    return new HaltOutcome(
        HaltOutcome.Kind.HOLD,
        Optional.of(p.commit()),
        url,
        "push to "
            + branch
            + " refused: holding the suspend; halt proposed on "
            + proposal
            + url.map(u -> " (" + u + ")").orElse(""));
  }
}
