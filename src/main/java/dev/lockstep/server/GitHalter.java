package dev.lockstep.server;

import dev.lockstep.edit.EditException;
import dev.lockstep.forge.ForgeException;
import dev.lockstep.halt.GitHalt;
import dev.lockstep.halt.HaltOutcome;
import dev.lockstep.halt.HaltRequest;
import dev.lockstep.reconcile.Halter;
import dev.lockstep.source.SourceException;
import java.time.Instant;

/**
 * The reconciler's {@link Halter} in {@code serve}: {@link GitHalt} over the followed repository.
 */
final class GitHalter implements Halter {
  private final GitHalt halt;

  GitHalter(GitHalt halt) {
    this.halt = halt;
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
