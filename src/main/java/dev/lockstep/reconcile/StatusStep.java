package dev.lockstep.reconcile;

import dev.lockstep.finding.Findings;
import dev.lockstep.observe.SampleHistory;
import dev.lockstep.plan.Plan;
import dev.lockstep.reconcile.StatusDocument.AppliedResource;
import dev.lockstep.reconcile.StatusDocument.ReconcileRecord;
import dev.lockstep.reconcile.StatusDocument.TimelineEntry;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.TimelineEvent;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.StatusWrite;
import dev.lockstep.source.Verification;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The status step: builds the status document once from what the run's steps returned, and writes
 * it once, only when it changed apart from its timestamp.
 */
final class StatusStep {
  private static final System.Logger LOG = System.getLogger(StatusStep.class.getName());

  /**
   * What the run knows beyond its own steps (kept across runs by the reconciler).
   *
   * @param previous the last status document, if any
   * @param good the revision in force, if any
   * @param appliedCommit the commit last applied, if any
   * @param applied what it applied
   * @param rollout the last live rollout seen, if any
   * @param rewrite the standing force push, if any
   * @param samples the rollout samples
   * @param halt the halt made, if any
   */
  record Known(
      Optional<StatusDocument> previous,
      Optional<Evaluation> good,
      Optional<String> appliedCommit,
      List<AppliedResource> applied,
      Optional<StatusDocument.Rollout> rollout,
      Optional<Rewrite> rewrite,
      SampleHistory samples,
      Optional<StatusDocument.Halt> halt) {}

  /**
   * One status write.
   *
   * @param commit the status commit made, if one was made
   * @param comparable the status as written, without its timestamp, when it was written
   * @param problem why it could not be written, if it could not
   */
  record Written(Optional<String> commit, Optional<String> comparable, Optional<String> problem) {
    static final Written NOTHING =
        new Written(Optional.empty(), Optional.empty(), Optional.empty());
  }

  private final String sourceUrl;
  private final String mode;
  private final String fallbackCluster;
  private final Reconciler.StatusSink sink;

  StatusStep(
      String sourceUrl,
      boolean verifySignatures,
      String fallbackCluster,
      Reconciler.StatusSink sink) {
    this.sourceUrl = Objects.requireNonNull(sourceUrl, "sourceUrl");
    this.mode = verifySignatures ? "head" : "none";
    this.fallbackCluster = Objects.requireNonNull(fallbackCluster, "fallbackCluster");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** The run's label: the head read, else the revision in force, else "". */
  static String label(Ran ran, Optional<Evaluation> good) {
    return ran.evaluation().or(() -> good).map(Evaluation::label).orElse("");
  }

  /** The status document of the run. */
  StatusDocument build(Ran ran, Known known) {
    Optional<StatusDocument> previous = known.previous();
    Optional<Evaluation> ev = ran.evaluation();
    Optional<Evaluation> good = known.good();
    Instant now = ran.now();
    String cluster =
        ev.flatMap(Evaluation::cluster)
            .or(() -> good.flatMap(Evaluation::cluster))
            .map(c -> c.name())
            .orElse(fallbackCluster);
    Optional<Evaluation> shown = ev.or(() -> good);
    StatusDocument.Source src =
        shown
            .map(
                s ->
                    new StatusDocument.Source(
                        sourceUrl,
                        s.revision().ref(),
                        s.commit(),
                        signature(s.verification()),
                        known.rewrite().filter(r -> r.commit().equals(s.commit()))))
            .orElseGet(
                () ->
                    new StatusDocument.Source(
                        sourceUrl,
                        "",
                        "",
                        new StatusDocument.Signature(mode, false, "", "", "not fetched")));
    String observed = label(ran, good);
    RunOutcome out = ran.outcome();
    ConditionStatus ready = out.ok() ? ConditionStatus.TRUE : ConditionStatus.FALSE;
    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        condition(previous, Condition.READY, ready, out.reason(), out.message(), observed, now));
    if (ev.isEmpty()) {
      conditions.add(
          condition(
              previous,
              Condition.VALIDATED,
              ConditionStatus.UNKNOWN,
              Reconciler.NOT_RUN,
              "Nothing read: " + out.message(),
              observed,
              now));
    } else {
      boolean errors = ev.get().findings().hasErrors();
      conditions.add(
          condition(
              previous,
              Condition.VALIDATED,
              errors ? ConditionStatus.FALSE : ConditionStatus.TRUE,
              errors ? StepFailure.VALIDATION_FAILED : Reconciler.VALIDATED,
              "Revision "
                  + ev.get().label()
                  + (errors ? " has error findings" : " has no error finding")
                  + ev.get().otherFindings().map(o -> "; " + o).orElse(""),
              observed,
              now));
    }
    conditions.add(appliedCondition(previous, known, now, observed));
    known.halt().ifPresent(h -> conditions.add(halted(previous, h, good, observed, now)));
    List<ReconcileRecord> history =
        ReconcileHistory.append(
            previous.map(StatusDocument::history).orElse(List.of()),
            new ReconcileRecord(now, observed, ready, out.reason(), out.message()));
    return new StatusDocument(
        cluster,
        now,
        src,
        conditions,
        known.applied(),
        ev.map(Evaluation::findings).orElse(Findings.NONE),
        known.rollout(),
        timeline(good.flatMap(Evaluation::plan)),
        history,
        known.samples(),
        known.halt());
  }

