package dev.lockstep.reconcile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The embedded default of {@code lockstep serve}: with no Git URL configured, the bundled sample
 * repository is committed into a local Git repository under the data folder, and the service
 * reconciles it like any other. An existing embedded repository is kept as it is, so commits made
 * to it (to try Lockstep out) survive restarts.
 */
public final class EmbeddedRepository {
  static final String INDEX = "embedded/sample-repo.index";
  static final String ROOT = "embedded/sample-repo/";

  private EmbeddedRepository() {}

  /** The embedded repository's folder, {@code <dataDir>/embedded-repo}; creates nothing. */
  public static Path folder(Path dataDir) {
    return dataDir.resolve("embedded-repo");
  }

  /**
   * Creates (once) and returns the embedded repository's folder, {@link #folder}, on branch {@code
   * main}.
   */
  public static Path materialize(Path dataDir) throws IOException {
    Path repo = folder(dataDir);
    if (Files.isDirectory(repo.resolve(".git"))) {
      return repo;
    }
    Files.createDirectories(repo);
    for (String file : files()) {
      Path target = repo.resolve(file).normalize();
      if (!target.startsWith(repo)) {
        throw new IOException("bad entry in " + INDEX + ": " + file);
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = open(ROOT + file)) {
        Files.copy(in, target);
      }
    }
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Lockstep", "lockstep@localhost");
      git.commit()
          .setMessage("Lockstep sample repository (embedded default)")
          .setAuthor(who)
          .setCommitter(who)
          .setSign(false)
          .call();
    } catch (GitAPIException e) {
      throw new IOException(
          "cannot create the embedded repository in " + repo + ": " + e.getMessage(), e);
    }
    return repo;
  }

  /** The bundled sample repository's files, repository-relative. */
  static List<String> files() throws IOException {
    try (InputStream in = open(INDEX)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .toList();
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = EmbeddedRepository.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("missing bundled resource " + resource);
    }
    return in;
  }
}
