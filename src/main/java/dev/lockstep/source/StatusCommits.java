package dev.lockstep.source;

import java.io.IOException;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Tells the reconciler whether a new head only changed Lockstep's own status files, so a status
 * commit on the followed branch never triggers another reconcile (no loop).
 */
public final class StatusCommits {
  private StatusCommits() {}

  /**
   * True when the trees of {@code from} and {@code to} differ, and only in paths that {@code
   * isStatusPath} accepts. False when they do not differ at all is not possible for a moved head in
   * practice; an identical tree also answers true (nothing to reconcile).
   */
  public static boolean onlyStatusChanges(
      Repository repo, ObjectId from, ObjectId to, Predicate<String> isStatusPath)
      throws IOException {
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(walk.parseCommit(from).getTree());
      tw.addTree(walk.parseCommit(to).getTree());
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      while (tw.next()) {
        if (!isStatusPath.test(tw.getPathString())) {
          return false;
        }
      }
      return true;
    }
  }
}
