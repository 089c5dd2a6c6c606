package dev.lockstep.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Findings;
import dev.lockstep.health.Assessment;
import dev.lockstep.health.Decision;
import dev.lockstep.health.Outcome;
import dev.lockstep.health.Overall;
import dev.lockstep.health.Verdict;
import dev.lockstep.model.HaltAction;
import dev.lockstep.notify.Notifier;
import dev.lockstep.reconcile.StatusDocument;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live rollout as metrics: each row feeds the runs to a {@link RolloutMetrics} on a {@link
 * SimpleMeterRegistry} and compares every series of the rollout families after the last run.
 */
class RolloutMetricsTest {
  static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

  /** One run: the status it computed and the checks' assessment. */
  record Run(Optional<StatusDocument> status, Optional<Assessment> assessment) {}

  /** A named row: the runs in order and the series expected after the last. */
  record Case(String name, List<Run> runs, List<String> series) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    StatusDocument.Group devDone = group("dev", "done", 10, 10, 10);
    StatusDocument.Group stagingActive = group("staging", "active", 20, 18, 9);
    StatusDocument.Group prodWaiting = group("prod", "unstarted", 0, 0, 0);
    return Stream.of(
        new Case(
            "a rollout in progress: states, counts, ratio; no check failing, no halt",
            List.of(run(status(List.of(devDone, stagingActive, prodWaiting), false), passing())),
            List.of(
                "lockstep.health.check.failing{check=stalled,cluster=prod,group=dev} 0",
                "lockstep.health.check.failing{check=stalled,cluster=prod,group=staging} 0",
                "lockstep.rollout.group.agents{cluster=prod,group=dev,kind=initial} 10",
                "lockstep.rollout.group.agents{cluster=prod,group=dev,kind=present} 10",
                "lockstep.rollout.group.agents{cluster=prod,group=dev,kind=up_to_date} 10",
                "lockstep.rollout.group.agents{cluster=prod,group=prod,kind=initial} 0",
                "lockstep.rollout.group.agents{cluster=prod,group=prod,kind=present} 0",
                "lockstep.rollout.group.agents{cluster=prod,group=prod,kind=up_to_date} 0",
                "lockstep.rollout.group.agents{cluster=prod,group=staging,kind=initial} 20",
                "lockstep.rollout.group.agents{cluster=prod,group=staging,kind=present} 18",
                "lockstep.rollout.group.agents{cluster=prod,group=staging,kind=up_to_date} 9",
                "lockstep.rollout.group.state{cluster=prod,group=dev,state=active} 0",
                "lockstep.rollout.group.state{cluster=prod,group=dev,state=canary} 0",
                "lockstep.rollout.group.state{cluster=prod,group=dev,state=done} 1",
                "lockstep.rollout.group.state{cluster=prod,group=dev,state=rolledback} 0",
                "lockstep.rollout.group.state{cluster=prod,group=dev,state=unstarted} 0",
                "lockstep.rollout.group.state{cluster=prod,group=prod,state=active} 0",
                "lockstep.rollout.group.state{cluster=prod,group=prod,state=canary} 0",
                "lockstep.rollout.group.state{cluster=prod,group=prod,state=done} 0",
                "lockstep.rollout.group.state{cluster=prod,group=prod,state=rolledback} 0",
                "lockstep.rollout.group.state{cluster=prod,group=prod,state=unstarted} 1",
                "lockstep.rollout.group.state{cluster=prod,group=staging,state=active} 1",
                "lockstep.rollout.group.state{cluster=prod,group=staging,state=canary} 0",
                "lockstep.rollout.group.state{cluster=prod,group=staging,state=done} 0",
                "lockstep.rollout.group.state{cluster=prod,group=staging,state=rolledback} 0",
                "lockstep.rollout.group.state{cluster=prod,group=staging,state=unstarted} 0",
                "lockstep.rollout.group.up.to.date.ratio{cluster=prod,group=dev} 1",
                "lockstep.rollout.group.up.to.date.ratio{cluster=prod,group=staging} 0.5",
                "lockstep.rollout.halted{cluster=prod} 0")),
        new Case(
            "a group gone with a new rollout leaves no series; a new one appears",
            List.of(
                run(status(List.of(devDone, stagingActive), false), passing()),
                run(status(List.of(group("edge", "canary", 3, 3, 1)), false), Optional.empty())),
            lines(
                groupSeries("edge", "canary", 3, 3, 1, "0.333"),
                List.of("lockstep.rollout.halted{cluster=prod} 0"))),
        new Case(
            "a halt after a healthy run: the failing check turns 1, halted turns 1",
            List.of(
                run(status(List.of(devDone, stagingActive), false), passing()),
                run(
                    status(List.of(devDone, group("staging", "active", 20, 12, 2)), true),
                    Optional.of(
                        new Assessment(
                            AT,
                            List.of(
                                pass("attrition", "dev", "10/10 present"),
                                fail("attrition", "staging", "12/20 present")),
                            Overall.HALT,
                            List.of(
                                new Decision(
                                    "attrition",
                                    "staging",
                                    Decision.Kind.FAILING,
                                    HaltAction.SUSPEND,
                                    3,
                                    "12/20 present")))))),
            lines(
                List.of(
                    "lockstep.health.check.failing{check=attrition,cluster=prod,group=dev} 0",
                    "lockstep.health.check.failing{check=attrition,cluster=prod,group=staging} 1",
                    "lockstep.rollout.halted{cluster=prod} 1"),
                groupSeries("dev", "done", 10, 10, 10, "1"),
                groupSeries("staging", "active", 20, 12, 2, "0.167"))),
        new Case(
            "no status: every rollout series goes",
            List.of(
                run(status(List.of(devDone), true), passing()),
                new Run(Optional.empty(), Optional.empty())),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void seriesAfterTheLastRun(Case c) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RolloutMetrics metrics = new RolloutMetrics(registry);
    c.runs().forEach(r -> metrics.update(r.status(), r.assessment()));
    assertThat(series(registry, "lockstep.rollout.", "lockstep.health."))
        .containsExactlyElementsOf(new TreeSet<>(c.series()));
  }

  @Test
  void notificationCountsAreReadAtEachScrape() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicReference<Map<String, Notifier.Counts>> counts =
        new AtomicReference<>(Map.of("hook", new Notifier.Counts(0, 0, 0, 0)));
    RolloutMetrics metrics = new RolloutMetrics(registry);
    metrics.notifications(counts::get);
    // a counter reads its object through a weak reference: the supplier must outlive a collection
    System.gc();
    counts.set(Map.of("hook", new Notifier.Counts(4, 2, 1, 7)));
    assertThat(series(registry, "lockstep.notify."))
        .containsExactly(
            "lockstep.notify.events{outcome=delivered,sink=hook} 4",
            "lockstep.notify.events{outcome=dropped,sink=hook} 1",
            "lockstep.notify.events{outcome=failed,sink=hook} 2");
  }

