package dev.lockstep.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What happened: the events a sink can subscribe to, in the order the README lists them. */
public enum EventKind {
  /** A revision was refused: its findings name the file and line. */
  REVISION_REFUSED("revision_refused", "Revision refused"),
  /** A revision was applied to a cluster. */
  APPLIED("applied", "Applied"),
  /** A change made on the cluster by hand was undone. */
  DRIFT_CORRECTED("drift_corrected", "Drift corrected"),
  /** Teleport started a new rollout. */
  ROLLOUT_STARTED("rollout_started", "Rollout started"),
  /** An update group is done. */
  GROUP_DONE("group_done", "Group done"),
  /** A health check failed on enough consecutive samples to act. */
  CHECK_FAILING("check_failing", "Check failing"),
  /** Lockstep halted the rollout. */
  HALTED("halted", "Rollout halted"),
  /** The checks could not judge: data missing or expired. Never halts. */
  BLIND("blind", "Blind"),
  /** Every group is done. */
  ROLLOUT_DONE("rollout_done", "Rollout done"),
  /** {@code lockstep bump} proposed a new version. */
  BUMP_PROPOSED("bump_proposed", "Bump proposed"),
  /** The plan of a pull request's revision (the pull-request comment sink). */
  PLAN("plan", "Plan");

  private final String label;
  private final String title;

  EventKind(String label, String title) {
    this.label = label;
    this.title = title;
  }

  /** The name in configuration and payloads, e.g. {@code check_failing}. */
  public String label() {
    return label;
  }

  /** A short title for people, e.g. {@code Check failing}. */
  public String title() {
    return title;
  }

  /**
   * The kind of a label.
   *
   * @throws IllegalArgumentException naming the known labels
   */
  public static EventKind fromLabel(String label) {
    String wanted = label.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values())
        .filter(k -> k.label.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown event \""
                        + label
                        + "\" (known: "
                        + Arrays.stream(values())
                            .map(EventKind::label)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }
}
