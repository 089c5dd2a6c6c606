package dev.lockstep.source;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * A process for {@link HousekeepingTest}: runs JGit's automatic gc on a mirror exactly as a fetch
 * does ({@code Repository.autoGC}, in the background), and freezes it at its first progress report,
 * when {@code gc.pid} and {@code gc.log.lock} exist; then writes the marker file and waits to be
 * killed. Usage: {@code GcUntilKilled <git dir> <marker file>}.
 */
public final class GcUntilKilled {
  private GcUntilKilled() {}

  public static void main(String[] args) throws Exception {
    Path marker = Path.of(args[1]);
    FileRepository repository = new FileRepository(new File(args[0]));
    repository.autoGC(new Frozen(marker));
    Thread.sleep(Long.MAX_VALUE);
  }

  /** A progress monitor that never lets the gc go on. */
  private record Frozen(Path marker) implements ProgressMonitor {
    @Override
    public void start(int totalTasks) {
      try {
        Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        Thread.sleep(Long.MAX_VALUE);
      } catch (Exception e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void beginTask(String title, int totalWork) {}

    @Override
    public void update(int completed) {}

    @Override
    public void endTask() {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void showDuration(boolean enabled) {}
  }
}
