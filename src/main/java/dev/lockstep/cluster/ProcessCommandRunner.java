package dev.lockstep.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link CommandRunner} over {@link ProcessBuilder}. Output streams are drained on their own
 * threads so a chatty process cannot block on a full pipe; at most {@value #MAX_OUTPUT} bytes of
 * each are kept. On timeout the process (and its descendants) are killed.
 */
public final class ProcessCommandRunner implements CommandRunner {
  /** The most bytes kept of stdout or stderr. */
  public static final int MAX_OUTPUT = 4 * 1024 * 1024;

  // blocking pipe I/O needs real threads: the common pool may have a single worker on small
  // machines
  private static final ExecutorService IO =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "lockstep-process-io");
            t.setDaemon(true);
            return t;
          });

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) throws IOException {
    Process p = new ProcessBuilder(argv).start();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), IO);
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), IO);
    CompletableFuture<Void> in =
        CompletableFuture.runAsync(
            () -> {
              try (OutputStream os = p.getOutputStream()) {
                os.write(stdin);
              } catch (IOException e) {
                // the process exited without reading its input; its exit code tells the story
              }
            },
            IO);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        throw new CommandTimeoutException(argv.get(0), timeout);
      }
      in.get(5, TimeUnit.SECONDS);
      return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + argv.get(0), e);
    } catch (ExecutionException | TimeoutException e) {
      kill(p);
      throw new IOException("cannot read the output of " + argv.get(0), e);
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static String drain(InputStream in) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        int room = MAX_OUTPUT - buf.size();
        if (room > 0) {
          buf.write(chunk, 0, Math.min(n, room));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
