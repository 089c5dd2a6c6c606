package dev.lockstep.reconcile;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Severity;
import dev.lockstep.health.Assessment;
import dev.lockstep.health.Decision;
import dev.lockstep.notify.Event;
import dev.lockstep.notify.EventKind;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.RolloutState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The notification events one reconcile run gives, from that run and the one before it: a refused
 * revision (once per revision, naming the file and line of its first errors), an apply, a drift
 * correction, and the live rollout's moves (started, a group done, done). Pure: sends nothing,
 * reads nothing, keeps nothing; the caller keeps the previous run.
 *
 * <p>Each family of events is one {@link Rule}; {@link #RULES} lists them in the order their events
 * are returned. The health assessment's family (check failing, blind, halted) is told when it
 * begins: a decision or a halt the run before had already is not told again.
 */
public final class ReportEvents {
  private ReportEvents() {}

  /** How many error findings a refused revision's event names. */
  static final int MAX_FINDINGS = 3;

  /**
   * One run as notifications see it.
   *
   * @param report what the run did
   * @param status the status it computed, if any: the cluster's name, the source commit and the
   *     live rollout
   */
  public record Run(ReconcileReport report, Optional<StatusDocument> status) {
    public Run {
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(status, "status");
    }

    Optional<StatusDocument.Rollout> rollout() {
      return status.flatMap(StatusDocument::rollout);
    }
  }

  /** A family of events, from the run before (if any) and this run. */
  @FunctionalInterface
  public interface Rule {
    /** The events, in the order they happened; empty when none. */
    List<Event> events(String cluster, Optional<Run> previous, Run current);
  }

  /** Every rule, in the order its events are returned. */
  public static final List<Rule> RULES =
      List.of(
          ReportEvents::refused,
          ReportEvents::written,
          ReportEvents::rollout,
          ReportEvents::health);

  /**
   * The events of {@code current} under {@link #RULES}, each tagged with the source commit when the
   * status names one (commit statuses are set on it).
   *
   * @param cluster the cluster's name when the status does not carry one
   * @param previous the run before, empty for the first run since start-up (the rollout's moves
   *     need two observations, so none is reported then)
   */
  public static List<Event> between(String cluster, Optional<Run> previous, Run current) {
    return between(RULES, cluster, previous, current);
  }

  /** The events of {@code current} under {@code rules}. */
  public static List<Event> between(
      List<Rule> rules, String cluster, Optional<Run> previous, Run current) {
    String name = current.status().map(StatusDocument::cluster).orElse(cluster);
    Optional<String> commit =
        current.status().map(s -> s.source().commit()).filter(c -> !c.isEmpty());
    List<Event> out = new ArrayList<>();
    for (Rule rule : rules) {
      for (Event e : rule.events(name, previous, current)) {
        out.add(commit.map(e::onRevision).orElse(e));
      }
    }
    return List.copyOf(out);
  }

  /** A revision refused for its errors, once: not again while the same revision stays refused. */
  static List<Event> refused(String cluster, Optional<Run> previous, Run current) {
    ReconcileReport r = current.report();
    if (!refusedRevision(r)) {
      return List.of();
    }
    boolean already =
        previous
            .map(Run::report)
            .filter(p -> refusedRevision(p) && p.revision().equals(r.revision()))
            .isPresent();
    if (already) {
      return List.of();
    }
    List<Finding> errors =
        r.findings().stream().filter(f -> f.severity() == Severity.ERROR).sorted().toList();
    List<Event.Fact> facts = new ArrayList<>();
    facts.add(new Event.Fact("revision", r.revision()));
    for (Finding f : errors.subList(0, Math.min(MAX_FINDINGS, errors.size()))) {
      facts.add(new Event.Fact(f.location().toString(), "[" + f.rule() + "] " + f.message()));
    }
    if (errors.size() > MAX_FINDINGS) {
      facts.add(new Event.Fact("more", (errors.size() - MAX_FINDINGS) + " more error(s)"));
    }
    String first = errors.get(0).location().toString();
    return List.of(
        Event.of(
            EventKind.REVISION_REFUSED,
            cluster,
            r.revision() + " refused: " + errors.size() + " error(s), first at " + first,
            facts,
            r.at()));
  }

  private static boolean refusedRevision(ReconcileReport r) {
    return r.result() == ReconcileReport.Result.STALLED && r.findings().hasErrors();
  }

  /** What the run wrote: a revision applied, or live drift corrected. */
  static List<Event> written(String cluster, Optional<Run> previous, Run current) {
    ReconcileReport r = current.report();
    return switch (r.result()) {
      case APPLIED ->
          List.of(
              Event.of(
                  EventKind.APPLIED,
                  cluster,
                  r.revision() + " applied (" + count(r.changes().size(), "change") + ")",
                  lines("change", r.changes()),
                  r.at()));
      case DRIFT_CORRECTED ->
          List.of(
              Event.of(
                  EventKind.DRIFT_CORRECTED,
                  cluster,
                  "changes made on the cluster by hand were undone ("
                      + count(r.drift().size(), "resource")
                      + ")",
                  lines("drift", r.drift()),
                  r.at()));
      default -> List.of();
    };
  }

  /**
   * The live rollout's moves between two observations of the same rollout (same start and target
   * versions and start time): it started, a group finished, it finished. A rollout seen for the
   * first time counts as started when it is already active.
   */
  static List<Event> rollout(String cluster, Optional<Run> previous, Run current) {
    Optional<StatusDocument.Rollout> now = current.rollout();
    if (previous.isEmpty() || now.isEmpty()) {
      return List.of();
    }
    StatusDocument.Rollout r = now.get();
    Optional<StatusDocument.Rollout> before =
        previous.flatMap(Run::rollout).filter(b -> sameRollout(b, r));
    List<Event> out = new ArrayList<>();
    boolean wasActive = before.map(b -> !b.state().equals(UNSTARTED)).orElse(false);
    if (!wasActive && r.state().equals(ACTIVE)) {
      out.add(
          inRollout(
              Event.of(
                  EventKind.ROLLOUT_STARTED,
                  cluster,
                  "rollout from " + r.startVersion() + " to " + r.targetVersion() + " started",
                  List.of(
                      new Event.Fact("strategy", r.strategy()),
                      new Event.Fact("groups", String.valueOf(r.groups().size()))),
                  current.report().at()),
              r));
    }
    if (before.isEmpty()) {
      return List.copyOf(out);
    }
    for (StatusDocument.Group g : r.groups()) {
      boolean doneBefore =
          before.get().groups().stream()
              .anyMatch(b -> b.name().equals(g.name()) && b.state().equals(GROUP_DONE));
      if (g.state().equals(GROUP_DONE) && !doneBefore) {
        out.add(
            inRollout(
                Event.of(
                    EventKind.GROUP_DONE,
                    cluster,
                    "group " + g.name() + " is on " + r.targetVersion(),
                    List.of(
                        new Event.Fact("group", g.name()),
                        new Event.Fact("up to date", g.upToDateCount() + " of " + g.presentCount()),
                        new Event.Fact("initial", String.valueOf(g.initialCount()))),
                    current.report().at()),
                r));
      }
    }
    if (done(r) && !done(before.get())) {
      out.add(
          inRollout(
              Event.of(
                  EventKind.ROLLOUT_DONE,
                  cluster,
                  "every group is on " + r.targetVersion(),
                  List.of(new Event.Fact("groups", String.valueOf(r.groups().size()))),
                  current.report().at()),
              r));
    }
    return List.copyOf(out);
  }

  /**
   * The health checks' news: a check that now fails {@code failure_limit} samples in a row, checks
   * that became blind, and a halt of a rollout not halted before. Each is told once, when it
   * begins.
   */
  static List<Event> health(String cluster, Optional<Run> previous, Run current) {
    ReconcileReport r = current.report();
    List<Event> out = new ArrayList<>();
    List<Decision> before =
        previous.flatMap(p -> p.report().assessment()).map(Assessment::decisions).orElse(List.of());
    for (Decision d : r.assessment().map(Assessment::decisions).orElse(List.of())) {
      boolean told =
          before.stream()
              .anyMatch(
                  b ->
                      b.check().equals(d.check())
                          && b.group().equals(d.group())
                          && b.kind() == d.kind());
      if (told) {
        continue;
      }
      boolean blind = d.kind() == Decision.Kind.BLIND;
      String where = d.group().isEmpty() ? "the rollout" : "group " + d.group();
      Event e =
          Event.of(
              blind ? EventKind.BLIND : EventKind.CHECK_FAILING,
              cluster,
              (blind ? "cannot judge " : "check " + d.check() + " fails for ")
                  + where
                  + (blind ? " (" + d.check() + ": data missing or expired)" : "")
                  + ", "
                  + d.streak()
                  + " samples in a row",
              List.of(
                  new Event.Fact("check", d.check()),
                  new Event.Fact("group", d.group().isEmpty() ? "-" : d.group()),
                  new Event.Fact("action", d.action().label()),
                  new Event.Fact("evidence", d.evidence())),
              r.at());
      out.add(current.rollout().map(ro -> inRollout(e, ro)).orElse(e));
    }
    Optional<String> keyBefore =
        previous.flatMap(p -> p.report().halt()).map(StatusDocument.Halt::key);
    r.halt()
        .filter(h -> keyBefore.filter(h.key()::equals).isEmpty())
        .ifPresent(
            h -> {
              List<Event.Fact> facts = new ArrayList<>();
              facts.add(new Event.Fact("check", h.check()));
              facts.add(new Event.Fact("group", h.group()));
              facts.add(new Event.Fact("evidence", h.evidence()));
              facts.add(new Event.Fact("outcome", h.outcome()));
              h.commit().ifPresent(c -> facts.add(new Event.Fact("commit", c)));
              Event e =
                  Event.of(
                      EventKind.HALTED,
                      cluster,
                      "rollout halted by check "
                          + h.check()
                          + " on group "
                          + h.group()
                          + ": "
                          + h.message(),
                      facts,
                      h.at());
              out.add(current.rollout().map(ro -> inRollout(e, ro)).orElse(e));
            });
    return List.copyOf(out);
  }

  // the status records states as tctl names them: rollout states, and group states for the groups
  private static final String UNSTARTED = RolloutState.UNSTARTED.label();
  private static final String ACTIVE = RolloutState.ACTIVE.label();
  private static final String DONE = RolloutState.DONE.label();
  private static final String GROUP_DONE = GroupState.DONE.label();

  private static boolean sameRollout(StatusDocument.Rollout a, StatusDocument.Rollout b) {
    return a.startVersion().equals(b.startVersion())
        && a.targetVersion().equals(b.targetVersion())
        && a.startTime().equals(b.startTime());
  }

  private static boolean done(StatusDocument.Rollout r) {
    return r.state().equals(DONE)
        || (!r.groups().isEmpty()
            && r.groups().stream().allMatch(g -> g.state().equals(GROUP_DONE)));
  }

  /** Threaded by rollout where Teleport gave its start time (the rollout's identity). */
  private static Event inRollout(Event e, StatusDocument.Rollout r) {
    return r.startTime().map(t -> e.inRollout(new Event.Rollout(r.targetVersion(), t))).orElse(e);
  }

  private static List<Event.Fact> lines(String name, List<String> lines) {
    return lines.stream().map(l -> new Event.Fact(name, l)).toList();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
