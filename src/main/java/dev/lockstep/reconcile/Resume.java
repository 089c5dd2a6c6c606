package dev.lockstep.reconcile;

import dev.lockstep.source.SourceException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a restarted {@code serve} finds what it knew before (README, "Restarts"): the {@link
 * LastKnown} file in the data folder and the status committed to Git. The committed status is
 * preferred for the history and the transition times (it is what the audit log holds, and another
 * replica may have written it); the data-folder copy serves when Git cannot be read or the status
 * is not committed.
 *
 * @param store the data-folder file
 * @param committed reads a cluster's committed status
 */
public record Resume(LastKnownStore store, CommittedStatus committed) {
  private static final System.Logger LOG = System.getLogger(Resume.class.getName());

  public Resume {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(committed, "committed");
  }

  /** Reads one cluster's committed status file (the status branch). */
  @FunctionalInterface
  public interface CommittedStatus {
    /** The file's text, or empty when there is none (or status writing is off). */
    Optional<String> read(String cluster) throws SourceException;

    /** Nothing is committed (status off, or tests). */
    CommittedStatus NONE = cluster -> Optional.empty();
  }

  /**
   * The status the first run continues from.
   *
   * @param status the last status, from Git or else from the data folder
   * @param from where it came from, for the log
   */
  public record Start(Optional<StatusDocument> status, String from) {}

  /**
   * The data-folder record, when it is usable and about the configured cluster. Reads only the
   * local disk. Never throws: what cannot be used is logged and left out.
   *
   * @param cluster the configured cluster ({@code lockstep.cluster}), if set
   */
  public Optional<LastKnown> known(Optional<String> cluster) {
    Optional<LastKnown> loaded = store.load();
    boolean other =
        loaded.isPresent() && cluster.isPresent() && !cluster.get().equals(loaded.get().cluster());
    if (other) {
      LOG.log(
          Level.INFO,
          "{0} is about cluster {1}, not {2}: not used",
          store.file(),
          loaded.get().cluster(),
          cluster.get());
    }
    return other ? Optional.empty() : loaded;
  }

  /**
   * The last status: the committed one (read over the network, so after the revision in force is
   * back in service), else the copy in {@code known}. Never throws.
   *
   * @param cluster the configured cluster, if set; else the one {@code known} is about
   */
  public Start start(Optional<LastKnown> known, Optional<String> cluster) {
    Optional<String> name = cluster.or(() -> known.map(LastKnown::cluster));
    if (name.isPresent()) {
      try {
        Optional<StatusDocument> committedStatus =
            committed.read(name.get()).flatMap(StatusReader::read);
        if (committedStatus.isPresent()) {
          return new Start(committedStatus, "the committed status");
        }
      } catch (SourceException e) {
        LOG.log(
            Level.INFO,
            "cannot read the committed status of {0} ({1}); using the copy in {2}",
            name.get(),
            e.getMessage(),
            store.file());
      }
    }
    Optional<StatusDocument> copy = known.flatMap(LastKnown::status).flatMap(StatusReader::read);
    return new Start(copy, copy.isPresent() ? store.file().toString() : "nowhere");
  }
}
