package dev.lockstep.server.channel;

import dev.lockstep.channel.ChannelExport;
import dev.lockstep.server.LockstepConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Publishes {@code lockstep.channels.preload-dir} at start-up, before any revision is read. */
@ApplicationScoped
public class ChannelPreload {
  private static final Logger LOG = Logger.getLogger(ChannelPreload.class);

  @Inject LockstepConfig config;
  @Inject ChannelStore store;

  void onStart(@Observes StartupEvent event) {
    if (!config.channels().enabled() || config.channels().preloadDir().isEmpty()) {
      return;
    }
    Path dir = config.channels().preloadDir().get();
    try {
      var channels = ChannelExport.read(dir);
      if (store.current().isEmpty()) {
        store.publish("preload:" + dir.getFileName(), channels);
        LOG.infof("serving %d channels preloaded from %s", channels.size(), dir);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warnf("channels not preloaded from %s: %s", dir, e.getMessage());
    }
  }
}
