package dev.lockstep.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One thing worth telling people about. Values only: sinks render it.
 *
 * @param kind what happened
 * @param cluster the cluster it concerns
 * @param rollout the rollout it belongs to, if any: sinks that keep one thread per rollout key it
 * @param summary one sentence for people, e.g. {@code canary_timeout failed on prod for 3 samples}
 * @param facts named values shown beside it, in order (counts, reasons, canary hostnames,
 *     file:line)
 * @param revision the source commit it concerns, if any (commit statuses are set on it)
 * @param pullRequest the pull request it concerns, if any (the plan comment is kept on it)
 * @param body longer Markdown text, e.g. the plan of a pull request; "" when none
 * @param at when it happened
 */
public record Event(
    EventKind kind,
    String cluster,
    Optional<Rollout> rollout,
    String summary,
    List<Fact> facts,
    Optional<String> revision,
    OptionalLong pullRequest,
    String body,
    Instant at) {

  /**
   * A rollout, known by what Teleport knows it by: its target version and start time.
   *
   * @param targetVersion the rollout's target version
   * @param startTime when the rollout started
   */
  public record Rollout(String targetVersion, Instant startTime) {
    public Rollout {
      Objects.requireNonNull(targetVersion, "targetVersion");
      Objects.requireNonNull(startTime, "startTime");
    }

    /** The key of its thread: {@code <target version>@<start time>}. */
    public String key() {
      return targetVersion + "@" + startTime;
    }
  }

  /**
   * A named value.
   *
   * @param name e.g. {@code group}
   * @param value e.g. {@code prod}
   */
  public record Fact(String name, String value) {
    public Fact {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public Event {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(summary, "summary");
    facts = List.copyOf(facts);
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(pullRequest, "pullRequest");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(at, "at");
  }

  /** An event about a cluster with no rollout, revision or pull request. */
  public static Event of(
      EventKind kind, String cluster, String summary, List<Fact> facts, Instant at) {
    return new Event(
        kind,
        cluster,
        Optional.empty(),
        summary,
        facts,
        Optional.empty(),
        OptionalLong.empty(),
        "",
        at);
  }

  /** This event about {@code rollout}. */
  public Event inRollout(Rollout rollout) {
    return new Event(
        kind, cluster, Optional.of(rollout), summary, facts, revision, pullRequest, body, at);
  }

  /** This event about the source commit {@code sha}. */
  public Event onRevision(String sha) {
    return new Event(
        kind, cluster, rollout, summary, facts, Optional.of(sha), pullRequest, body, at);
  }

  /** This event about pull request {@code number}, with its Markdown {@code body}. */
  public Event onPullRequest(long number, String body) {
    return new Event(
        kind, cluster, rollout, summary, facts, revision, OptionalLong.of(number), body, at);
  }

  /** One line for people: {@code [prod] Rollout halted: <summary>}. */
  public String headline() {
    return "[" + cluster + "] " + kind.title() + ": " + summary;
  }
}
