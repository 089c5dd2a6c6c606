package dev.lockstep.server.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.Channel;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.validate.ChannelConsistency;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciler-facing contract of the store, without Quarkus. */
class ChannelStoreTest {
  static final Rule SOME_ERROR =
      new Rule("compat/agent-above-control-plane", Severity.ERROR, "test rule");

  final ChannelStore store =
      new ChannelStore(
          true,
          Clock.fixed(Instant.parse("2026-11-21T20:00:00Z"), ZoneOffset.UTC),
          new ChannelMetrics(new SimpleMeterRegistry()));

  static Channel channel(String name, String version) {
    return new Channel(
        name, version, SourceLocation.ofFile("channels/" + name + "/version"), "no", null);
  }

  static DesiredState state(String revision, Channel... channels) {
    return new DesiredState(revision, List.of(), List.of(channels), List.of());
  }

  @Test
  void nothingIsServedBeforeTheFirstRevision() {
    assertThat(store.current()).isEmpty();
  }

  @Test
  void aRevisionWithAnErrorIsRefusedAndThePreviousContentStays() {
    store.publish(state("main@good", channel("stable/rolling", "17.2.1")), Findings.NONE);
    Findings failing =
        Findings.of(
            Finding.error(
                SOME_ERROR,
                "channel stable/rolling advertises 18.0.0 above the control plane",
                SourceLocation.ofFile("channels/stable/rolling/version"),
                ""));
    assertThat(store.publish(state("main@bad", channel("stable/rolling", "18.0.0")), failing))
        .isEmpty();
    ChannelSnapshot served = store.current().orElseThrow();
    assertThat(served.revision()).isEqualTo("main@good");
    assertThat(served.channels().get("stable/rolling").version()).isEqualTo("v17.2.1");
    assertThat(served.lookup("/channels/stable/rolling/version").body().toString())
        .isEqualTo("v17.2.1");
  }

  @Test
  void aFailingFirstRevisionLeavesNothingServed() {
    Findings failing =
        Findings.of(Finding.error(SOME_ERROR, "bad", SourceLocation.ofFile("x"), ""));
    assertThat(store.publish(state("main@bad", channel("c", "1.0.0")), failing)).isEmpty();
    assertThat(store.current()).isEmpty();
  }

  @Test
  void warningsDoNotStopPublishing() {
    Findings warnings =
        Findings.of(
            Finding.warning(
                ChannelConsistency.TARGET_MISMATCH, "differs", SourceLocation.ofFile("x"), ""));
    assertThat(store.publish(state("main@warn", channel("c", "1.0.0")), warnings)).isPresent();
    assertThat(store.current().orElseThrow().revision()).isEqualTo("main@warn");
  }

  @Test
  void malformedOrDuplicateNamesAreRefusedWithoutChangingWhatIsServed() {
    store.publish("main@good", List.of(channel("c", "1.0.0")));
    assertThatThrownBy(() -> store.publish("main@x", List.of(channel("../etc", "1.0.0"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> store.publish("main@y", List.of(channel("d", "1.0.0"), channel("d", "2.0.0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThat(store.current().orElseThrow().revision()).isEqualTo("main@good");
  }

  @Test
  void theSnapshotIsACopyOfWhatWasGiven() {
    List<Channel> given = new ArrayList<>(List.of(channel("c", "1.0.0")));
    ChannelSnapshot s = store.publish("main@1", given);
    given.clear();
    assertThat(s.channels()).containsOnlyKeys("c");
    assertThat(s.publishedAt()).isEqualTo(Instant.parse("2026-11-21T20:00:00Z"));
  }

  @Test
  void everyPrefixAndTypeIsPrecomputedAndNothingElse() {
    ChannelSnapshot s = store.publish("main@1", List.of(channel("stable/cloud", "1.0.0")));
    for (String prefix : ChannelSnapshot.PREFIXES) {
      assertThat(s.lookup(prefix + "stable/cloud/version").body().toString()).isEqualTo("v1.0.0");
      assertThat(s.lookup(prefix + "stable/cloud/critical").body().toString()).isEqualTo("no");
    }
    assertThat(s.lookup("/channels/stable/cloud/../cloud/version")).isNull();
    assertThat(s.lookup("/channels/stable/cloud")).isNull();
  }

  @Test
  void anOddRevisionLabelStillMakesAValidHeader() {
    ChannelSnapshot s = store.publish("main@1\r\nSet-Cookie: x", List.of());
    assertThat(s.revisionHeader().toString()).isEqualTo("main@1??Set-Cookie: x");
  }
}
