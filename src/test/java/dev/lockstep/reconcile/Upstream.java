package dev.lockstep.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A real upstream Git repository on disk, seeded with the sample repository, for reconciler tests.
 */
public final class Upstream implements AutoCloseable {
  public final Path dir;
  final Git git;

  private Upstream(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** A repository on branch main holding a copy of sample-repo/. */
  public static Upstream sample(Path dir) throws Exception {
    Path sample = Path.of("sample-repo").toAbsolutePath();
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = dir.resolve(sample.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    Upstream u = new Upstream(dir, git);
    u.commit("sample");
    return u;
  }

  /** Writes a file and commits it; returns the commit id. */
  public String write(String path, String content, String message) throws Exception {
    Path f = dir.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return commit(message);
  }

  /** Replaces {@code from} by {@code to} in a file and commits it. */
  public String edit(String path, String from, String to) throws Exception {
    String text = Files.readString(dir.resolve(path));
    if (!text.contains(from)) {
      throw new IllegalArgumentException(path + " has no " + from);
    }
    return write(path, text.replace(from, to), "edit " + path);
  }

  String commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Test", "test@localhost");
    return git.commit()
        .setMessage(message)
        .setAuthor(who)
        .setCommitter(who)
        .setSign(false)
        .call()
        .getName();
  }

  /** The file at the tip of a branch, or null. */
  public String read(String branch, String path) throws IOException {
    Repository repo = git.getRepository();
    ObjectId tip = repo.resolve("refs/heads/" + branch);
    if (tip == null) {
      return null;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(tip);
      try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
        return tw == null
            ? null
            : new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  /** How many commits a branch has (0 when absent). */
  public int commits(String branch) throws Exception {
    ObjectId tip = git.getRepository().resolve("refs/heads/" + branch);
    if (tip == null) {
      return 0;
    }
    int n = 0;
    for (RevCommit ignored : git.log().add(tip).call()) {
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    git.close();
  }
}
