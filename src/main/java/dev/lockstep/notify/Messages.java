package dev.lockstep.notify;

import java.util.stream.Collectors;

/** How events read in chat: Slack's mrkdwn and plain text. Pure. */
final class Messages {
  private Messages() {}

  /** A Slack message: the headline in bold, then one line per fact. */
  static String slack(Event e) {
    StringBuilder b = new StringBuilder("*").append(escape(e.headline())).append('*');
    for (Event.Fact f : e.facts()) {
      b.append('\n').append(escape(f.name())).append(": ").append(escape(f.value()));
    }
    return b.toString();
  }

  /** The parent message of a rollout's thread: the rollout and its latest event. */
  static String slackParent(Event e) {
    Event.Rollout r = e.rollout().orElseThrow();
    return escape(
        "["
            + e.cluster()
            + "] Rollout to "
            + r.targetVersion()
            + " started "
            + r.startTime()
            + " - latest: "
            + e.kind().title()
            + ": "
            + e.summary());
  }

  /** Plain text: the headline, then one line per fact. */
  static String plain(Event e) {
    return e.headline()
        + e.facts().stream()
            .map(f -> "\n" + f.name() + ": " + f.value())
            .collect(Collectors.joining());
  }

  /** Slack's three control characters (the rest is shown as is). */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