  private static TreeSet<String> series(SimpleMeterRegistry registry, String... prefixes) {
    TreeSet<String> out = new TreeSet<>();
    for (Meter m : registry.getMeters()) {
      String name = m.getId().getName();
      if (Stream.of(prefixes).noneMatch(name::startsWith)) {
        continue;
      }
      String tags =
          m.getId().getTags().stream()
              .map(t -> t.getKey() + "=" + t.getValue())
              .collect(Collectors.joining(","));
      double v = m.measure().iterator().next().getValue();
      out.add(name + "{" + tags + "} " + number(v));
    }
    return out;
  }

  private static String number(double v) {
    if (v == Math.rint(v)) {
      return String.valueOf((long) v);
    }
    return String.format(java.util.Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
  }

  @SafeVarargs
  private static List<String> lines(List<String>... parts) {
    return Stream.of(parts).flatMap(List::stream).toList();
  }

  /** The series of one group of cluster prod, written out as the first row spells them. */
  private static List<String> groupSeries(
      String name, String state, long initial, long present, long upToDate, String ratio) {
    String g = "cluster=prod,group=" + name;
    List<String> out = new java.util.ArrayList<>();
    for (String s : RolloutMetrics.GROUP_STATES) {
      out.add(
          "lockstep.rollout.group.state{" + g + ",state=" + s + "} " + (s.equals(state) ? 1 : 0));
    }
    out.add("lockstep.rollout.group.agents{" + g + ",kind=initial} " + initial);
    out.add("lockstep.rollout.group.agents{" + g + ",kind=present} " + present);
    out.add("lockstep.rollout.group.agents{" + g + ",kind=up_to_date} " + upToDate);
    out.add("lockstep.rollout.group.up.to.date.ratio{" + g + "} " + ratio);
    return out;
  }

  private static Run run(StatusDocument status, Optional<Assessment> assessment) {
    return new Run(Optional.of(status), assessment);
  }

  private static Optional<Assessment> passing() {
    return Optional.of(
        new Assessment(
            AT,
            List.of(pass("stalled", "dev", "done"), pass("stalled", "staging", "+4")),
            Overall.HEALTHY,
            List.of()));
  }

  private static Verdict pass(String check, String group, String evidence) {
    return new Verdict(check, group, Outcome.PASS, false, evidence);
  }

  private static Verdict fail(String check, String group, String evidence) {
    return new Verdict(check, group, Outcome.FAIL, false, evidence);
  }

  private static StatusDocument.Group group(
      String name, String state, long initial, long present, long upToDate) {
    return new StatusDocument.Group(name, state, "", Optional.empty(), initial, present, upToDate);
  }

  private static StatusDocument status(List<StatusDocument.Group> groups, boolean halted) {
    return new StatusDocument(
        "prod",
        AT,
        new StatusDocument.Source(
            "https://git.example/repo.git",
            "main",
            "",
            new StatusDocument.Signature("none", false, "", "", "")),
        List.of(),
        List.of(),
        Findings.NONE,
        Optional.of(
            new StatusDocument.Rollout(
                "active", "17.4.8", "17.5.2", "halt-on-error", Optional.of(AT), groups)),
        List.of(),
        List.of(),
        dev.lockstep.observe.SampleHistory.EMPTY,
        halted
            ? Optional.of(
                new StatusDocument.Halt(
                    "prod/tctl@2026-11-20T10:00:00Z",
                    "attrition",
                    "staging",
                    "12/20 present",
                    "committed",
                    Optional.of("abc"),
                    "halted",
                    AT,
                    false))
            : Optional.empty());
  }
}
