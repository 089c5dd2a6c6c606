package dev.lockstep.reconcile;

import dev.lockstep.observe.SampleHistory;
import dev.lockstep.source.Revision;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the runs remember about revisions: the head last read, the revision in force (the last good
 * one), the last refused one, the commit last applied and what it wrote, the last live rollout seen
 * and the standing force push. Reads a head once (a commit touching only status files is not read
 * again) and publishes each newly validated revision's channels. Changed only under the reconcile
 * lock; the getters may be read from any thread.
 */
final class Revisions {
  private static final System.Logger LOG = System.getLogger(Revisions.class.getName());

  private final SourceStep source;
  private final CheckStep check;
  private final Reconciler.Listener listener;
  private final Publisher publisher = new Publisher();
  private volatile Evaluation good;
  private volatile Evaluation refused;
  private Evaluation head;
  private String headCommit;
  private String appliedCommit;
  private List<StatusDocument.AppliedResource> applied = List.of();
  private Optional<StatusDocument.Rollout> rollout = Optional.empty();
  private SampleHistory samples = SampleHistory.EMPTY;
  private Optional<StatusDocument.Halt> halt = Optional.empty();
  private Optional<Rewrite> rewrite = Optional.empty();

  Revisions(SourceStep source, CheckStep check, Reconciler.Listener listener) {
    this.source = source;
    this.check = check;
    this.listener = listener;
  }

  /** The revision in force, if any. */
  Optional<Evaluation> good() {
    return Optional.ofNullable(good);
  }

  /** The last revision refused since the start, if any. */
  Optional<Evaluation> refused() {
    return Optional.ofNullable(refused);
  }

  /** The commit last applied, if any. */
  Optional<String> appliedCommit() {
    return Optional.ofNullable(appliedCommit);
  }

  /** The standing force push, if any. */
  Optional<Rewrite> rewrite() {
    return rewrite;
  }

  /** Remembers {@code revision}; returns the force push that brought it when it is new. */
  Optional<Rewrite> rewritten(Revision revision, Instant now) {
    Optional<Rewrite> was = rewrite;
    rewrite = Rewrite.after(was, revision, now);
    Optional<Rewrite> found = rewrite.equals(was) ? Optional.empty() : rewrite;
    found.ifPresent(r -> LOG.log(Level.WARNING, r.sentence(Revision.shortRef(revision.ref()))));
    return found;
  }

  /** The head, checked and planned against the revision in force unless it was already read. */
  Evaluation head(Revision revision, Instant now) throws StepFailure {
    if (head != null && revision.commit().equals(headCommit)) {
      return head;
    }
    if (head != null && source.onlyStatusChanges(revision)) {
      LOG.log(
          Level.INFO, "{0}: only Lockstep status files changed; not reconciled", revision.label());
      headCommit = revision.commit();
      return head;
    }
    Evaluation ev = check.evaluate(revision, now, good(), Optional.empty());
    head = ev;
    headCommit = revision.commit();
    if (ev.valid()) {
      listener.validated(publisher.publishable(ev), ev.findings());
    } else {
      refused = ev;
    }
    return ev;
  }

  /**
   * {@code ev} passed every check: it is the revision in force now. A hold ends when it suspends
   * agent updates itself (the halt merged, or anyone suspended through Git).
   */
  void accept(Evaluation ev) {
    good = ev;
    if (holding() && ApplyStep.suspends(ev)) {
      LOG.log(Level.INFO, "{0} suspends agent updates itself: the halt hold ends", ev.label());
      halt = halt.map(StatusDocument.Halt::released);
    }
  }

  /** True while a halt holds the mode suspended. */
  boolean holding() {
    return halt.map(StatusDocument.Halt::holding).orElse(false);
  }

  /** The rollout samples so far. */
  SampleHistory samples() {
    return samples;
  }

  /** The halt recorded, if any. */
  Optional<StatusDocument.Halt> halt() {
    return halt;
  }

  /** What the observe, assess and halt steps returned. */
  void watched(WatchStep.Watched w) {
    rollout = w.observed().rollout(rollout);
    samples = w.history();
    halt = w.halt();
  }

  /** {@code a} wrote a new revision to the cluster. */
  void applied(ApplyStep.Applied a) {
    appliedCommit = a.evaluation().commit();
    applied = a.resources();
  }

  /** What the status needs beyond the run's own steps. */
  StatusStep.Known known(Optional<StatusDocument> previous) {
    return new StatusStep.Known(
        previous, good(), appliedCommit(), applied, rollout, rewrite, samples, halt);
  }

  /** What a restart needs, with the status text {@code content}. */
  LastKnown lastKnown(String cluster, String content, Instant now) {
    return new LastKnown(
        cluster,
        now,
        good().map(Evaluation::revision),
        appliedCommit(),
        good().flatMap(Evaluation::inputs),
        Optional.of(content));
  }

  /** The revision in force read again after a start: in force, and its channels published. */
  void back(Evaluation ev) {
    good = ev;
    head = ev;
    headCommit = ev.commit();
    listener.validated(publisher.publishable(ev), ev.findings());
  }

  /** The rest of what a previous process knew: the commit it applied, the force push it saw. */
  void restore(ResumeStep.Restored r) {
    appliedCommit = r.appliedCommit().orElse(null);
    r.status().ifPresent(doc -> rewrite = doc.source().rewritten());
    r.status().ifPresent(doc -> applied = doc.applied());
    r.status().ifPresent(doc -> rollout = doc.rollout());
    r.status().ifPresent(doc -> samples = doc.samples());
    r.status().ifPresent(doc -> halt = doc.halt());
  }
}
