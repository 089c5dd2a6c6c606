package dev.lockstep.reconcile;

import dev.lockstep.halt.HaltOutcome;
import dev.lockstep.halt.HaltRequest;
import java.time.Instant;

/**
 * Halts a rollout through Git (in {@code serve}: {@code halt.GitHalt} over the followed
 * repository's settings). The reconciler calls it at most once per cluster and rollout, on the
 * leader only, and applies the suspend itself whatever it returns.
 */
@FunctionalInterface
public interface Halter {
  /**
   * Commits the suspend of {@code request}'s cluster, or proposes it when the push is refused.
   *
   * @return what was done
   * @throws Failed when Git could not be read or written; the message names why, without secrets
   */
  HaltOutcome halt(HaltRequest request, Instant now) throws Failed;

  /** No Git halt configured: the suspend is applied and held, nothing is committed. */
  Halter NONE =
      (request, now) -> {
        throw new Failed("halting through Git is not configured");
      };

  /** Git could not be read or written for the halt. */
  final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with a one-line message without secrets. */
    public Failed(String message) {
      super(message, null, false, false);
    }
  }
}
