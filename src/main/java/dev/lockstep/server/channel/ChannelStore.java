package dev.lockstep.server.channel;

import dev.lockstep.channel.ChannelDocuments;
import dev.lockstep.channel.ChannelNames;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.DesiredState;
import dev.lockstep.server.LockstepConfig;
import dev.lockstep.validate.ChannelConsistency;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The release channels being served: one immutable {@link ChannelSnapshot} per published revision,
 * swapped atomically, so a request sees either the previous revision or the new one, never a mix.
 *
 * <p>Contract for the reconciler: call {@link #publish(DesiredState, Findings)} after validating a
 * revision; a revision with an error finding is refused and the previous content stays served
 * (docs/targets.md, "Apply semantics"). {@link #publish(String, List)} publishes unconditionally
 * and is for callers that have already decided. Nothing is read from the file system per request.
 */
@ApplicationScoped
public class ChannelStore {
  private static final Logger LOG = Logger.getLogger(ChannelStore.class);

  private final boolean versionPrefix;
  private final Clock clock;
  private final ChannelMetrics metrics;
  private final AtomicInteger mismatches = new AtomicInteger();
  private volatile ChannelSnapshot current;

  @Inject
  public ChannelStore(LockstepConfig config, MeterRegistry registry) {
    this(config.channels().versionPrefix(), Clock.systemUTC(), new ChannelMetrics(registry));
    Gauge.builder("lockstep.channel.target.mismatches", mismatches, AtomicInteger::get)
        .description(
            "Channels whose version differs from the agent target of a cluster that follows them (channel/target-mismatch)")
        .register(registry);
  }

  ChannelStore(boolean versionPrefix, Clock clock, ChannelMetrics metrics) {
    this.versionPrefix = versionPrefix;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Publishes a validated revision's channels, unless its findings hold an error: then nothing
   * changes and the previous revision stays served. Also records the revision's {@code
   * channel/target-mismatch} count in the gauge {@code lockstep_channel_target_mismatches}.
   *
   * @return the new snapshot, or empty when the revision was refused
   */
  public Optional<ChannelSnapshot> publish(DesiredState state, Findings findings) {
    if (findings.hasErrors()) {
      LOG.debugf("channels of %s not published: the revision has errors", state.revision());
      return Optional.empty();
    }
    ChannelSnapshot published = publish(state.revision(), state.channels());
    mismatches.set(ChannelConsistency.mismatches(state).size());
    return Optional.of(published);
  }

  /**
   * Publishes channels as given, replacing what is served in one step. Precomputes every body,
   * entity tag and header.
   *
   * @throws IllegalArgumentException when a name is not a valid channel name or appears twice; the
   *     served content is then unchanged
   */
  public ChannelSnapshot publish(String revision, List<Channel> channels) {
    for (Channel c : channels) {
      if (!ChannelNames.isValid(c.name())) {
        throw new IllegalArgumentException("not a valid channel name: \"" + c.name() + "\"");
      }
    }
    ChannelSnapshot next =
        new ChannelSnapshot(
            revision, clock.instant(), ChannelDocuments.of(channels, versionPrefix));
    metrics.register(next);
    current = next;
    LOG.debugf("serving %d channels from %s", channels.size(), revision);
    return next;
  }

  /** What is served now, or empty before the first revision was published. */
  public Optional<ChannelSnapshot> current() {
    return Optional.ofNullable(current);
  }

  /** The snapshot for the request path, without the Optional, for the request handler. */
  ChannelSnapshot snapshot() {
    return current;
  }

  /** Forgets what is served (tests of the 503 answer). */
  void clear() {
    current = null;
  }

  ChannelMetrics metrics() {
    return metrics;
  }
}
