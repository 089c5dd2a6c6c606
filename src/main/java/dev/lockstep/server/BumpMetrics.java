package dev.lockstep.server;

import dev.lockstep.bump.BumpService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics of the scheduled bump (names as Prometheus shows them): {@code
 * lockstep_bump_runs_total{result}} (ok or failed), {@code
 * lockstep_bump_last_run_timestamp_seconds} (when the last run started, Unix time), {@code
 * lockstep_bump_result{cluster,result}} (1 for each cluster's last result: proposed, up-to-date,
 * blocked or failed) and {@code lockstep_bump_proposals_opened_total} (pull requests or branches
 * created).
 */
@ApplicationScoped
public class BumpMetrics {
  @Inject MeterRegistry registry;

  private final AtomicLong lastRun = new AtomicLong();
  private final Map<String, BumpService.Result> results = new ConcurrentHashMap<>();
  private volatile boolean registered;

  private synchronized void register() {
    if (registered) {
      return;
    }
    Gauge.builder("lockstep.bump.last.run.timestamp", lastRun, AtomicLong::get)
        .description("When the last scheduled bump started (Unix time)")
        .baseUnit("seconds")
        .register(registry);
    registered = true;
  }

  /** Records a finished run (one that timed out included, as failed). */
  public void record(BumpService.Run run) {
    register();
    lastRun.set(run.at().getEpochSecond());
    Counter.builder("lockstep.bump.runs")
        .description("Scheduled bump runs by result")
        .tags("result", run.ok() ? "ok" : "failed")
        .register(registry)
        .increment();
    Counter.builder("lockstep.bump.proposals.opened")
        .description("Bump pull requests (or branches) created")
        .register(registry)
        .increment(run.opened());
    for (BumpService.ClusterResult c : run.clusters()) {
      if (results.put(c.cluster(), c.result()) != null) {
        continue;
      }
      String cluster = c.cluster();
      for (BumpService.Result r : BumpService.Result.values()) {
        Gauge.builder("lockstep.bump.result", () -> results.get(cluster) == r ? 1 : 0)
            .description("Each cluster's last bump result (1 for the result it had)")
            .tags(Tags.of("cluster", cluster, "result", r.label()))
            .register(registry);
      }
    }
  }
}
