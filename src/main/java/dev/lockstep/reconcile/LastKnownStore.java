package dev.lockstep.reconcile;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link LastKnown} file in the data folder. A save writes a temporary file next to it, forces
 * it to disk and renames it over the old one, so a process killed at any point leaves either the
 * old file or the new one, never a mix. A file that cannot be read (torn by a disk fault, edited,
 * of another version) is ignored with a warning: the process then starts as a first start would.
 */
public final class LastKnownStore {
  private static final System.Logger LOG = System.getLogger(LastKnownStore.class.getName());

  /** The file name in the data folder. */
  public static final String FILE = "last-known.yaml";

  private static final String TEMP_SUFFIX = ".tmp";

  private final Path file;

  /** A store at {@code <dataDir>/last-known.yaml}; nothing is read or written until asked. */
  public static LastKnownStore in(Path dataDir) {
    return new LastKnownStore(dataDir.resolve(FILE));
  }

  /** A store at {@code file}. */
  public LastKnownStore(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /**
   * The record saved last, if a usable one is there. Removes temporary files a killed save left.
   * Never throws: an unreadable or unusable file is logged as a warning and gives empty.
   */
  public Optional<LastKnown> load() {
    removeTemporaryFiles();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot read {0}, starting without it: {1}", file, e.toString());
      return Optional.empty();
    }
    LastKnown.Read read = LastKnown.parse(text);
    read.problem()
        .ifPresent(
            p ->
                LOG.log(
                    Level.WARNING,
                    "ignored {0}: {1}; starting as a first start would (it is rewritten after the"
                        + " next run)",
                    file,
                    p));
    return read.known();
  }

  /**
   * Replaces the file atomically (temporary file, forced to disk, renamed over it).
   *
   * @return false, after a warning, when it could not be written (the next run tries again)
   */
  public boolean save(LastKnown known) {
    Path temp = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      temp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE + ".", TEMP_SUFFIX);
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(known.toYaml().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
        ch.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.WARNING, "cannot write {0}, tried again next run: {1}", file, e.toString());
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the next load removes it
        }
      }
      return false;
    }
  }

  private void removeTemporaryFiles() {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, FILE + ".*" + TEMP_SUFFIX)) {
      for (Path t : temps) {
        Files.deleteIfExists(t);
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "cannot clear temporary files in {0}: {1}", dir, e.toString());
    }
  }
}
