package dev.lockstep.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code serve} per data folder: an exclusive lock on {@code <data-dir>/serve.lock}, held for
 * the life of the process and released by the operating system when it ends, even after kill -9. A
 * second instance started on the same folder (a restart that did not wait for the old process, a
 * second pod on the same volume) stops before its first reconcile instead of sharing the Git
 * mirror, the last-known state and the target with the first. The file holds the holder's process
 * id, for the message.
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE = "serve.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDir}, creating the folder when needed.
   *
   * @throws StartFailure (exit 3) naming the folder and the holder's process id when another
   *     process, or this one, holds it
   * @throws IOException when the folder or the file cannot be created
   */
  static DataDirLock take(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException held) {
      lock = null;
    }
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new StartFailure(
          3,
          "lockstep serve cannot start: another lockstep serve"
              + (holder.isEmpty() ? "" : " (process " + holder + ")")
              + " is using the data folder "
              + dataDir.toAbsolutePath()
              + "; stop it first, or give this one its own folder with lockstep.data-dir"
              + " (LOCKSTEP_DATA_DIR)");
    }
    byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(pid), 0);
    channel.force(false);
    return new DataDirLock(channel, lock);
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer b = ByteBuffer.allocate(32);
      int n = channel.read(b, 0);
      return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
