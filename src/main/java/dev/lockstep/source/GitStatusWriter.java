package dev.lockstep.source;

import dev.lockstep.source.SourceException.Reason;
import dev.lockstep.source.StatusWrite.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Commits status files back to the repository (docs/git-source.md, "Status written back"), without
 * a working tree: the new commit is built in the object database on top of the current remote tip
 * and pushed with the tip as the expected old value. When another writer pushed first, the push is
 * rejected; the writer then fetches the new tip, re-applies its file on top and retries with
 * exponential backoff. It never force-pushes. A file whose content equals what is already there
 * (the {@code comparable} form, which drops timestamps) is not committed.
 */
public final class GitStatusWriter {
  private static final String TIP_REF = "refs/lockstep/status-tip";
  private static final String PUSH_REF = "refs/lockstep/status-push";

  private final GitSource source;
  private final GitSettings git;
  private final StatusSettings settings;
  private final UnaryOperator<String> comparable;
  private final Sleeper sleeper;
  // what readAll read last: the same tip and clusters give the same files, without the history walk
  private ObjectId readTip;
  private List<String> readClusters = List.of();
  private Map<String, StatusFile> readFiles = Map.of();

  /** Waits between attempts; tests may pass a recording one. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits about {@code d}. */
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * @param source the followed repository (its mirror and credentials are used for pushing)
   * @param git the settings {@code source} was built with
   * @param settings where and how to commit
   * @param comparable turns a status text into the form compared for "changed" (e.g. {@code
   *     StatusYaml::comparable})
   */
  public GitStatusWriter(
      GitSource source,
      GitSettings git,
      StatusSettings settings,
      UnaryOperator<String> comparable) {
    this(source, git, settings, comparable, d -> Thread.sleep(d.toMillis()));
  }

  /** As above, with an explicit sleeper. */
  public GitStatusWriter(
      GitSource source,
      GitSettings git,
      StatusSettings settings,
      UnaryOperator<String> comparable,
      Sleeper sleeper) {
    this.source = source;
    this.git = git;
    this.settings = settings;
    this.comparable = comparable;
    this.sleeper = sleeper;
    if (settings.mode() == StatusSettings.Mode.SOURCE_BRANCH
        && (git.ref().matches("[0-9a-f]{40}") || git.ref().startsWith("refs/tags/"))) {
      throw new IllegalArgumentException(
          "status on the source branch needs a branch to follow, not " + git.ref());
    }
  }

  /** The branch the status is committed to, as a full ref. */
  public String targetRef() {
    if (settings.mode() == StatusSettings.Mode.BRANCH) {
      return Constants.R_HEADS + settings.branch();
    }
    return git.ref().startsWith("refs/") ? git.ref() : Constants.R_HEADS + git.ref();
  }

