package dev.lockstep.source;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The versions of one file along a branch's history, read from the object database (e.g. a
 * cluster's status file on the status branch, whose commits are made only when it changes).
 */
public final class FileHistory {
  private FileHistory() {}

  /**
   * One committed version of the file.
   *
   * @param commit the commit that wrote it
   * @param committed the commit's time
   * @param content the file's bytes in that commit
   */
  public record Version(String commit, Instant committed, byte[] content) {
    public Version {
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(committed, "committed");
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }
  }

  /**
   * The last {@code limit} versions of {@code path} reachable from {@code tip}, oldest first;
   * commits that deleted it are skipped. Reads only.
   */
  public static List<Version> of(Repository repository, ObjectId tip, String path, int limit)
      throws IOException {
    List<Version> newestFirst = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      walk.setRevFilter(RevFilter.ALL);
      walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
      walk.markStart(walk.parseCommit(tip));
      for (RevCommit c : walk) {
        if (newestFirst.size() >= limit) {
          break;
        }
        try (TreeWalk tw = TreeWalk.forPath(repository, path, c.getTree())) {
          if (tw == null || tw.getFileMode(0) != FileMode.REGULAR_FILE) {
            continue;
          }
          byte[] bytes =
              repository.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(1 << 24);
          newestFirst.add(new Version(c.name(), Instant.ofEpochSecond(c.getCommitTime()), bytes));
        }
      }
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }
}
