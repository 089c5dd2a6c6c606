package dev.lockstep.plan;

import static dev.lockstep.rollout.Fixtures.config;
import static dev.lockstep.rollout.Fixtures.group;
import static dev.lockstep.rollout.Fixtures.sources;
import static dev.lockstep.rollout.Fixtures.version;

import dev.lockstep.rollout.AgentModel;
import dev.lockstep.rollout.RolloutController.Sources;
import dev.lockstep.rollout.RolloutSimulator;
import dev.lockstep.rollout.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/plan.sh}: times one simulation of 20 groups over a one-year horizon, after warm-up.
 * Not a test; run with {@code java -cp target/classes:target/test-classes
 * dev.lockstep.plan.PlanBenchmark}.
 */
public final class PlanBenchmark {
  private PlanBenchmark() {}

  /** Runs every scenario: {@code [warmup] [runs]}. */
  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Instant from = Instant.parse("2026-11-23T09:00:00Z");
    Duration year = Duration.ofDays(365);
    System.out.printf(
        "%-48s %8s %8s %8s %8s %8s  %s%n",
        "scenario (one simulation, one-year horizon)",
        "cpu ms",
        "wall ms",
        "p50 ms",
        "p99 ms",
        "max ms",
        "simulated");
    bench(
        "halt-on-error, 20 groups Mon-Fri, wait_hours 0",
        haltOnError("enabled", 0),
        from,
        year,
        warmup,
        runs);
    bench(
        "halt-on-error, 20 groups, wait_hours 24",
        haltOnError("enabled", 24),
        from,
        year,
        warmup,
        runs);
    bench(
        "halt-on-error, 20 groups, suspended (full year)",
        haltOnError("suspended", 0),
        from,
        year,
        warmup,
        runs);
    bench("time-based, 20 groups, 2h windows", timeBased(2, false), from, year, warmup, runs);
    bench(
        "time-based, 20 groups covering 24h (full year)",
        timeBased(5, true),
        from,
        year,
        warmup,
        runs);
  }

  @SuppressWarnings("unchecked")
  static Sources haltOnError(String mode, int wait) {
    List<Map<String, Object>> groups = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      groups.add(
          group("g" + i, "Mon,Tue,Wed,Thu,Fri", 6 + i % 12, i == 0 ? 0 : wait, i % 5 == 0 ? 2 : 0));
    }
    return sources(config(mode, "halt-on-error", null, groups.toArray(new Map[0])), version());
  }

  @SuppressWarnings("unchecked")
  static Sources timeBased(int hours, boolean everyHour) {
    List<Map<String, Object>> groups = new ArrayList<>();
    String[] days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (int i = 0; i < 20; i++) {
      groups.add(
          everyHour
              ? group("g" + i, "*", i)
              : group("g" + i, days[i % 7] + "," + days[(i + 3) % 7], i % 24));
    }
    return sources(
        config("enabled", "time-based", hours + "h", groups.toArray(new Map[0])), version());
  }

  static void bench(String name, Sources s, Instant from, Duration horizon, int warmup, int runs) {
    var input =
        RolloutSimulator.Input.of(
            s, from, horizon, new AgentModel(10, Map.of("g19", 120), Duration.ofMinutes(10), true));
    Simulation last = null;
    for (int i = 0; i < warmup; i++) {
      last = RolloutSimulator.simulate(input);
    }
    double[] ms = new double[runs];
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      last = RolloutSimulator.simulate(input);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    double cpuMean = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / runs;
    Arrays.sort(ms);
    double mean = Arrays.stream(ms).average().orElse(0);
    String simulated =
        last.completes() == null
            ? "horizon reached"
            : "completes after "
                + Duration.between(last.created(), last.completes()).toHours()
                + "h";
    System.out.printf(
        "%-48s %8.2f %8.2f %8.2f %8.2f %8.2f  %s%n",
        name, cpuMean, mean, ms[runs / 2], ms[(int) (runs * 0.99)], ms[runs - 1], simulated);
  }
}