  /**
   * Writes one cluster's status file if its content changed.
   *
   * @param cluster the cluster name ({@code {cluster}} in the path and message)
   * @param content the full file text
   * @param revision the source revision label ({@code {revision}} in the message)
   * @param now the commit time
   * @throws SourceException {@code PUSH_REJECTED} after {@link StatusSettings#maxAttempts()}
   *     rejected pushes, {@code REF_NOT_FOUND} when the source branch is gone, or a transport
   *     failure
   */
  public StatusWrite write(String cluster, String content, String revision, Instant now)
      throws SourceException {
    if (settings.mode() == StatusSettings.Mode.OFF) {
      return new StatusWrite(Outcome.DISABLED, Optional.empty(), 0);
    }
    String path = settings.path(cluster);
    String ref = targetRef();
    Repository repo = source.repository();
    Duration wait = settings.backoff();
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      ObjectId tip = fetchTip(ref);
      if (tip == null && settings.mode() == StatusSettings.Mode.SOURCE_BRANCH) {
        throw new SourceException(
            Reason.REF_NOT_FOUND,
            source.displayUrl(),
            "cannot write status: branch " + ref + " does not exist at " + source.displayUrl());
      }
      try {
        String existing = tip == null ? null : readFile(repo, tip, path);
        if (existing != null && comparable.apply(existing).equals(comparable.apply(content))) {
          return new StatusWrite(Outcome.UNCHANGED, Optional.empty(), attempt);
        }
        ObjectId commit = buildCommit(repo, tip, path, content, message(cluster, revision), now);
        RemoteRefUpdate.Status status = push(ref, commit, tip);
        if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
          return new StatusWrite(Outcome.COMMITTED, Optional.of(commit.name()), attempt);
        }
      } catch (IOException e) {
        throw new SourceException(
            Reason.IO,
            source.displayUrl(),
            "cannot build the status commit for "
                + cluster
                + " ("
                + e.getClass().getSimpleName()
                + ")");
      }
      if (attempt < settings.maxAttempts()) {
        try {
          long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, wait.toMillis() / 2 + 1));
          sleeper.sleep(wait.plusMillis(jitter));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        wait = wait.multipliedBy(2);
      }
    }
    throw new SourceException(
        Reason.PUSH_REJECTED,
        source.displayUrl(),
        "cannot push the status of "
            + cluster
            + " to "
            + ref
            + " at "
            + source.displayUrl()
            + ": rejected "
            + settings.maxAttempts()
            + " times (other writers keep pushing); will retry next reconcile");
  }

  /**
   * The committed status file of {@code cluster} at the tip of the status branch, fetched now;
   * empty when status writing is off, or the branch or the file does not exist.
   *
   * @throws SourceException when the branch cannot be fetched (Git unreachable) or read
   */
  public Optional<String> read(String cluster) throws SourceException {
    if (settings.mode() == StatusSettings.Mode.OFF) {
      return Optional.empty();
    }
    ObjectId tip = fetchTip(targetRef());
    if (tip == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(readFile(source.repository(), tip, settings.path(cluster)));
    } catch (IOException e) {
      throw new SourceException(
          Reason.IO,
          source.displayUrl(),
          "cannot read the status of " + cluster + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The committed status files of {@code clusters} at the tip of the status branch, with one fetch
   * for all of them; a cluster without a file is absent from the map, and the map is empty when
   * status writing is off or the branch does not exist. Each file carries the time of the last
   * commit that changed it (looked for along the first parents, at most {@value #HISTORY_LIMIT}
   * commits back). A writer kept between calls reads the files again only when the tip or the
   * clusters changed.
   *
   * @throws SourceException when the branch cannot be fetched (Git unreachable) or read
   */
  public Map<String, StatusFile> readAll(Collection<String> clusters) throws SourceException {
    if (settings.mode() == StatusSettings.Mode.OFF || clusters.isEmpty()) {
      return Map.of();
    }
    ObjectId tip = fetchTip(targetRef());
    if (tip == null) {
      return Map.of();
    }
    List<String> names = List.copyOf(clusters);
    if (tip.equals(readTip) && names.equals(readClusters)) {
      return readFiles;
    }
    Repository repo = source.repository();
    Map<String, StatusFile> out = new TreeMap<>();
    try {
      for (String cluster : clusters) {
        String path = settings.path(cluster);
        String text = readFile(repo, tip, path);
        if (text != null) {
          out.put(cluster, new StatusFile(text, lastChange(repo, tip, path)));
        }
      }
    } catch (IOException e) {
      throw new SourceException(
          Reason.IO,
          source.displayUrl(),
          "cannot read the status files (" + e.getClass().getSimpleName() + ")");
    }
    readTip = tip.copy();
    readClusters = names;
    readFiles = Collections.unmodifiableMap(out);
    return readFiles;
  }

  /** How many commits {@link #readAll} looks back for the one that changed a file. */
  static final int HISTORY_LIMIT = 500;

  private static Instant lastChange(Repository repo, ObjectId tip, String path) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(tip);
      ObjectId blob = blobAt(repo, c, path);
      for (int i = 0; i < HISTORY_LIMIT && c.getParentCount() > 0; i++) {
        RevCommit parent = walk.parseCommit(c.getParent(0));
        if (!blob.equals(blobAt(repo, parent, path))) {
          return Instant.ofEpochSecond(c.getCommitTime());
        }
        c = parent;
      }
      return Instant.ofEpochSecond(c.getCommitTime());
    }
  }

  private static ObjectId blobAt(Repository repo, RevCommit c, String path) throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
      return tw == null ? ObjectId.zeroId() : tw.getObjectId(0);
    }
  }

  private String message(String cluster, String revision) {
    String m =
        settings.messageTemplate().replace("{cluster}", cluster).replace("{revision}", revision);
    if (settings.mode() == StatusSettings.Mode.SOURCE_BRANCH
        && !m.contains(StatusSettings.SKIP_CI)) {
      m = m + " " + StatusSettings.SKIP_CI;
    }
    return m.endsWith("\n") ? m : m + "\n";
  }

  private ObjectId fetchTip(String ref) throws SourceException {
    return TreeCommits.remoteTip(source, ref, TIP_REF, "fetch the status branch from");
  }

  private static String readFile(Repository repo, ObjectId commit, String path) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(commit);
      try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
        if (tw == null || tw.getFileMode(0) != FileMode.REGULAR_FILE) {
          return null;
        }
        return new String(
            repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(1 << 24),
            StandardCharsets.UTF_8);
      }
    }
  }

  private ObjectId buildCommit(
      Repository repo, ObjectId parent, String path, String content, String message, Instant now)
      throws IOException, SourceException {
    PersonIdent ident =
        new PersonIdent(settings.authorName(), settings.authorEmail(), now, ZoneOffset.UTC);
    return TreeCommits.commit(
        repo,
        parent,
        Map.of(path, content.getBytes(StandardCharsets.UTF_8)),
        message,
        ident,
        (cb, who) -> {
          if (settings.sshSigningKey().isPresent()) {
            sign(repo, cb, who);
          }
        });
  }

  private void sign(Repository repo, CommitBuilder cb, PersonIdent ident) throws SourceException {
    Config config = new Config();
    config.setString("gpg", null, "format", "ssh");
    String key = settings.sshSigningKey().get().toAbsolutePath().toString();
    Signer signer = Signers.get(GpgConfig.GpgFormat.SSH);
    try {
      if (signer == null) {
        throw new IOException("no SSH signer");
      }
      signer.signObject(repo, new GpgConfig(config), cb, ident, key, null);
    } catch (Exception e) {
      throw new SourceException(
          Reason.CONFIGURATION,
          source.displayUrl(),
          "cannot sign the status commit with SSH key "
              + key
              + " (is it an unencrypted private key?)");
    }
  }

  private RemoteRefUpdate.Status push(String ref, ObjectId commit, ObjectId expectedTip)
      throws SourceException, IOException {
    // never force: the expected old value makes the server refuse if someone else moved the branch
    RemoteRefUpdate pushed =
        TreeCommits.push(
            source,
            PUSH_REF,
            commit,
            ref,
            expectedTip == null ? ObjectId.zeroId() : expectedTip,
            false,
            "push the status to");
    RemoteRefUpdate.Status status = pushed.getStatus();
    if (status == RemoteRefUpdate.Status.REJECTED_OTHER_REASON) {
      String m = String.valueOf(pushed.getMessage()).toLowerCase(java.util.Locale.ROOT);
      // a concurrent push makes receive-pack fail to lock or compare-and-swap the ref: a race,
      // retried
      boolean race =
          m.contains("lock")
              || m.contains("failed to update ref")
              || m.contains("fetch first")
              || m.contains("stale")
              || m.contains("non-fast-forward");
      if (!race) {
        throw new SourceException(
            Reason.IO,
            source.displayUrl(),
            "the server refused the status push to "
                + ref
                + " at "
                + source.displayUrl()
                + ": "
                + Urls.scrub(pushed.getMessage(), source.transports().secrets()));
      }
    }
    return status;
  }
}
