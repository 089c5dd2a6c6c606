package dev.lockstep.server;

import dev.lockstep.finding.Severity;
import dev.lockstep.notify.Notifier;
import dev.lockstep.plan.Plan;
import dev.lockstep.reconcile.ReconcileReport;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.TimelineEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Prometheus metrics of the loop (names as Prometheus shows them): {@code
 * lockstep_reconcile_seconds{result}}, {@code lockstep_reconcile_total{result}}, {@code
 * lockstep_applied_revision_info{revision}}, {@code lockstep_drift_corrections_total}, {@code
 * lockstep_findings{severity}}, {@code lockstep_git_fetch_seconds}, {@code
 * lockstep_source_rewrites_total} (force pushes of the followed ref), {@code
 * lockstep_plan_group_state{group,state}} (1 for the group's planned state now), {@code
 * lockstep_rollout_group_start_minutes{group}} (minutes until the group starts; 0 once started, -1
 * when not within the plan's horizon) and the live rollout's series of {@link RolloutMetrics}.
 */
@ApplicationScoped
public class ServeMetrics {
  @Inject MeterRegistry registry;

  private final Clock clock = Clock.systemUTC();
  private final Map<Severity, AtomicLong> findings = new ConcurrentHashMap<>();
  private final AtomicReference<String> revision = new AtomicReference<>("");
  private final AtomicReference<Plan> plan = new AtomicReference<>();
  private final Map<String, Boolean> groupsRegistered = new ConcurrentHashMap<>();
  private volatile boolean registered;
  private RolloutMetrics rollout;

  private synchronized void register() {
    if (registered) {
      return;
    }
    rollout = new RolloutMetrics(registry);
    for (Severity s : Severity.values()) {
      AtomicLong n = findings.computeIfAbsent(s, k -> new AtomicLong());
      Gauge.builder("lockstep.findings", n, AtomicLong::get)
          .description("Findings of the last revision read, by severity")
          .tags("severity", s.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    registered = true;
  }

  /**
   * Records a finished run and the live rollout of the status it computed.
   *
   * @param report what the run did
   * @param status the status of the run (cluster, live rollout, halt), if it computed one
   */
  public void record(ReconcileReport report, Optional<StatusDocument> status) {
    register();
    rollout.update(status, report.assessment());
    String result = report.result().label();
    Counter.builder("lockstep.reconcile")
        .description("Reconcile runs by result")
        .tags("result", result)
        .register(registry)
        .increment();
    Timer.builder("lockstep.git.fetch")
        .description("Duration of the Git fetch of each run")
        .register(registry)
        .record(report.fetch());
    if (report.rewritten().isPresent()) {
      Counter.builder("lockstep.source.rewrites")
          .description("History rewrites (force pushes) of the followed ref")
          .register(registry)
          .increment();
    }
    if (report.result() == ReconcileReport.Result.DRIFT_CORRECTED) {
      Counter.builder("lockstep.drift.corrections")
          .description("Live drift re-applied")
          .register(registry)
          .increment(report.drift().size());
    }
    report
        .findings()
        .countBySeverity()
        .forEach((s, n) -> findings.computeIfAbsent(s, k -> new AtomicLong()).set(n));
    for (Severity s : Severity.values()) {
      if (!report.findings().countBySeverity().containsKey(s)) {
        findings.get(s).set(0);
      }
    }
    if (report.ok() && !report.revision().isEmpty() && !report.revision().equals(revision.get())) {
      String old = revision.getAndSet(report.revision());
      if (!old.isEmpty()) {
        registry
            .find("lockstep.applied.revision.info")
            .tags("revision", old)
            .meters()
            .forEach(registry::remove);
      }
      Gauge.builder("lockstep.applied.revision.info", () -> 1)
          .description("The revision in force (value 1)")
          .tags("revision", report.revision())
          .register(registry);
    }
    report.plan().ifPresent(this::plan);
  }

  /** Counts the notifications of each sink {@code counts} names, read at each scrape. */
  void notifications(Supplier<Map<String, Notifier.Counts>> counts) {
    register();
    rollout.notifications(counts);
  }

  /** Records the duration of a run. */
  public void duration(ReconcileReport report, Duration took) {
    Timer.builder("lockstep.reconcile.duration")
        .description("Duration of reconcile runs")
        .tags("result", report.result().label())
        .register(registry)
        .record(took);
  }

  private void plan(Plan p) {
    plan.set(p);
    for (GroupTimeline g : p.groups()) {
      if (groupsRegistered.putIfAbsent(g.name(), true) != null) {
        continue;
      }
      String name = g.name();
      for (GroupState s : GroupState.values()) {
        Gauge.builder("lockstep.plan.group.state", () -> stateNow(name) == s ? 1 : 0)
            .description("Planned state of each rollout group now (1 for the current state)")
            .tags(Tags.of("group", name, "state", s.name().toLowerCase(java.util.Locale.ROOT)))
            .register(registry);
      }
      Gauge.builder("lockstep.rollout.group.start.minutes", () -> minutesToStart(name))
          .description(
              "Minutes until the group starts (0 once started, -1 when beyond the plan horizon)")
          .tags("group", name)
          .register(registry);
    }
  }

  private GroupTimeline group(String name) {
    Plan p = plan.get();
    return p == null
        ? null
        : p.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
  }

  private GroupState stateNow(String name) {
    GroupTimeline g = group(name);
    if (g == null) {
      return null;
    }
    Instant now = clock.instant();
    GroupState state = null;
    for (TimelineEvent e : g.events()) {
      if (!e.at().isAfter(now)) {
        state = e.state();
      }
    }
    return state == null ? GroupState.UNSTARTED : state;
  }

  private double minutesToStart(String name) {
    GroupTimeline g = group(name);
    if (g == null || g.start() == null) {
      return -1;
    }
    long minutes = Duration.between(clock.instant(), g.start()).toMinutes();
    return Math.max(0, minutes);
  }
}
