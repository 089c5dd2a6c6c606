package dev.lockstep.validate.policy;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.parse.DirectoryTree;
import dev.lockstep.validate.ValidationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code bench/policies.sh}: times loading and evaluating a policy folder over a generated
 * repository, in a fresh JVM. Reading the repository is not timed (the parser's cost, not the
 * policies'). Prints one line per run.
 */
public final class PolicyBenchmark {
  private PolicyBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path repo = Path.of(args[0]);
    Path policiesDir = Path.of(args[1]);
    int warmRuns = Integer.parseInt(args[2]);
    DesiredState state = read(repo);

    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    PolicyDirectory dir =
        PolicyDirectory.read(new DirectoryTree(policiesDir, "policies/", "bench"));
    PolicyEngine engine = new PolicyEngine();
    long tEnv = System.nanoTime();
    long cpuEnv = os.getProcessCpuTime();
    LoadedPolicies policies = engine.load(dir.policies());
    long t1 = System.nanoTime();
    long cpu1 = os.getProcessCpuTime();
    Findings first = policies.evaluate(state, Optional.empty(), ValidationContext.OFFLINE);
    long t2 = System.nanoTime();
    long cpu2 = os.getProcessCpuTime();
    if (!policies.findings().isEmpty() || !first.isEmpty()) {
      throw new IllegalStateException(
          "the benchmark repository should comply: "
              + policies.findings().plus(first).items().subList(0, 1));
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < warmRuns; i++) {
      long s = System.nanoTime();
      policies.evaluate(state, Optional.empty(), ValidationContext.OFFLINE);
      best = Math.min(best, System.nanoTime() - s);
    }
    System.out.printf(
        "clusters=%d rules=%d cel-setup=%d ms (cpu %d) compile=%d ms (cpu %d) first-evaluate=%d ms (cpu %d) added-cold=%d ms (cpu %d)"
            + " warm-evaluate(best of %d)=%d ms%n",
        state.clusters().size(),
        policies.ruleIds().size(),
        ms(tEnv - t0),
        ms(cpuEnv - cpu0),
        ms(t1 - tEnv),
        ms(cpu1 - cpuEnv),
        ms(t2 - t1),
        ms(cpu2 - cpu1),
        ms(t2 - t0),
        ms(cpu2 - cpu0),
        warmRuns,
        ms(best));
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** A stand-in for the repository parser: clusters/<name>/*.yaml, one document per file. */
  private static DesiredState read(Path repo) throws IOException {
    List<ClusterSource> clusters = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(repo.resolve("clusters"))) {
      for (Path dir : dirs.sorted().toList()) {
        Resource descriptor = null;
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.sorted().toList()) {
            String rel = repo.relativize(f).toString();
            Resource r =
                PolicyYaml.read(rel, Files.readString(f, StandardCharsets.UTF_8))
                    .documents()
                    .get(0)
                    .toResource()
                    .orElseThrow();
            if (r.kind() == ResourceKind.LOCKSTEP_CLUSTER) {
              descriptor = r;
            } else {
              resources.add(r);
            }
          }
        }
        clusters.add(
            new ClusterSource(
                dir.getFileName().toString(),
                repo.relativize(dir).toString(),
                descriptor,
                resources));
      }
    }
    return new DesiredState("bench", clusters, List.of(), List.of());
  }
}