  /**
   * Halted: true while the hold stands or Git suspends the agents since the halt; false once a
   * later revision in force enables them again (the resume went through Git).
   */
  private static Condition halted(
      Optional<StatusDocument> previous,
      StatusDocument.Halt h,
      Optional<Evaluation> good,
      String observed,
      Instant now) {
    boolean inGit = good.map(ApplyStep::suspends).orElse(false);
    ConditionStatus status = h.holding() || inGit ? ConditionStatus.TRUE : ConditionStatus.FALSE;
    String reason = h.holding() ? "HaltHeld" : inGit ? "HaltInGit" : "Resumed";
    String message =
        "Rollout "
            + h.key()
            + " halted by "
            + h.check()
            + (h.group().isEmpty() ? "" : " on group " + h.group())
            + ": "
            + h.message();
    return condition(previous, Condition.HALTED, status, reason, message, observed, now);
  }

  private static Condition appliedCondition(
      Optional<StatusDocument> previous, Known known, Instant now, String observed) {
    if (known.appliedCommit().isEmpty()) {
      return condition(
          previous,
          Condition.APPLIED,
          ConditionStatus.UNKNOWN,
          Reconciler.NOT_RUN,
          "Nothing applied yet",
          observed,
          now);
    }
    String commit = known.appliedCommit().get();
    String label =
        known
            .good()
            .filter(g -> g.commit().equals(commit))
            .map(Evaluation::label)
            .orElse(commit.substring(0, 8));
    return condition(
        previous,
        Condition.APPLIED,
        ConditionStatus.TRUE,
        Reconciler.APPLIED,
        "Revision " + label + " is applied",
        label,
        now);
  }

  /**
   * Writes {@code content} unless it equals {@code written} apart from its timestamp; a failure is
   * logged and returned (the next run retries).
   */
  Written write(
      StatusDocument doc,
      String content,
      Optional<String> written,
      String revision,
      String reason,
      Instant now) {
    String comparable = StatusYaml.comparable(content);
    if (written.equals(Optional.of(comparable))) {
      return Written.NOTHING;
    }
    try {
      StatusWrite w = sink.write(doc.cluster(), content, revision, reason, now);
      w.commit()
          .ifPresent(
              c ->
                  LOG.log(
                      Level.INFO,
                      "status of {0} committed as {1} ({2})",
                      doc.cluster(),
                      c.substring(0, 8),
                      reason));
      return new Written(w.commit(), Optional.of(comparable), Optional.empty());
    } catch (SourceException e) {
      LOG.log(
          Level.WARNING,
          "status of {0} not written, retried next run: {1}",
          doc.cluster(),
          e.getMessage());
      return new Written(
          Optional.empty(), Optional.empty(), Optional.of("status not written: " + e.getMessage()));
    }
  }

  private StatusDocument.Signature signature(Verification v) {
    return new StatusDocument.Signature(mode, v.verified(), v.format(), v.signer(), v.message());
  }

  private static Condition condition(
      Optional<StatusDocument> previous,
      String type,
      ConditionStatus status,
      String reason,
      String message,
      String observed,
      Instant now) {
    Instant since = now;
    for (Condition c : previous.map(StatusDocument::conditions).orElse(List.of())) {
      if (c.type().equals(type) && c.status() == status) {
        since = c.lastTransitionTime();
      }
    }
    return new Condition(type, status, reason, message, observed, since);
  }

  /** The plan's group moves, in time order, at most 50. */
  static List<TimelineEntry> timeline(Optional<Plan> plan) {
    if (plan.isEmpty()) {
      return List.of();
    }
    List<TimelineEntry> out = new ArrayList<>();
    for (GroupTimeline g : plan.get().groups()) {
      for (TimelineEvent e : g.events()) {
        out.add(
            new TimelineEntry(
                e.at(), g.name(), e.state().name().toLowerCase(Locale.ROOT), e.reason()));
      }
    }
    out.sort(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::group));
    return out.size() > 50 ? List.copyOf(out.subList(0, 50)) : List.copyOf(out);
  }
}
