package dev.lockstep.source.it;

import dev.lockstep.source.GitAuth;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitTree;
import dev.lockstep.source.PollResult;
import dev.lockstep.source.Secret;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Benchmark harness for {@code bench/git.sh}: times a first fetch (empty mirror) and then no-change
 * polls of a repository. Not a test. Arguments: URL, polls, [user token].
 */
public final class GitBench {
  private GitBench() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int polls = Integer.parseInt(args[1]);
    GitSettings settings =
        GitSettings.of(url, "main", Files.createTempDirectory("lockstep-bench"))
            .withTimeout(Duration.ofSeconds(30));
    if (args.length > 3) {
      settings =
          settings
              .withAuth(new GitAuth.Http(args[2], Secret.env("BENCH_TOKEN")))
              .withEnvironment(Map.of("BENCH_TOKEN", args[3]));
    }
    long t0 = System.nanoTime();
    try (GitSource source = new GitSource(settings)) {
      long opened = System.nanoTime();
      PollResult first = source.poll();
      long fetched = System.nanoTime();
      GitTree tree = source.tree(first.revision());
      int files = tree.paths().size();
      long listed = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        source.poll(); // warm-up
      }
      double[] ms = new double[polls];
      for (int i = 0; i < polls; i++) {
        long s = System.nanoTime();
        PollResult r = source.poll();
        ms[i] = (System.nanoTime() - s) / 1e6;
        if (r.changed()) {
          throw new IllegalStateException("the repository changed during the benchmark");
        }
      }
      Arrays.sort(ms);
      System.out.printf(
          "%s%n  opening the mirror: %.0f ms; first fetch (%d files): %.0f ms; listing the tree: %.0f ms%n",
          settings.displayUrl(),
          (opened - t0) / 1e6,
          files,
          (fetched - opened) / 1e6,
          (listed - fetched) / 1e6);
      System.out.printf(
          "  no-change poll x%d: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
          polls, ms[polls / 2], ms[(int) (polls * 0.95)], ms[polls - 1]);
    }
  }
}
