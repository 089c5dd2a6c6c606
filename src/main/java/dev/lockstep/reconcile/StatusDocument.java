package dev.lockstep.reconcile;

import dev.lockstep.finding.Findings;
import dev.lockstep.observe.SampleHistory;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status Lockstep writes back to Git for one cluster (README, "Status written back"): the
 * source revision and its signature, the Ready/Validated/Applied conditions, what was applied, the
 * findings, the live rollout per group, the planned timeline and the last reconciles. Rendered by
 * {@link StatusYaml}. Holds no secret: URLs are stored without credentials.
 *
 * @param cluster the cluster name
 * @param updatedAt when this status was computed (ignored when deciding whether to commit)
 * @param source what was read
 * @param conditions Ready, Validated, Applied (rendered in that order)
 * @param applied resources written to the cluster by the last apply, in apply order
 * @param findings findings of the revision
 * @param rollout the live {@code autoupdate_agent_rollout}, if observed
 * @param timeline the planned moves of the groups, in time order
 * @param history the last reconciles whose outcome differed, newest first, at most {@link
 *     ReconcileHistory#LIMIT}
 * @param samples the bounded history of live rollout samples the health checks judge (it survives
 *     restarts and leader changes through the status branch)
 * @param halt the halt Lockstep made of the current rollout, if it made one
 */
public record StatusDocument(
    String cluster,
    Instant updatedAt,
    Source source,
    List<Condition> conditions,
    List<AppliedResource> applied,
    Findings findings,
    Optional<Rollout> rollout,
    List<TimelineEntry> timeline,
    List<ReconcileRecord> history,
    SampleHistory samples,
    Optional<Halt> halt) {

  public StatusDocument {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(source, "source");
    conditions = List.copyOf(conditions);
    applied = List.copyOf(applied);
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(rollout, "rollout");
    timeline = List.copyOf(timeline);
    history = List.copyOf(history);
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(halt, "halt");
  }

  /** A status without rollout samples or halt. */
  public StatusDocument(
      String cluster,
      Instant updatedAt,
      Source source,
      List<Condition> conditions,
      List<AppliedResource> applied,
      Findings findings,
      Optional<Rollout> rollout,
      List<TimelineEntry> timeline,
      List<ReconcileRecord> history) {
    this(
        cluster,
        updatedAt,
        source,
        conditions,
        applied,
        findings,
        rollout,
        timeline,
        history,
        SampleHistory.EMPTY,
        Optional.empty());
  }

  /**
   * A halt Lockstep made (at most one per cluster and rollout).
   *
   * @param key the rollout it halted, {@code <cluster>/<target>@<start>}
   * @param check the check that failed
   * @param group the group it failed on ("" for the whole rollout)
   * @param evidence what the check saw
   * @param outcome {@code committed}, {@code hold}, {@code already_halted} or {@code
   *     already_suspended}, or {@code failed} when Git could not be written (the suspend is applied
   *     and held all the same)
   * @param commit the halt commit, if one was made
   * @param message one sentence
   * @param at when it was made
   * @param holding true while self-heal keeps the mode suspended although Git does not say so yet
   */
  public record Halt(
      String key,
      String check,
      String group,
      String evidence,
      String outcome,
      Optional<String> commit,
      String message,
      Instant at,
      boolean holding) {
    public Halt {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(evidence, "evidence");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(at, "at");
    }

    /** The same halt, its hold ended because Git itself says suspended now. */
    public Halt released() {
      return new Halt(key, check, group, evidence, outcome, commit, message, at, false);
    }
  }

  /**
   * The revision read and its signature check.
   *
   * @param url the repository URL without credentials
   * @param ref the followed ref
   * @param commit the 40-hex commit id, or "" when nothing could be fetched
   * @param signature the signature check
   * @param rewritten the force push that brought {@code commit}, while the ref has not moved on
   */
  public record Source(
      String url, String ref, String commit, Signature signature, Optional<Rewrite> rewritten) {
    public Source {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(rewritten, "rewritten");
    }

    /** A source not reached by a force push. */
    public Source(String url, String ref, String commit, Signature signature) {
      this(url, ref, commit, signature, Optional.empty());
    }
  }

  /**
   * A signature check as recorded in the status.
   *
   * @param mode {@code none} or {@code head}
   * @param verified true when a trusted signature was checked
   * @param format {@code openpgp}, {@code ssh} or ""
   * @param signer who signed, or ""
   * @param message why, for humans
   */
  public record Signature(
      String mode, boolean verified, String format, String signer, String message) {
    public Signature {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(signer, "signer");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * One resource written to the cluster.
   *
   * @param kind e.g. {@code autoupdate_version}
   * @param name the resource name
   * @param change {@code create}, {@code update}, {@code delete} or {@code noop}
   * @param file the repository file it came from ("" for a deletion)
   */
  public record AppliedResource(String kind, String name, String change, String file) {
    public AppliedResource {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * The live rollout (teleport-semantics §5.1).
   *
   * @param state {@code unstarted}, {@code active}, {@code done}, {@code rolledback} or {@code
   *     unspecified}
   * @param startVersion {@code spec.start_version}
   * @param targetVersion {@code spec.target_version}
   * @param strategy {@code halt-on-error} or {@code time-based}
   * @param startTime {@code status.start_time}, if set
   * @param groups per group, in config order
   */
  public record Rollout(
      String state,
      String startVersion,
      String targetVersion,
      String strategy,
      Optional<Instant> startTime,
      List<Group> groups) {
    public Rollout {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(startVersion, "startVersion");
      Objects.requireNonNull(targetVersion, "targetVersion");
      Objects.requireNonNull(strategy, "strategy");
      Objects.requireNonNull(startTime, "startTime");
      groups = List.copyOf(groups);
    }
  }

  /**
   * One rollout group (teleport-semantics §5.1).
   *
   * @param name the group name
   * @param state {@code unstarted}, {@code active}, {@code canary}, {@code done} or {@code
   *     rolledback}
   * @param reason {@code last_update_reason}
   * @param startTime when the group last became active, if ever
   * @param initialCount agents when the group started
   * @param presentCount agents reported now
   * @param upToDateCount agents reported on the target version
   */
  public record Group(
      String name,
      String state,
      String reason,
      Optional<Instant> startTime,
      long initialCount,
      long presentCount,
      long upToDateCount) {
    public Group {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(startTime, "startTime");
    }
  }

  /**
   * A planned move of a group.
   *
   * @param at when it is expected
   * @param group the group
   * @param state the state it moves to
   * @param reason why then, e.g. {@code can_start}
   */
  public record TimelineEntry(Instant at, String group, String state, String reason) {
    public TimelineEntry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * One past reconcile.
   *
   * @param at when it ran
   * @param revision the revision label, e.g. {@code main@1a2b3c4d}
   * @param ready the Ready status it ended with
   * @param reason the Ready reason
   * @param message the Ready message
   */
  public record ReconcileRecord(
      Instant at, String revision, ConditionStatus ready, String reason, String message) {
    public ReconcileRecord {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(ready, "ready");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    /** True when both ended the same way for the same revision (time aside). */
    public boolean sameOutcome(ReconcileRecord other) {
      return revision.equals(other.revision)
          && ready == other.ready
          && reason.equals(other.reason)
          && message.equals(other.message);
    }
  }
}
