package dev.lockstep.halt;

import dev.lockstep.edit.EditException;
import dev.lockstep.edit.EditedFile;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.model.AutoupdateConfig;
import dev.lockstep.model.ClusterSource;
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
 * sets {@code spec.agents.mode} from {@code suspended} (what a halt sets) back to {@code enabled},
 * quoting the newest halt commit's trailers (check, rollout, group, evidence) so the reviewer sees
 * why it stopped. A cluster whose mode is {@code disabled} is not halted: turning its updates on is
 * an admin's decision, never proposed here. Never merges anything. The library part of {@code
 * lockstep resume}.
 */
public final class GitResume {
  private static final String ENABLED = "enabled";
  private static final String DISABLED = "disabled";

  /** What {@link #propose} did. */
  public sealed interface Proposal {
    /** The resume pull request was opened or updated; {@code url} is its page. */
    record Opened(String url) implements Proposal {}

    /**
     * Nothing to resume: the followed branch sets the cluster's mode to {@code mode} ({@code
     * enabled} or {@code disabled}), not {@code suspended}.
     */
    record NotHalted(String mode) implements Proposal {}
  }

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
   * @return the pull request's page, or that the repository does not suspend the cluster
   * @throws SourceException when Git cannot be read or the branch cannot be pushed
   * @throws EditException when the mode cannot be edited in place
   * @throws ForgeException when the platform refuses
   */
  public Proposal propose(String cluster, Instant now)
      throws SourceException, EditException, ForgeException {
    PollResult polled = source.poll();
    String tip = polled.revision().commit();
    GitTree tree = source.tree(polled.revision());
    DesiredState state = new RepositoryParser().parse(tree).state();
    // a halt only ever suspends: a disabled cluster is an admin's choice, not Lockstep's to undo
    boolean disabled =
        state
            .cluster(cluster)
            .flatMap(ClusterSource::autoupdateConfig)
            .map(AutoupdateConfig::agents)
            .map(a -> a.mode().equals(DISABLED))
            .orElse(false);
    if (disabled) {
      return new Proposal.NotHalted(DISABLED);
    }
    Optional<EditedFile> edit;
    try {
      edit = HaltEdit.setMode(state, tree, cluster, ENABLED);
    } catch (IOException e) {
      throw new SourceException(
          SourceException.Reason.IO,
          source.displayUrl(),
          "cannot read the autoupdate_config of " + cluster);
    }
    if (edit.isEmpty()) {
      return new Proposal.NotHalted(ENABLED);
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
    return new Proposal.Opened(
        forge.update(opened.pullRequest(), title, body.toString(), branch).url());
  }
}
