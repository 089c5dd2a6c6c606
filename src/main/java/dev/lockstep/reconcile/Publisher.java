package dev.lockstep.reconcile;

import dev.lockstep.model.Channel;
import dev.lockstep.model.DesiredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the channels serve: each clean channel as the revision has it, any other as last published
 * (one team's broken channel never replaces what its agents read). Used under the reconcile lock.
 */
final class Publisher {
  private final Map<String, Channel> published = new HashMap<>();

  /** The revision with the channels to publish; remembers them. */
  DesiredState publishable(Evaluation ev) {
    List<Channel> channels = new ArrayList<>();
    for (Channel c : ev.state().channels()) {
      Channel served = ev.cleanChannels().contains(c.name()) ? c : published.get(c.name());
      if (served != null) {
        channels.add(served);
        published.put(c.name(), served);
      }
    }
    return ev.state().withChannels(channels);
  }
}
