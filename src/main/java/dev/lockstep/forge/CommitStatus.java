package dev.lockstep.forge;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A commit status (a check shown beside a commit and on pull requests).
 *
 * @param state the outcome
 * @param context the status's name, e.g. {@code lockstep/prod}; a second status with the same
 *     context replaces the first
 * @param description one line for people
 * @param targetUrl where "Details" links to, if anywhere
 */
public record CommitStatus(
    State state, String context, String description, Optional<URI> targetUrl) {

  /** Outcomes every platform knows; each client maps them to its own words. */
  public enum State {
    /** Running or waiting. */
    PENDING,
    /** Passed. */
    SUCCESS,
    /** The check ran and failed. */
    FAILURE,
    /** The check could not run. */
    ERROR
  }

  public CommitStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(targetUrl, "targetUrl");
  }
}
