package dev.lockstep.source.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The "user's" repository: a bare repository served by the test servers, and a working clone in
 * which the tests commit with the real C git, as an admin would (also used by other packages'
 * tests).
 */
public final class Upstream {
  public final Path root;
  public final Path bare;
  public final Path work;
  final Map<String, String> env = new HashMap<>();

  private Upstream(Path root) {
    this.root = root;
    this.bare = root.resolve("repos/fleet.git");
    this.work = root.resolve("work");
  }

  public static Upstream create(Path root) throws IOException {
    Upstream u = new Upstream(root);
    Files.createDirectories(u.bare);
    Path home = Files.createDirectories(root.resolve("home"));
    u.env.put("HOME", home.toString());
    u.env.put("GIT_CONFIG_NOSYSTEM", "1");
    u.env.put("GIT_AUTHOR_NAME", "Admin");
    u.env.put("GIT_AUTHOR_EMAIL", "admin@example.com");
    u.env.put("GIT_COMMITTER_NAME", "Admin");
    u.env.put("GIT_COMMITTER_EMAIL", "admin@example.com");
    u.git(u.bare, "init", "--bare", "-q", "-b", "main");
    u.git(u.bare, "config", "http.receivepack", "true");
    u.git(u.bare, "config", "daemon.receivepack", "true");
    Cmd.run(root, u.env, "git", "clone", "-q", u.bare.toString(), u.work.toString());
    u.git(u.work, "checkout", "-q", "-b", "main");
    return u;
  }

  public String git(Path dir, String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = "git";
    System.arraycopy(args, 0, argv, 1, args.length);
    return Cmd.run(dir, env, argv);
  }

  /** Writes a file, commits it and pushes the branch; returns the commit id. */
  public String commit(String path, String content, String message, String... commitFlags) {
    write(path, content);
    git(work, "add", "-A");
    String[] args = new String[3 + commitFlags.length];
    args[0] = "commit";
    args[1] = "-qm";
    args[2] = message;
    System.arraycopy(commitFlags, 0, args, 3, commitFlags.length);
    git(work, args);
    git(work, "push", "-q", "origin", "HEAD:main");
    return head();
  }

  /** Drops the last commit, commits something else, and force-pushes. */
  String rewrite(String path, String content, String message) {
    git(work, "reset", "-q", "--hard", "HEAD~1");
    write(path, content);
    git(work, "add", "-A");
    git(work, "commit", "-qm", message);
    git(work, "push", "-q", "-f", "origin", "HEAD:main");
    return head();
  }

  public String head() {
    return git(work, "rev-parse", "HEAD");
  }

  /** The tip of a branch in the served repository, or "" when absent. */
  public String remoteTip(String branch) {
    try {
      return git(bare, "rev-parse", "--verify", "-q", "refs/heads/" + branch);
    } catch (AssertionError e) {
      return "";
    }
  }

  private void write(String path, String content) {
    try {
      Path f = work.resolve(path);
      Files.createDirectories(f.getParent());
      Files.writeString(f, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
