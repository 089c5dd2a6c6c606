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

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  ChannelMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void register(ChannelSnapshot snapshot) {
    for (String channel : snapshot.channels().keySet()) {
      for (int status : List.of(200, 304)) {
        counter(channel, status);
      }
    }
  }

  void count(String channel, int status) {
    Counter c = counters.get(key(channel, status));
    (c != null ? c : counter(channel, status)).increment();
  }

  private Counter counter(String channel, int status) {
    return counters.computeIfAbsent(key(channel, status), k -> Counter.builder(NAME)
        .description("Release-channel requests by channel and HTTP status")
        .tag("channel", channel)
        .tag("status", Integer.toString(status))
        .register(registry));
  }

  private static String key(String channel, int status) {
    return status + " " + channel;
  }
}
