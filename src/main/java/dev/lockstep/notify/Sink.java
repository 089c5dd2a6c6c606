package dev.lockstep.notify;

/**
 * Where events go. A sink is called from its own {@link Notifier} thread only, one event at a time,
 * so it may keep state (a Slack thread per rollout) without locks.
 */
public interface Sink {

  /** Its name in configuration and messages, e.g. {@code team-slack}. */
  String name();

  /**
   * Delivers one event, or does nothing when the event does not concern this sink (a commit status
   * for an event without a revision). Called again for the same event after a retryable failure, so
   * a partial delivery must be safe to repeat.
   *
   * @throws SinkException when the peer refused it or could not be reached
   */
  void deliver(Event event) throws SinkException;
}
