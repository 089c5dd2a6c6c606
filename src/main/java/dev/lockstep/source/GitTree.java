package dev.lockstep.source;

import dev.lockstep.model.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * DirectoryTree}, hidden folders and files ({@code .github/}, {@code .lockstep/}) are skipped.
 * Symbolic links (mode 120000) and submodules (gitlinks) are never followed: they are listed by
 * {@link #specials}, a link with the tree path it names when that is inside the tree.
 */
public final class GitTree implements SourceTree {
  private final Repository repository;
  private final String revision;
  private final Map<String, ObjectId> blobs;
  private final List<Special> specials;

  private GitTree(
      Repository repository, String revision, Map<String, ObjectId> blobs, List<Special> specials) {
    this.repository = repository;
    this.revision = revision;
    this.blobs = blobs;
    this.specials = List.copyOf(specials);
  }

  /** Longest link target read; Git stores the target as the blob's text. */
  private static final int MAX_LINK_BYTES = 4096;

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
    Map<String, ObjectId> links = new TreeMap<>();
    List<String> others = new ArrayList<>();
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
          } else if (mode == FileMode.SYMLINK) {
            links.put(tw.getPathString(), tw.getObjectId(0));
          } else {
            others.add(tw.getPathString());
          }
        }
      }
    }
    List<Special> specials = new ArrayList<>();
    try (ObjectReader reader = repository.newObjectReader()) {
      for (Map.Entry<String, ObjectId> link : links.entrySet()) {
        Optional<String> inside = Optional.empty();
        try {
          byte[] target =
              reader.open(link.getValue(), Constants.OBJ_BLOB).getCachedBytes(MAX_LINK_BYTES);
          inside = insideTarget(link.getKey(), new String(target, StandardCharsets.UTF_8));
        } catch (org.eclipse.jgit.errors.LargeObjectException e) {
          // longer than any path a checkout could follow: named as a link that leads nowhere known
        }
        String target = inside.orElse(null);
        boolean folder =
            target != null
                && (target.isEmpty()
                    || blobs.keySet().stream().anyMatch(p -> p.startsWith(target + "/")));
        specials.add(new Special(link.getKey(), SpecialKind.SYMBOLIC_LINK, inside, folder));
      }
    }
    others.forEach(p -> specials.add(new Special(p, SpecialKind.OTHER, Optional.empty(), false)));
    specials.sort(java.util.Comparator.comparing(Special::path));
    return new GitTree(repository, label, blobs, specials);
  }

  /**
   * The tree path a link at {@code link} names with {@code target}, resolved by name as a POSIX
   * checkout would; empty when it is absolute or climbs out of the tree.
   */
  static Optional<String> insideTarget(String link, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    String[] linkParts = link.split("/");
    for (int i = 0; i < linkParts.length - 1; i++) {
      parts.addLast(linkParts[i]);
    }
    for (String part : target.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return Optional.of(String.join("/", parts));
  }

  @Override
  public List<Special> specials() {
    return specials;
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
