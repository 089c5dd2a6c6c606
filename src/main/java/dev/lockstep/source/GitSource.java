package dev.lockstep.source;

import dev.lockstep.source.SourceException.Reason;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;

/**
 * The followed repository: polls the ref, fetches new commits into a private bare mirror and reads
 * a commit's files from the object database. A poll that finds nothing new costs one ref
 * advertisement ({@code ls-remote}) and fetches nothing. Every network operation is bounded by
 * {@link GitSettings#timeout()}.
 *
 * <p>Failures are {@link SourceException}s naming the URL without credentials. Not thread-safe: the
 * reconciler runs one poll at a time.
 */
public final class GitSource implements Closeable {
  /**
   * The local ref holding the last fetched head; rewritten freely (it is our mirror, not the user's
   * branch).
   */
  static final String MIRROR_REF = "refs/lockstep/source";

  private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

  private final GitSettings settings;
  private final Transports transports;
  private final Repository repository;
  private final Housekeeping.Report housekeeping;
  private String lastSeen;

  /**
   * Opens (or creates) the bare mirror in {@link GitSettings#cacheDir()} and clears what a killed
   * process left in it ({@link Housekeeping}). Does not touch the network.
   *
   * @throws SourceException {@code CONFIGURATION} or {@code HOST_KEY} when settings are unusable
   *     (bad URL, missing key file, missing or empty known_hosts, unreadable CA bundle)
   */
  public GitSource(GitSettings settings) throws SourceException {
    this.settings = settings;
    this.transports = new Transports(settings);
    try {
      Files.createDirectories(settings.cacheDir());
      FileRepository repo = new FileRepository(settings.cacheDir().toFile());
      if (!Files.exists(settings.cacheDir().resolve("objects"))) {
        repo.create(true);
      }
      this.repository = repo;
      this.housekeeping = Housekeeping.atStart(repo, Instant.now());
      ObjectId seen = repo.resolve(MIRROR_REF + "^{commit}");
      this.lastSeen = seen == null ? null : seen.name();
    } catch (IOException | IllegalStateException e) {
      transports.close();
      throw new SourceException(
          Reason.CONFIGURATION,
          settings.displayUrl(),
          "cannot open the local mirror in " + settings.cacheDir());
    }
  }

  /**
   * What opening the mirror cleared and compacted: a killed process's gc and lock leftovers (see
   * {@link Housekeeping}).
   */
  public Housekeeping.Report housekeeping() {
    return housekeeping;
  }

  /** The local bare mirror (read-only use: trees, history). */
  public Repository repository() {
    return repository;
  }

  Transports transports() {
    return transports;
  }

  /** The URL without credentials. */
  public String displayUrl() {
    return settings.displayUrl();
  }

  /**
   * Asks the server for the head of the followed ref and fetches it if it moved. A force-pushed
   * branch is fetched like any other move and reported as {@link Revision#rewritten()}.
   *
   * @throws SourceException {@code REF_NOT_FOUND} when the branch or tag no longer exists
   *     (deleted), or any transport failure
   */
  public PollResult poll() throws SourceException {
    String ref = settings.ref();
    if (COMMIT_ID.matcher(ref).matches()) {
      return pollPinned(ref);
    }
    Map<String, Ref> remote = lsRemote();
    Ref found = resolve(remote, ref);
    if (found == null) {
      throw new SourceException(
          Reason.REF_NOT_FOUND,
          displayUrl(),
          "ref "
              + ref
              + " does not exist at "
              + displayUrl()
              + " (deleted or never pushed); the last fetched revision stays in use");
    }
    ObjectId remoteId =
        found.getPeeledObjectId() != null ? found.getPeeledObjectId() : found.getObjectId();
    String head = remoteId.name();
    if (head.equals(lastSeen) && has(remoteId)) {
      return new PollResult(new Revision(found.getName(), head, Optional.of(head), false), false);
    }
    fetch(List.of(new RefSpec("+" + found.getName() + ":" + MIRROR_REF)));
    return advance(found.getName(), resolveMirror());
  }

  private PollResult pollPinned(String commit) throws SourceException {
    ObjectId id = ObjectId.fromString(commit);
    if (!has(id)) {
      fetch(
          List.of(
              new RefSpec("+refs/heads/*:refs/lockstep/heads/*"),
              new RefSpec("+refs/tags/*:refs/lockstep/tags/*")));
      if (!has(id)) {
        throw new SourceException(
            Reason.REF_NOT_FOUND,
            displayUrl(),
            "commit " + commit + " is not reachable from any branch or tag of " + displayUrl());
      }
    }
    try {
      RefUpdate u = repository.updateRef(MIRROR_REF);
      u.setNewObjectId(id);
      u.setForceUpdate(true);
      u.update();
    } catch (IOException e) {
      throw transports.failure("record the fetched commit of", e);
    }
    return advance(commit, commit);
  }

