package dev.lockstep.source;

import dev.lockstep.model.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A {@link SourceTree} over one commit, read straight from the object database: no working tree, no
 * checkout. Paths are repository paths, so findings name them as they appear in Git. As with {@code
 * DirectoryTree}, hidden folders and files ({@code .github/}, {@code .lockstep/}) and symbolic
 * links are skipped, and submodules (gitlinks) are not followed.
 */
public final class GitTree implements SourceTree {
  private final Repository repository;
  private final String revision;
  private final Map<String, ObjectId> blobs;

  private GitTree(Repository repository, String revision, Map<String, ObjectId> blobs) {
    this.repository = repository;
    this.revision = revision;
    this.blobs = blobs;
  }

  /**
   * Lists the files of {@code commit}.
   *
   * @param repository the repository holding the commit (stays open while the tree is used)
   * @param commit the commit to read
   * @param label the revision label, e.g. {@code main@1a2b3c4d}
   */
  public static GitTree of(Repository repository, ObjectId commit, String label)
      throws IOException {
    Map<String, ObjectId> blobs = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit c = walk.parseCommit(commit);
      try (TreeWalk tw = new TreeWalk(repository)) {
        tw.addTree(c.getTree());
        tw.setRecursive(false);
        while (tw.next()) {
          String name = tw.getNameString();
          if (name.startsWith(".")) {
            continue;
          }
          FileMode mode = tw.getFileMode(0);
          if (mode == FileMode.TREE) {
            tw.enterSubtree();
          } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            blobs.put(tw.getPathString(), tw.getObjectId(0));
          }
        }
      }
    }
    return new GitTree(repository, label, blobs);
  }

  @Override
  public String revision() {
    return revision;
  }

  @Override
  public List<String> paths() {
    return new ArrayList<>(blobs.keySet());
  }

  @Override
  public long size(String path) throws IOException {
    try (ObjectReader reader = repository.newObjectReader()) {
      return reader.getObjectSize(blob(path), Constants.OBJ_BLOB);
    }
  }

  @Override
  public byte[] read(String path) throws IOException {
    try (ObjectReader reader = repository.newObjectReader()) {
      return reader.open(blob(path), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    }
  }

  private ObjectId blob(String path) throws IOException {
    ObjectId id = blobs.get(path);
    if (id == null) {
      throw new IOException("not a file of " + revision + ": " + path);
    }
    return id;
  }
}
