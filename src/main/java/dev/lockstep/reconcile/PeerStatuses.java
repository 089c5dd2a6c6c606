package dev.lockstep.reconcile;

import dev.lockstep.source.SourceException;
import dev.lockstep.source.StatusFile;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last statuses read of the clusters this instance does not serve, for the dashboard. {@link
 * #refresh} reads them all with one fetch (on the loop's thread, never on a request's); {@link
 * #last} returns what the last successful refresh read, so pages never wait for Git. A cluster
 * without a status file, or with a file that is not a status document, has no entry ("no status
 * yet").
 */
public final class PeerStatuses {

  /** Reads the committed status files of some clusters (a {@code GitStatusWriter} in serve). */
  @FunctionalInterface
  public interface Files {
    /** The files found, by cluster; clusters without one are absent. */
    Map<String, StatusFile> read(Collection<String> clusters) throws SourceException;
  }

  private final Files files;
  private volatile Map<String, PeerStatus> last = Map.of();

  /** Statuses read through {@code files}; none until the first {@link #refresh}. */
  public PeerStatuses(Files files) {
    this.files = files;
  }

  /**
   * Reads the status files of {@code clusters} and keeps them; when Git cannot be read, keeps the
   * previous result and returns the failure (it never throws).
   */
  public Optional<SourceException> refresh(Collection<String> clusters) {
    Map<String, StatusFile> read;
    try {
      read = files.read(clusters);
    } catch (SourceException e) {
      return Optional.of(e);
    }
    Map<String, PeerStatus> next = new TreeMap<>();
    read.forEach((name, file) -> PeerStatus.of(file).ifPresent(p -> next.put(name, p)));
    last = Collections.unmodifiableMap(next);
    return Optional.empty();
  }

  /** What the last successful refresh read, by cluster name. */
  public Map<String, PeerStatus> last() {
    return last;
  }

  /**
   * The clusters whose statuses to read: those of {@code revision} (the one in force, else the last
   * refused) other than {@code served}.
   */
  public static List<String> others(
      Optional<Reconciler.Evaluated> revision, Optional<String> served) {
    return revision.stream()
        .flatMap(e -> e.state().clusters().stream())
        .map(c -> c.name())
        .filter(n -> !served.map(n::equals).orElse(false))
        .toList();
  }
}