  private PollResult advance(String refName, String head) throws SourceException {
    Optional<String> previous = Optional.ofNullable(lastSeen);
    boolean changed = !head.equals(lastSeen);
    boolean rewritten = false;
    if (changed && lastSeen != null && has(ObjectId.fromString(lastSeen))) {
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit before = walk.parseCommit(ObjectId.fromString(lastSeen));
        RevCommit after = walk.parseCommit(ObjectId.fromString(head));
        rewritten = !walk.isMergedInto(before, after);
      } catch (IOException e) {
        throw transports.failure("read the history of", e);
      }
    }
    lastSeen = head;
    return new PollResult(new Revision(refName, head, previous, rewritten), changed);
  }

  /** The files of a fetched revision, read from the object database (no checkout). */
  public GitTree tree(Revision revision) throws SourceException {
    try {
      return GitTree.of(repository, ObjectId.fromString(revision.commit()), revision.label());
    } catch (IOException e) {
      throw transports.failure("read revision " + revision.label() + " of", e);
    }
  }

  /**
   * The last {@code limit} versions of {@code path} reachable from a fetched revision, oldest first
   * ({@link FileHistory}).
   *
   * @throws SourceException when the history cannot be read
   */
  public List<FileHistory.Version> fileHistory(Revision revision, String path, int limit)
      throws SourceException {
    try {
      return FileHistory.of(repository, ObjectId.fromString(revision.commit()), path, limit);
    } catch (IOException | RuntimeException e) {
      throw transports.failure("read the history of " + path + " of", e);
    }
  }

  /**
   * Checks the revision's signature as {@link GitSettings#verify()} asks. With {@link
   * VerifyMode#NONE} the result says so and is usable.
   */
  public Verification verify(Revision revision) {
    if (settings.verify() == VerifyMode.NONE) {
      return Verification.skipped(revision.commit());
    }
    // made here, not with the source: without signed commits required, neither it nor
    // BouncyCastle (signed jars, checked on their first class) is loaded at all
    return new CommitVerifier(settings.trustedKeys())
        .verify(repository, ObjectId.fromString(revision.commit()));
  }

  /**
   * True when {@code revision} moved from its previous head only by commits that touch status files
   * of {@code status} (for example Lockstep's own status commit on the followed branch): the
   * reconciler then skips it. False for a first fetch, a rewritten branch or any other change.
   */
  public boolean onlyStatusChanges(Revision revision, StatusSettings status)
      throws SourceException {
    if (revision.previous().isEmpty()
        || revision.rewritten()
        || revision.previous().get().equals(revision.commit())) {
      return false;
    }
    try {
      return StatusCommits.onlyStatusChanges(
          repository,
          ObjectId.fromString(revision.previous().get()),
          ObjectId.fromString(revision.commit()),
          status::isStatusPath);
    } catch (IOException e) {
      return false;
    }
  }

  /** The refs the server advertises (one round trip). */
  Map<String, Ref> lsRemote() throws SourceException {
    return transports.bounded(
        "list the refs of",
        monitor -> {
          try (Transport t = transports.open(repository);
              FetchConnection c = t.openFetch()) {
            return c.getRefsMap();
          }
        });
  }

  private void fetch(List<RefSpec> specs) throws SourceException {
    transports.bounded(
        "fetch from",
        monitor -> {
          try (Transport t = transports.open(repository)) {
            t.setRemoveDeletedRefs(false);
            return t.fetch(monitor, specs);
          }
        });
  }

  private String resolveMirror() throws SourceException {
    try {
      ObjectId id = repository.resolve(MIRROR_REF + "^{commit}");
      if (id == null) {
        throw new SourceException(
            Reason.REF_NOT_FOUND,
            displayUrl(),
            settings.ref() + " at " + displayUrl() + " is not a commit");
      }
      return id.name();
    } catch (IOException e) {
      throw transports.failure("read the fetched head of", e);
    }
  }

  private boolean has(ObjectId id) {
    try {
      return repository.getObjectDatabase().has(id);
    } catch (IOException e) {
      return false;
    }
  }

  /** The advertised ref for a short or full name: branches first, then tags (as git does). */
  static Ref resolve(Map<String, Ref> refs, String name) {
    if (name.startsWith("refs/")) {
      return refs.get(name);
    }
    for (String prefix : List.of(Constants.R_HEADS, Constants.R_TAGS)) {
      Ref r = refs.get(prefix + name);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  @Override
  public void close() {
    repository.close();
    transports.close();
  }
}
