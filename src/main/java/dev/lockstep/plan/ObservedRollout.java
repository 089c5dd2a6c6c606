package dev.lockstep.plan;

import dev.lockstep.rollout.GroupState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a cluster's rollout actually did, drawn by {@link SvgRenderer} over the planned lanes. The
 * CLI observes nothing and passes {@link #NONE}; the service fills it from the live rollout.
 *
 * @param at when it was observed: the picture's "now"; null only for {@link #NONE}
 * @param groups per group, in any order; a group the plan does not name is not drawn
 * @param markers manual transitions and halts, in any order
 */
public record ObservedRollout(Instant at, List<Group> groups, List<Marker> markers) {

  /** Nothing observed: the picture shows the plan alone. */
  public static final ObservedRollout NONE = new ObservedRollout(null, List.of(), List.of());

  public ObservedRollout {
    groups = List.copyOf(groups);
    markers = List.copyOf(markers);
    if (at == null && (!groups.isEmpty() || !markers.isEmpty())) {
      throw new IllegalArgumentException("an observation needs the instant it was made");
    }
  }

  /** True for {@link #NONE}: nothing was observed. */
  public boolean isEmpty() {
    return at == null;
  }

  /** The observed group of that name, if any. */
  public Optional<Group> group(String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /**
   * One group of the live rollout (teleport-semantics §5.1).
   *
   * @param name the group name
   * @param state its state
   * @param reason its {@code last_update_reason}
   * @param start its {@code start_time}, or null when it has not started
   * @param done when it became done, or null
   * @param initial agents counted when it started
   * @param present agents present now
   * @param upToDate present agents running the target version
   */
  public record Group(
      String name,
      GroupState state,
      String reason,
      Instant start,
      Instant done,
      long initial,
      long present,
      long upToDate) {

    public Group {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(reason, "reason");
      if (initial < 0 || present < 0 || upToDate < 0) {
        throw new IllegalArgumentException("agent counts cannot be negative");
      }
    }

    /** Up-to-date agents over present agents; empty when no agent is present. */
    public OptionalDouble upToDateRatio() {
      return present == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) upToDate / present);
    }
  }

  /**
   * Something that happened to a group at an instant, drawn as a symbol on its lane.
   *
   * @param at when
   * @param group the group it happened to
   * @param kind what happened
   * @param detail words shown with it (a check name, a command), or ""
   */
  public record Marker(Instant at, String group, Kind kind, String detail) {

    /** What a marker stands for. */
    public enum Kind {
      /** {@code tctl autoupdate agents start-update} (teleport-semantics §10). */
      MANUAL_TRIGGER("started by hand", "tctl autoupdate agents start-update"),
      /** {@code tctl autoupdate agents mark-done} (teleport-semantics §10). */
      MANUAL_DONE("marked done by hand", "tctl autoupdate agents mark-done"),
      /** {@code tctl autoupdate agents rollback} (teleport-semantics §10). */
      MANUAL_ROLLBACK("rolled back by hand", "tctl autoupdate agents rollback"),
      /** The rollout was halted (mode suspended) while this group was moving. */
      HALT("halted", "rollout suspended");

      private final String words;
      private final String cause;

      Kind(String words, String cause) {
        this.words = words;
        this.cause = cause;
      }

      /** What happened, in words: {@code started by hand}, {@code halted}, ... */
      public String words() {
        return words;
      }

      /** What causes it: the tctl command, or {@code rollout suspended} for a halt. */
      public String cause() {
        return cause;
      }

      /** True for the manual transitions, false for a halt. */
      public boolean isManual() {
        return this != HALT;
      }
    }

    public Marker {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
