package dev.lockstep.halt;

import dev.lockstep.source.GitSource;
import dev.lockstep.source.SourceException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Halt commits among a branch's recent history, newest first. */
final class HaltHistory {
  /** How far back the history is searched. */
  static final int DEPTH = 500;

  /** A commit and its {@code Lockstep-*} trailers. */
  record Found(String commit, Map<String, String> trailers) {}

  private HaltHistory() {}

  /** The newest of the last {@link #DEPTH} commits from {@code tip} whose trailers match. */
  static Optional<Found> newest(
      GitSource source, String tip, String branch, Predicate<Map<String, String>> wanted)
      throws SourceException {
    try (RevWalk walk = new RevWalk(source.repository())) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(tip)));
      int seen = 0;
      for (RevCommit c : walk) {
        if (++seen > DEPTH) {
          break;
        }
        Map<String, String> t = HaltCommit.trailers(c.getFullMessage());
        if (!t.isEmpty() && wanted.test(t)) {
          return Optional.of(new Found(c.name(), t));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new SourceException(
          SourceException.Reason.IO, source.displayUrl(), "cannot read the history of " + branch);
    }
  }
}
