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
 * Proposes to resume a halted cluster: a pull request from {@code lockstep/resume/<cluster>} that
 * sets {@code spec.agents.mode} back to {@code enabled}, quoting the newest halt commit's trailers
 * (check, rollout, group, evidence) so the reviewer sees why it stopped. Never merges anything. The
 * library part of {@code lockstep resume}.
 */
public final class GitResume {
  private final GitSource source;
  private final BranchPublisher publisher;
  private final String branch;
  private final Forge forge;

  /**
   * @param source the followed repository
   * @param publisher pushes the resume branch
   * @param branch the followed branch the pull request targets
   * @param forge the platform
   */
  public GitResume(GitSource source, BranchPublisher publisher, String branch, Forge forge) {
    this.source = Objects.requireNonNull(source, "source");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.branch = Objects.requireNonNull(branch, "branch");
    this.forge = Objects.requireNonNull(forge, "forge");
  }

  /**
   * Opens (or updates) the resume pull request of {@code cluster}.
   *
   * @return its page; empty when the repository does not suspend the cluster (nothing to resume)
   * @throws SourceException when Git cannot be read or the branch cannot be pushed
   * @throws EditException when the mode cannot be edited in place
   * @throws ForgeException when the platform refuses
   */
  public Optional<String> propose(String cluster, Instant now)
      throws SourceException, EditException, ForgeException {
    PollResult polled = source.poll();
    String tip = polled.revision().commit();
    GitTree tree = source.tree(polled.revision());
    DesiredState state = new RepositoryParser().parse(tree).state();
    Optional<EditedFile> edit;
    try {
      edit = HaltEdit.setMode(state, tree, cluster, "enabled");
    } catch (IOException e) {
      throw new SourceException(
          SourceException.Reason.IO,
          source.displayUrl(),
          "cannot read the autoupdate_config of " + cluster);
    }
    if (edit.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> halt =
        HaltHistory.newest(
                source,
                tip,
                branch,
                t -> t.getOrDefault(HaltCommit.HALT, "").startsWith(cluster + "/"))
            .map(HaltHistory.Found::trailers)
            .orElse(Map.of());
    String title = "lockstep: resume the rollout of " + cluster;
    StringBuilder body =
        new StringBuilder("Sets `spec.agents.mode` of `")
            .append(edit.get().file())
            .append("` back to `enabled`: Teleport resumes the rollout where it stopped.\n\n");
    if (halt.isEmpty()) {
      body.append("No halt commit of Lockstep was found for ").append(cluster).append(".\n");
    } else {
      body.append("Lockstep halted it:\n\n");
      halt.forEach((k, v) -> body.append("- **").append(k).append("**: ").append(v).append('\n'));
    }
    String message = title + "\n\n" + body;
    String resume = "lockstep/resume/" + cluster;
    publisher.publish(resume, tip, Map.of(edit.get().file(), edit.get().after()), message, now);
    Forge.Opened opened = forge.open(resume, branch, title, body.toString());
    return Optional.of(forge.update(opened.pullRequest(), title, body.toString(), branch).url());
  }
}
