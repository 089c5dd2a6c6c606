package dev.lockstep.source;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;

/**
 * Keeps Lockstep's private bare mirror usable after the process was killed (kill -9, OOM, a node
 * going away) in the middle of JGit's automatic gc or a fetch. Such a kill leaves {@code gc.pid}
 * and {@code gc.log.lock}, after which JGit refuses every gc ("gc is already running") for twelve
 * hours and packs pile up, and it can leave {@code *.lock} files, fetch pack locks ({@code
 * objects/pack/*.keep}) and half-received packs ({@code objects/incoming_*}).
 *
 * <p>When the mirror is opened, before anything uses it (it is private to one Lockstep process):
 * when {@code gc.pid} names a process of this host that is dead (or the current process, or one
 * started after the file was written) and nobody holds the file's OS lock, or when there is no
 * {@code gc.pid}, those leftovers are deleted; when a live process owns a gc, nothing is touched.
 * Then, if the store has more than {@link #MAX_PACKS} packs or about {@link #MAX_LOOSE_OBJECTS}
 * loose objects (JGit's own auto-gc thresholds), a gc runs in the foreground once. Never deletes
 * anything else, never touches a working tree (the mirror has none).
 */
public final class Housekeeping {
  /** JGit's {@code gc.autopacklimit}: more packs than this call for a gc. */
  public static final int MAX_PACKS = 50;

  /** JGit's {@code gc.auto}: about this many loose objects call for a gc. */
  public static final long MAX_LOOSE_OBJECTS = 6700;

  static final String GC_PID = "gc.pid";
  static final String GC_LOG_LOCK = "gc.log.lock";

  /** Who owns {@code gc.pid}. */
  public enum GcOwner {
    /** There is no {@code gc.pid}. */
    NONE,
    /** A process that no longer runs (or the file is unreadable and unlocked). */
    DEAD,
    /** A running process, or one on another host: its gc is left alone. */
    ALIVE
  }

  /**
   * What the start-up pass did.
   *
   * @param owner who owned {@code gc.pid}
   * @param removed the leftovers deleted, relative to the mirror
   * @param packsBefore packs before a gc ran (or now, when none ran)
   * @param packsAfter packs after the gc (equal to {@code packsBefore} when none ran)
   * @param gcRan true when a gc ran
   * @param problem why the pass stopped early, if it did (the mirror is still usable)
   */
  public record Report(
      GcOwner owner,
      List<String> removed,
      int packsBefore,
      int packsAfter,
      boolean gcRan,
      Optional<String> problem) {
    public Report {
      removed = List.copyOf(removed);
    }
  }

  private Housekeeping() {}

  /**
   * Clears a dead process's leftovers in {@code repository} and compacts it when it needs it. Never
   * throws: a failure is the report's {@code problem}.
   *
   * @param since when the mirror was opened: leftovers written after this are not touched
   */
  public static Report atStart(FileRepository repository, Instant since) {
    Path dir = repository.getDirectory().toPath();
    GcOwner owner = owner(dir.resolve(GC_PID), since);
    List<String> removed = new ArrayList<>();
    if (owner == GcOwner.ALIVE) {
      int packs = packs(repository);
      return new Report(owner, removed, packs, packs, false, Optional.empty());
    }
    try {
      if (owner == GcOwner.DEAD) {
        delete(dir, dir.resolve(GC_PID), removed);
      }
      for (Path leftover : leftovers(dir, since)) {
        delete(dir, leftover, removed);
      }
    } catch (IOException e) {
      int packs = packs(repository);
      return new Report(
          owner, removed, packs, packs, false, Optional.of("cannot clear leftovers: " + e));
    }
    int before = packs(repository);
    if (before <= MAX_PACKS && looseObjects(repository) <= MAX_LOOSE_OBJECTS) {
      return new Report(owner, removed, before, before, false, Optional.empty());
    }
    try {
      Git.wrap(repository).gc().call();
    } catch (GitAPIException | RuntimeException e) {
      return new Report(
          owner,
          removed,
          before,
          packs(repository),
          false,
          Optional.of("gc failed: " + e.getMessage()));
    }
    return new Report(owner, removed, before, packs(repository), true, Optional.empty());
  }

  /**
   * The owner of a {@code gc.pid} file ({@code "<pid> <host>"}, as JGit and Git write it). Dead
   * when nobody holds its OS lock and it names this host and a process that is not running, is this
   * very process, or started after the file was last written (the pid was reused).
   */
  static GcOwner owner(Path pidFile, Instant since) {
    if (!Files.exists(pidFile)) {
      return GcOwner.NONE;
    }
    if (isLocked(pidFile)) {
      return GcOwner.ALIVE;
    }
    String[] fields;
    Instant written;
    try {
      fields = Files.readString(pidFile, StandardCharsets.UTF_8).strip().split("\\s+");
      written = Files.getLastModifiedTime(pidFile).toInstant();
    } catch (IOException e) {
      return GcOwner.DEAD;
    }
    long pid;
    try {
      pid = Long.parseLong(fields[0]);
    } catch (NumberFormatException e) {
      return GcOwner.DEAD;
    }
    if (fields.length > 1 && !fields[1].equals(hostName())) {
      return GcOwner.ALIVE;
    }
    if (pid == ProcessHandle.current().pid()) {
      return GcOwner.DEAD;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return GcOwner.DEAD;
    }
    Optional<Instant> started = process.get().info().startInstant();
    return started.isPresent() && started.get().isAfter(written) ? GcOwner.DEAD : GcOwner.ALIVE;
  }

  private static boolean isLocked(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Lock files, fetch pack locks and half-received packs written no later than {@code since}. */
  private static List<Path> leftovers(Path dir, Instant since) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> top = Files.list(dir)) {
      top.filter(p -> name(p).endsWith(".lock")).forEach(found::add);
    }
    for (String tree : List.of("refs", "logs")) {
      Path root = dir.resolve(tree);
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          files.filter(p -> name(p).endsWith(".lock")).forEach(found::add);
        }
      }
    }
    Path objects = dir.resolve("objects");
    if (Files.isDirectory(objects)) {
      try (Stream<Path> files = Files.list(objects)) {
        files.filter(p -> name(p).startsWith("incoming_")).forEach(found::add);
      }
      Path pack = objects.resolve("pack");
      if (Files.isDirectory(pack)) {
        try (Stream<Path> files = Files.list(pack)) {
          files
              .filter(p -> name(p).endsWith(".keep") || name(p).endsWith(".lock"))
              .forEach(found::add);
        }
      }
    }
    List<Path> old = new ArrayList<>();
    for (Path p : found) {
      if (Files.isRegularFile(p) && !Files.getLastModifiedTime(p).toInstant().isAfter(since)) {
        old.add(p);
      }
    }
    return old;
  }

  private static void delete(Path dir, Path file, List<String> removed) throws IOException {
    try {
      Files.delete(file);
      removed.add(dir.relativize(file).toString());
    } catch (NoSuchFileException e) {
      // gone already
    }
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  /** Pack files on disk (the object database's own list is refreshed lazily after a gc). */
  static int packs(FileRepository repository) {
    Path pack = repository.getObjectsDirectory().toPath().resolve("pack");
    if (!Files.isDirectory(pack)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(pack)) {
      return (int) files.filter(p -> name(p).endsWith(".pack")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static long looseObjects(FileRepository repository) {
    try {
      Properties stats = Git.wrap(repository).gc().getStatistics();
      return Long.parseLong(stats.getProperty("numberOfLooseObjects", "0"));
    } catch (GitAPIException | RuntimeException e) {
      return 0;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "";
    }
  }
}
