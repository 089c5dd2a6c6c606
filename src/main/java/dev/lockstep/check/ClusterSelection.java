package dev.lockstep.check;

import java.util.Objects;
import java.util.Optional;

/**
 * Which clusters a check is about, and how a message names what was read and how to choose. {@link
 * #all()} ({@code validate}, {@code export-channels}) reports the whole revision; {@link #one}
 * ({@code plan}, {@code diff}, {@code apply}, {@code serve}) picks one cluster with {@link
 * dev.lockstep.model.DesiredState#select}, and its verdict counts only the findings of that
 * cluster's scope.
 *
 * @param whole true for the whole revision
 * @param name the cluster asked for (only with {@code whole} false); empty: the only one
 * @param where what was read, for the message when no cluster can be chosen
 * @param knob how the user names a cluster, for that message
 */
public record ClusterSelection(boolean whole, Optional<String> name, String where, String knob) {

  public ClusterSelection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(knob, "knob");
  }

  /** Every cluster: nothing is selected, every finding is in scope. */
  public static ClusterSelection all() {
    return new ClusterSelection(true, Optional.empty(), "", "");
  }

  /**
   * One cluster: the named one, else the only one.
   *
   * @param name the cluster asked for, if any
   * @param where what was read, e.g. {@code sample-repo} or {@code Revision main@1a2b3c4d}
   * @param knob e.g. {@code --cluster NAME} or {@code lockstep.cluster}
   */
  public static ClusterSelection one(Optional<String> name, String where, String knob) {
    return new ClusterSelection(false, name, where, knob);
  }
}
