package dev.lockstep.notify;

import dev.lockstep.forge.CommitStatus;
import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Commit statuses on the source revision, one context per cluster ({@code lockstep/<cluster>}):
 * pending while a rollout runs, success once applied or done, failure when refused or halted.
 * Events without a revision, and kinds that say nothing about the revision, are skipped.
 */
public final class CommitStatusSink implements Sink {
  private final String name;
  private final Forge forge;
  private final String contextPrefix;
  private final Optional<URI> targetUrl;

  /**
   * @param name the sink's name
   * @param forge the platform client (GitHub, GitLab or Gitea)
   * @param contextPrefix the status name before {@code /<cluster>}, e.g. {@code lockstep}
   * @param targetUrl where "Details" links, if anywhere (e.g. the status page of serve)
   */
  public CommitStatusSink(String name, Forge forge, String contextPrefix, Optional<URI> targetUrl) {
    this.name = Objects.requireNonNull(name, "name");
    this.forge = Objects.requireNonNull(forge, "forge");
    this.contextPrefix = Objects.requireNonNull(contextPrefix, "contextPrefix");
    this.targetUrl = Objects.requireNonNull(targetUrl, "targetUrl");
  }

  @Override
  public String name() {
    return name;
  }

  /** The status an event sets, if it sets one. */
  static Optional<CommitStatus.State> state(EventKind kind) {
    return Optional.ofNullable(
        switch (kind) {
          case REVISION_REFUSED, HALTED -> CommitStatus.State.FAILURE;
          case APPLIED, DRIFT_CORRECTED, ROLLOUT_DONE -> CommitStatus.State.SUCCESS;
          case ROLLOUT_STARTED, GROUP_DONE -> CommitStatus.State.PENDING;
          case CHECK_FAILING, BLIND, BUMP_PROPOSED, PLAN -> null;
        });
  }

  @Override
  public void deliver(Event event) throws SinkException {
    Optional<CommitStatus.State> state = state(event.kind());
    if (event.revision().isEmpty() || state.isEmpty()) {
      return;
    }
    // the platform client cuts the description to what the platform keeps
    String description = event.kind().title() + ": " + event.summary();
    try {
      forge.setStatus(
          event.revision().get(),
          new CommitStatus(
              state.get(), contextPrefix + "/" + event.cluster(), description, targetUrl));
    } catch (ForgeException e) {
      throw Forges.failure(name, e);
    }
  }
}
