package dev.lockstep.server;

import dev.lockstep.health.Assessment;
import dev.lockstep.health.Decision;
import dev.lockstep.health.Verdict;
import dev.lockstep.notify.Notifier;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.rollout.GroupState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The live rollout as Prometheus gauges, from the status of the last run: {@code
 * lockstep_rollout_group_state{cluster,group,state}} (one series per group and Teleport group
 * state, 1 for the state the group is in, 0 for the others), {@code
 * lockstep_rollout_group_agents{cluster,group,kind}} ({@code initial}, {@code present}, {@code
 * up_to_date}), {@code lockstep_rollout_group_up_to_date_ratio{cluster,group}} (up-to-date over
 * present, the ratio Teleport's halt-on-error strategy compares with 0.9; no series while no agent
 * is present), {@code lockstep_rollout_halted{cluster}} (1 while the status records Lockstep's halt
 * of the current rollout) and {@code lockstep_health_check_failing{cluster,check,group}} (1 while a
 * check has failed {@code failure_limit} samples in a row, 0 for every other check and group
 * judged). Every run replaces the series: a group, check or cluster that is gone leaves none
 * behind. Also {@code lockstep_notify_events_total{sink,outcome}} from the notifier's counts.
 * Called from the reconcile thread only.
 */
final class RolloutMetrics {
  /**
   * Teleport's group states (teleport-semantics §5.1) as tctl names them, each a series of every
   * group; "unspecified" only when a group reports it.
   */
  static final List<String> GROUP_STATES =
      Arrays.stream(GroupState.values())
          .filter(s -> s != GroupState.UNSPECIFIED)
          .map(GroupState::label)
          .toList();

  private final MeterRegistry registry;
  private final MultiGauge state;
  private final MultiGauge agents;
  private final MultiGauge ratio;
  private final MultiGauge halted;
  private final MultiGauge failing;
  // the meters hold what they read weakly: without this the supplier is collected and the counts
  // freeze
  private final List<Supplier<Map<String, Notifier.Counts>>> notifierCounts = new ArrayList<>();

  RolloutMetrics(MeterRegistry registry) {
    this.registry = registry;
    state =
        gauge(
            "lockstep.rollout.group.state",
            "Observed state of each rollout group (1 for the state it is in)");
    agents =
        gauge(
            "lockstep.rollout.group.agents",
            "Agents of each rollout group: initial, present, up_to_date");
    ratio =
        gauge(
            "lockstep.rollout.group.up.to.date.ratio",
            "Up-to-date agents over present agents of each rollout group");
    halted =
        gauge("lockstep.rollout.halted", "1 while Lockstep's halt of the current rollout stands");
    failing =
        gauge(
            "lockstep.health.check.failing",
            "1 while a health check fails failure_limit samples in a row");
  }

  private MultiGauge gauge(String name, String description) {
    return MultiGauge.builder(name).description(description).register(registry);
  }

  /**
   * Replaces the rollout series with those of this run.
   *
   * @param status the status the run computed (cluster, live rollout, halt); none clears them
   * @param assessment the health checks' verdicts of the run, when there were samples
   */
  void update(Optional<StatusDocument> status, Optional<Assessment> assessment) {
    List<MultiGauge.Row<?>> states = new ArrayList<>();
    List<MultiGauge.Row<?>> counts = new ArrayList<>();
    List<MultiGauge.Row<?>> ratios = new ArrayList<>();
    List<MultiGauge.Row<?>> halts = new ArrayList<>();
    List<MultiGauge.Row<?>> checks = new ArrayList<>();
    status.ifPresent(
        doc -> {
          String cluster = doc.cluster();
          for (StatusDocument.Group g :
              doc.rollout().map(StatusDocument.Rollout::groups).orElse(List.of())) {
            Tags group = Tags.of("cluster", cluster, "group", g.name());
            Set<String> known = new LinkedHashSet<>(GROUP_STATES);
            known.add(g.state());
            for (String s : known) {
              states.add(MultiGauge.Row.of(group.and("state", s), s.equals(g.state()) ? 1 : 0));
            }
            counts.add(MultiGauge.Row.of(group.and("kind", "initial"), g.initialCount()));
            counts.add(MultiGauge.Row.of(group.and("kind", "present"), g.presentCount()));
            counts.add(MultiGauge.Row.of(group.and("kind", "up_to_date"), g.upToDateCount()));
            if (g.presentCount() > 0) {
              ratios.add(MultiGauge.Row.of(group, (double) g.upToDateCount() / g.presentCount()));
            }
          }
          halts.add(MultiGauge.Row.of(Tags.of("cluster", cluster), doc.halt().isPresent() ? 1 : 0));
          assessment.ifPresent(a -> checks.addAll(failing(cluster, a)));
        });
    state.register(states, true);
    agents.register(counts, true);
    ratio.register(ratios, true);
    halted.register(halts, true);
    failing.register(checks, true);
  }

  private static List<MultiGauge.Row<?>> failing(String cluster, Assessment a) {
    Map<List<String>, Integer> byCheckAndGroup = new LinkedHashMap<>();
    for (Verdict v : a.verdicts()) {
      byCheckAndGroup.putIfAbsent(List.of(v.check(), v.group()), 0);
    }
    for (Decision d : a.decisions()) {
      if (d.kind() == Decision.Kind.FAILING) {
        byCheckAndGroup.put(List.of(d.check(), d.group()), 1);
      }
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    byCheckAndGroup.forEach(
        (k, v) ->
            rows.add(
                MultiGauge.Row.of(
                    Tags.of("cluster", cluster, "check", k.get(0), "group", k.get(1)), v)));
    return rows;
  }

  /**
   * Counts what each sink did: {@code lockstep_notify_events_total{sink,outcome}} with outcome
   * {@code delivered}, {@code failed} or {@code dropped}, read from {@code counts} at each scrape.
   * The sinks are those {@code counts} names now (they are fixed for the life of serve).
   */
  void notifications(Supplier<Map<String, Notifier.Counts>> counts) {
    Map<String, ToDoubleFunction<Notifier.Counts>> outcomes = new LinkedHashMap<>();
    outcomes.put("delivered", Notifier.Counts::delivered);
    outcomes.put("failed", Notifier.Counts::failed);
    outcomes.put("dropped", Notifier.Counts::dropped);
    notifierCounts.add(counts);
    for (String sink : counts.get().keySet()) {
      outcomes.forEach(
          (outcome, read) ->
              FunctionCounter.builder(
                      "lockstep.notify.events",
                      counts,
                      c -> {
                        Notifier.Counts n = c.get().get(sink);
                        return n == null ? 0 : read.applyAsDouble(n);
                      })
                  .description("Notification events by sink and outcome")
                  .tags("sink", sink, "outcome", outcome)
                  .register(registry));
    }
  }
}
