package dev.lockstep.source;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * Commits built in the object database (no working tree) and pushed without a checkout: what the
 * status writer and the branch publisher share.
 */
final class TreeCommits {
  private TreeCommits() {}

  /** Signs a commit before it is inserted (SSH signing of status commits), or leaves it. */
  @FunctionalInterface
  interface Signer {
    void sign(CommitBuilder commit, PersonIdent ident) throws SourceException;
  }

  /** The tree of {@code parent} (or an empty tree) with {@code files} written over it. */
  static ObjectId tree(Repository repo, ObjectId parent, Map<String, byte[]> files)
      throws IOException {
    try (ObjectInserter ins = repo.newObjectInserter();
        ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      if (parent != null) {
        builder.addTree(
            new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(parent).getTree());
      }
      builder.finish();
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        ObjectId blob = ins.insert(Constants.OBJ_BLOB, f.getValue());
        editor.add(
            new DirCacheEditor.PathEdit(f.getKey()) {
              @Override
              public void apply(DirCacheEntry ent) {
                ent.setFileMode(FileMode.REGULAR_FILE);
                ent.setObjectId(blob);
              }
            });
      }
      editor.finish();
      ObjectId tree = index.writeTree(ins);
      ins.flush();
      return tree;
    }
  }

  /** A commit of {@code files} over {@code parent}, signed by {@code signer}. */
  static ObjectId commit(
      Repository repo,
      ObjectId parent,
      Map<String, byte[]> files,
      String message,
      PersonIdent ident,
      Signer signer)
      throws IOException, SourceException {
    ObjectId tree = tree(repo, parent, files);
    try (ObjectInserter ins = repo.newObjectInserter()) {
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(tree);
      if (parent != null) {
        cb.setParentId(parent);
      }
      cb.setAuthor(ident);
      cb.setCommitter(ident);
      cb.setMessage(message);
      signer.sign(cb, ident);
      ObjectId id = ins.insert(cb);
      ins.flush();
      return id;
    }
  }

  /**
   * The commit the remote's {@code ref} points at, fetched into {@code localRef} when the mirror
   * lacks it; null when the remote has no such ref.
   */
  static ObjectId remoteTip(GitSource source, String ref, String localRef, String action)
      throws SourceException {
    Map<String, Ref> remote = source.lsRemote();
    Ref r = remote.get(ref);
    if (r == null) {
      return null;
    }
    ObjectId id = r.getObjectId();
    Repository repo = source.repository();
    boolean present;
    try {
      present = repo.getObjectDatabase().has(id);
    } catch (IOException e) {
      present = false;
    }
    if (!present) {
      source
          .transports()
          .bounded(
              action,
              monitor -> {
                try (Transport t = source.transports().open(repo)) {
                  return t.fetch(monitor, List.of(new RefSpec("+" + ref + ":" + localRef)));
                }
              });
    }
    return id;
  }

  /**
   * Pushes {@code commit} to {@code remoteRef}, expecting the remote to be at {@code expectedOld}
   * (zero id: absent). With {@code force}, a non-fast-forward is allowed, but only from {@code
   * expectedOld} (a lease): another writer's push is never overwritten.
   */
  static RemoteRefUpdate push(
      GitSource source,
      String localRef,
      ObjectId commit,
      String remoteRef,
      ObjectId expectedOld,
      boolean force,
      String action)
      throws SourceException, IOException {
    Repository repo = source.repository();
    RefUpdate u = repo.updateRef(localRef);
    u.setNewObjectId(commit);
    u.setForceUpdate(true);
    u.update();
    RemoteRefUpdate update =
        new RemoteRefUpdate(repo, localRef, commit, remoteRef, force, null, expectedOld);
    PushResult result =
        source
            .transports()
            .bounded(
                action,
                monitor -> {
                  try (Transport t = source.transports().open(repo)) {
                    return t.push(monitor, List.of(update));
                  }
                });
    return result.getRemoteUpdate(remoteRef);
  }
}
