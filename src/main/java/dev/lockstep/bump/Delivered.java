package dev.lockstep.bump;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one cluster's proposal went.
 *
 * @param mode {@code write}, {@code branch} or {@code pr}
 * @param action {@code created}, {@code updated} or {@code unchanged}
 * @param branch the pushed branch, for branch and pull-request delivery
 * @param commit the branch's commit, for branch and pull-request delivery
 * @param pullRequest the pull request's address, for pull-request delivery
 * @param closed the addresses of older pull requests this one superseded and closed
 */
public record Delivered(
    String mode,
    String action,
    Optional<String> branch,
    Optional<String> commit,
    Optional<String> pullRequest,
    List<String> closed) {
  public Delivered {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(pullRequest, "pullRequest");
    closed = List.copyOf(closed);
  }

  /** Files written to the working tree. */
  public static Delivered written(boolean changed) {
    return new Delivered(
        "write",
        changed ? "updated" : "unchanged",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }
}
