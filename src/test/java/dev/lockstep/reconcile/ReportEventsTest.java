package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.health.Assessment;
import dev.lockstep.health.Decision;
import dev.lockstep.health.Overall;
import dev.lockstep.model.HaltAction;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.notify.Event;
import dev.lockstep.notify.EventKind;
import dev.lockstep.reconcile.ReconcileReport.Result;
import dev.lockstep.reconcile.StatusDocument.Group;
import dev.lockstep.reconcile.StatusDocument.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The events of one run given the one before: a row per situation, named by what it shows. */
public class ReportEventsTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

  /** The source commit of {@link #status}. */
  public static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

  private static ReconcileReport report(
      Result result, String revision, Findings findings, List<String> changes, List<String> drift) {
    return new ReconcileReport(
        AT,
        revision,
        result,
        result.name(),
        "",
        findings,
        Optional.empty(),
        changes,
        drift,
        Optional.empty(),
        Duration.ZERO,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * An unchanged run whose assessment asks for {@code decisions} and which records {@code halt}.
   */
  private static ReconcileReport watched(
      Optional<StatusDocument.Halt> halt, Decision... decisions) {
    ReconcileReport r = report(Result.UNCHANGED);
    return new ReconcileReport(
        r.at(),
        r.revision(),
        r.result(),
        r.reason(),
        r.message(),
        r.findings(),
        r.plan(),
        r.changes(),
        r.drift(),
        r.retryAfter(),
        r.fetch(),
        r.statusCommit(),
        r.rewritten(),
        Optional.of(new Assessment(AT, List.of(), Overall.HALT, List.of(decisions))),
        halt);
  }

  private static Decision failing(String check, String group, int streak) {
    return new Decision(
        check, group, Decision.Kind.FAILING, HaltAction.SUSPEND, streak, "2 of 2 canaries absent");
  }

  private static Decision blind(int streak) {
    return new Decision(
        "canary_timeout", "", Decision.Kind.BLIND, HaltAction.NOTIFY, streak, "reports expired");
  }

  private static StatusDocument.Halt halt(String key) {
    return new StatusDocument.Halt(
        key,
        "canary_timeout",
        "dev",
        "2 of 2 canaries absent",
        "committed",
        Optional.of("abcdef0123456789"),
        "halted through Git",
        AT,
        true);
  }

  private static ReconcileReport report(Result result) {
    return report(result, "main@1a2b3c4d", Findings.NONE, List.of(), List.of());
  }

  private static Finding error(String file, int line, String rule) {
    return new Finding(
        Severity.ERROR, rule, "bad " + rule, new SourceLocation(file, line, 3), "spec.x");
  }

  private static Findings refusedFindings() {
    return Findings.of(
        error("clusters/prod/cluster.yaml", 12, "teleport/b"),
        new Finding(
            Severity.WARNING,
            "lockstep/w",
            "only a warning",
            new SourceLocation("clusters/prod/cluster.yaml", 1, 1),
            ""),
        error("clusters/prod/cluster.yaml", 4, "teleport/a"));
  }

  /** A status of cluster prod at {@link #COMMIT} with this live rollout. */
  public static StatusDocument status(Optional<Rollout> rollout) {
    return new StatusDocument(
        "prod",
        AT,
        new StatusDocument.Source(
            "https://git.example.com/fleet.git",
            "main",
            COMMIT,
            new StatusDocument.Signature("none", false, "", "", "")),
        List.of(),
        List.of(),
        Findings.NONE,
        rollout,
        List.of(),
        List.of());
  }

  private static Rollout rollout(String state, String... groupStates) {
    List<Group> groups =
        Stream.iterate(0, i -> i + 1)
            .limit(groupStates.length)
            .map(i -> new Group("g" + i, groupStates[i], "", Optional.of(START), 10, 10, i * 3L))
            .toList();
    return new Rollout(state, "17.1.0", "17.2.0", "halt-on-error", Optional.of(START), groups);
  }

  private static ReportEvents.Run run(ReconcileReport r, Rollout rollout) {
    return new ReportEvents.Run(r, Optional.of(status(Optional.ofNullable(rollout))));
  }

  private static ReportEvents.Run run(ReconcileReport r) {
    return run(r, null);
  }

  private static Arguments row(
      String name, ReportEvents.Run previous, ReportEvents.Run current, EventKind... expected) {
    return Arguments.of(Named.named(name, Optional.ofNullable(previous)), current, expected);
  }

  static Stream<Arguments> rows() {
    ReconcileReport refused =
        report(Result.STALLED, "main@1a2b3c4d", refusedFindings(), List.of(), List.of());
    ReconcileReport refusedOther =
        report(Result.STALLED, "main@99999999", refusedFindings(), List.of(), List.of());
    ReconcileReport applied =
        report(
            Result.APPLIED,
            "main@1a2b3c4d",
            Findings.NONE,
            List.of("update autoupdate_version/autoupdate-version"),
            List.of());
    ReconcileReport drift =
        report(
            Result.DRIFT_CORRECTED,
            "main@1a2b3c4d",
            Findings.NONE,
            List.of(),
            List.of("autoupdate_config: spec.agents.mode"));
    ReconcileReport unchanged = report(Result.UNCHANGED);
    return Stream.of(
        row("nothing happened", run(unchanged), run(unchanged)),
        row("a refused revision", run(unchanged), run(refused), EventKind.REVISION_REFUSED),
        row("a refused revision on the first run", null, run(refused), EventKind.REVISION_REFUSED),
        row("the same refused revision again: told once", run(refused), run(refused)),
        row(
            "another refused revision: told again",
            run(refused),
            run(refusedOther),
            EventKind.REVISION_REFUSED),
        row(
            "stalled without error findings is no refusal (a cluster rule, an unreadable file)",
            run(unchanged),
            run(report(Result.STALLED))),
        row("a transient failure tells nobody", run(unchanged), run(report(Result.TRANSIENT))),
        row("applied", run(refused), run(applied), EventKind.APPLIED),
        row("drift corrected", run(unchanged), run(drift), EventKind.DRIFT_CORRECTED),
        row(
            "drift detected but left (self-heal off) is no correction",
            run(unchanged),
            run(report(Result.DRIFT_DETECTED))),
        row(
            "a rollout becomes active",
            run(unchanged, rollout("unstarted", "unstarted", "unstarted")),
            run(unchanged, rollout("active", "active", "unstarted")),
            EventKind.ROLLOUT_STARTED),
        row(
            "a new rollout seen already active",
            run(unchanged),
            run(unchanged, rollout("active", "canary", "unstarted")),
            EventKind.ROLLOUT_STARTED),
        row(
            "after a restart an active rollout is not announced again",
            null,
            run(unchanged, rollout("active", "active", "unstarted"))),
        row(
            "still active: nothing",
            run(unchanged, rollout("active", "active", "unstarted")),
            run(unchanged, rollout("active", "active", "unstarted"))),
        row(
            "a group done",
            run(unchanged, rollout("active", "active", "unstarted")),
            run(unchanged, rollout("active", "done", "active")),
            EventKind.GROUP_DONE),
        row(
            "the last group done: group and rollout done, in that order",
            run(unchanged, rollout("active", "done", "active")),
            run(unchanged, rollout("done", "done", "done")),
            EventKind.GROUP_DONE,
            EventKind.ROLLOUT_DONE),
        row(
            "a new target version replaces the rollout: started, not done",
            run(unchanged, rollout("done", "done", "done")),
            run(
                unchanged,
                new Rollout(
                    "active",
                    "17.2.0",
                    "17.3.0",
                    "halt-on-error",
                    Optional.of(START.plusSeconds(7200)),
                    List.of(
                        new Group("g0", "active", "", Optional.empty(), 10, 10, 0),
                        new Group("g1", "unstarted", "", Optional.empty(), 10, 10, 0)))),
            EventKind.ROLLOUT_STARTED),
        row(
            "applied while the rollout moves: the write first",
            run(unchanged, rollout("active", "active", "unstarted")),
            run(applied, rollout("active", "done", "active")),
            EventKind.APPLIED,
            EventKind.GROUP_DONE),
        row(
            "a check reaches its failure limit",
            run(watched(Optional.empty())),
            run(watched(Optional.empty(), failing("canary_timeout", "dev", 3))),
            EventKind.CHECK_FAILING),
        row(
            "the same check still failing: told once",
            run(watched(Optional.empty(), failing("canary_timeout", "dev", 3))),
            run(watched(Optional.empty(), failing("canary_timeout", "dev", 4)))),
        row(
            "another group failing the same check is news",
            run(watched(Optional.empty(), failing("stalled", "dev", 3))),
            run(
                watched(
                    Optional.empty(), failing("stalled", "dev", 4), failing("stalled", "prod", 3))),
            EventKind.CHECK_FAILING),
        row(
            "blind: data missing for the limit",
            run(unchanged),
            run(watched(Optional.empty(), blind(3))),
            EventKind.BLIND),
        row(
            "the failing check halts in the same run: failing, then halted",
            run(watched(Optional.empty())),
            run(watched(Optional.of(halt("prod/17.2.0@1")), failing("canary_timeout", "dev", 3))),
            EventKind.CHECK_FAILING,
            EventKind.HALTED),
        row(
            "a halt that stands is not told again",
            run(watched(Optional.of(halt("prod/17.2.0@1")), failing("canary_timeout", "dev", 3))),
            run(watched(Optional.of(halt("prod/17.2.0@1")), failing("canary_timeout", "dev", 4)))),
        row(
            "a halt of the next rollout is news",
            run(watched(Optional.of(halt("prod/17.2.0@1")))),
            run(watched(Optional.of(halt("prod/17.3.0@2")))),
            EventKind.HALTED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eventsOfARun(
      Optional<ReportEvents.Run> previous, ReportEvents.Run current, EventKind[] expected) {
    List<Event> events = ReportEvents.between("fallback", previous, current);
    assertThat(events).extracting(Event::kind).containsExactly(expected);
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.cluster()).isEqualTo("prod");
              assertThat(e.revision()).contains(COMMIT);
              assertThat(e.at()).isEqualTo(AT);
            });
  }

  @Test
  void aRefusedRevisionNamesTheFileAndLineOfItsFirstErrors() {
    ReconcileReport refused =
        report(Result.STALLED, "main@1a2b3c4d", refusedFindings(), List.of(), List.of());
    Event e =
        ReportEvents.between(
                "prod", Optional.empty(), new ReportEvents.Run(refused, Optional.empty()))
            .get(0);
    assertThat(e.summary())
        .isEqualTo("main@1a2b3c4d refused: 2 error(s), first at clusters/prod/cluster.yaml:4:3");
    assertThat(e.facts())
        .containsExactly(
            new Event.Fact("revision", "main@1a2b3c4d"),
            new Event.Fact("clusters/prod/cluster.yaml:4:3", "[teleport/a] bad teleport/a"),
            new Event.Fact("clusters/prod/cluster.yaml:12:3", "[teleport/b] bad teleport/b"));
    assertThat(e.cluster()).as("no status: the cluster given").isEqualTo("prod");
    assertThat(e.revision()).as("no status: no commit to set a status on").isEmpty();
  }

  @Test
  void rolloutEventsAreThreadedByTheRolloutsTargetAndStartTime() {
    List<Event> events =
        ReportEvents.between(
            "prod",
            Optional.of(run(report(Result.UNCHANGED), rollout("active", "active", "unstarted"))),
            run(report(Result.UNCHANGED), rollout("active", "done", "active")));
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.rollout()).contains(new Event.Rollout("17.2.0", START));
              assertThat(e.summary()).isEqualTo("group g0 is on 17.2.0");
              assertThat(e.facts()).contains(new Event.Fact("up to date", "0 of 10"));
            });
  }

  @Test
  void aNewFamilyOfEventsIsOneMoreRule() {
    ReportEvents.Rule halted =
        (cluster, previous, current) ->
            List.of(Event.of(EventKind.HALTED, cluster, "halted", List.of(), AT));
    List<ReportEvents.Rule> rules =
        Stream.concat(ReportEvents.RULES.stream(), Stream.of(halted)).toList();
    assertThat(
            ReportEvents.between(rules, "prod", Optional.empty(), run(report(Result.APPLIED)))
                .stream()
                .map(Event::kind))
        .containsExactly(EventKind.APPLIED, EventKind.HALTED);
  }
}
