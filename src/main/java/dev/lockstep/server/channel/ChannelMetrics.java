package dev.lockstep.server.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request counters {@code lockstep_channel_requests_total{channel, status}}. Cardinality stays low:
 * known channels get their own label; every unknown or malformed name counts under {@code _unknown}
 * and requests before the first revision under {@code _none}. Counters are created when a revision
 * is published, so counting a request is a map read and an increment.
 */
final class ChannelMetrics {
  static final String NAME = "lockstep.channel.requests";
  static final String UNKNOWN = "_unknown";
  static final String NONE = "_none";

  /** The statuses the channel routes answer with; each has its own channel-to-counter map. */
  private static final int[] STATUSES = {200, 304, 400, 404, 503};

  private final MeterRegistry registry;

  @SuppressWarnings("unchecked")
  private final Map<String, Counter>[] byStatus = new Map[STATUSES.length];

  ChannelMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (int i = 0; i < STATUSES.length; i++) {
      byStatus[i] = new ConcurrentHashMap<>();
    }
  }

  void register(ChannelSnapshot snapshot) {
    for (String channel : snapshot.channels().keySet()) {
      for (int status : List.of(200, 304)) {
        counter(channel, status);
      }
    }
  }

  /** Counts one request: two array/map reads and an increment, no allocation. */
  void count(String channel, int status) {
    Counter c = byStatus[slot(status)].get(channel);
    (c != null ? c : counter(channel, status)).increment();
  }

  private Counter counter(String channel, int status) {
    return byStatus[slot(status)].computeIfAbsent(
        channel,
        k ->
            Counter.builder(NAME)
                .description("Release-channel requests by channel and HTTP status")
                .tag("channel", channel)
                .tag("status", Integer.toString(status))
                .register(registry));
  }

  private static int slot(int status) {
    for (int i = 0; i < STATUSES.length; i++) {
      if (STATUSES[i] == status) {
        return i;
      }
    }
    throw new IllegalArgumentException("the channel routes never answer " + status);
  }
}
