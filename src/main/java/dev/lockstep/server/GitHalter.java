package dev.lockstep.server;

import dev.lockstep.edit.EditException;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.halt.GitHalt;
import dev.lockstep.halt.HaltOutcome;
import dev.lockstep.halt.HaltRequest;
import dev.lockstep.reconcile.Halter;
import dev.lockstep.source.BranchPublisher;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.StatusSettings;
import java.time.Instant;
import java.util.Optional;

/**
 * The reconciler's {@link Halter} in {@code serve}: {@link GitHalt} over the followed repository.
 */
final class GitHalter implements Halter {
  private final GitHalt halt;

  GitHalter(GitHalt halt) {
    this.halt = halt;
  }

  /**
   * Halts through {@code branch} of the followed repository, committing as the status author; a
   * refused push opens the halt pull request on {@code forge} when there is one (bump's platform).
   */
  static GitHalter over(
      GitSource source, String branch, StatusSettings status, Optional<Forge> forge) {
    BranchPublisher publisher =
        new BranchPublisher(source, status.authorName(), status.authorEmail());
    return new GitHalter(new GitHalt(source, publisher, branch, forge));
  }

  @Override
  public HaltOutcome halt(HaltRequest request, Instant now) throws Failed {
    try {
      return halt.halt(request, now);
    } catch (SourceException | EditException | ForgeException e) {
      throw new Failed(e.getMessage());
    }
  }
}
