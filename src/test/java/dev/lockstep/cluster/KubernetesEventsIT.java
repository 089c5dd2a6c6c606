package dev.lockstep.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.notify.Event;
import dev.lockstep.notify.EventKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link KubernetesEvents} against fabric8's mock API server in CRUD mode. */
class KubernetesEventsIT {
  private static final String NS = "teleport";
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  MockApiServer server;
  KubernetesClient client;
  KubernetesEvents sink;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockApiServer();
    client = server.client;
    sink =
        new KubernetesEvents(
            "kubernetes-events",
            client,
            NS,
            KubernetesEvents.Involved.autoupdateConfig(),
            Optional.of("lockstep-5d9f-abcde"));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private List<io.fabric8.kubernetes.api.model.Event> recorded() {
    return client.v1().events().inNamespace(NS).list().getItems();
  }

  private static Event event(EventKind kind, String summary, Event.Fact... facts) {
    return Event.of(kind, "prod", summary, List.of(facts), AT);
  }

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(
            Named.named("applied", event(EventKind.APPLIED, "main@1a2b3c4d applied (1 change)")),
            "Normal",
            "Applied"),
        Arguments.of(
            Named.named(
                "drift corrected",
                event(
                    EventKind.DRIFT_CORRECTED,
                    "changes made by hand were undone",
                    new Event.Fact("drift", "autoupdate_config: spec.agents.mode"))),
            "Normal",
            "DriftCorrected"),
        Arguments.of(
            Named.named("a stalled group", event(EventKind.CHECK_FAILING, "stalled on prod")),
            "Warning",
            "CheckFailing"),
        Arguments.of(
            Named.named("halted", event(EventKind.HALTED, "canary_timeout failed on prod")),
            "Warning",
            "Halted"),
        Arguments.of(
            Named.named("revision refused", event(EventKind.REVISION_REFUSED, "refused")),
            "Warning",
            "RevisionRefused"),
        Arguments.of(
            Named.named("rollout done", event(EventKind.ROLLOUT_DONE, "every group")),
            "Normal",
            "RolloutDone"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void anEventAboutTheAutoupdateConfig(Event e, String type, String reason) throws Exception {
    sink.deliver(e);
    assertThat(recorded())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.getType()).isEqualTo(type);
              assertThat(k.getReason()).isEqualTo(reason);
              assertThat(k.getMessage()).startsWith(e.summary());
              assertThat(k.getMetadata().getNamespace()).isEqualTo(NS);
              assertThat(k.getMetadata().getName()).startsWith("autoupdate-config.");
              assertThat(k.getInvolvedObject().getKind()).isEqualTo("TeleportAutoupdateConfigV1");
              assertThat(k.getInvolvedObject().getApiVersion())
                  .isEqualTo("resources.teleport.dev/v1");
              assertThat(k.getInvolvedObject().getName()).isEqualTo("autoupdate-config");
              assertThat(k.getInvolvedObject().getNamespace()).isEqualTo(NS);
              assertThat(k.getSource().getComponent()).isEqualTo("lockstep");
              assertThat(k.getReportingInstance()).isEqualTo("lockstep-5d9f-abcde");
              assertThat(k.getLastTimestamp()).isEqualTo("2026-12-01T10:00:00Z");
            });
  }

  @Test
  void factsFollowTheSummaryAndALongMessageIsCut() throws Exception {
    sink.deliver(
        event(
            EventKind.DRIFT_CORRECTED,
            "undone",
            new Event.Fact("drift", "a"),
            new Event.Fact("drift", "x".repeat(2000))));
    String message = recorded().get(0).getMessage();
    assertThat(message).startsWith("undone; drift: a; drift: xxx").endsWith("...");
    assertThat(message).hasSize(KubernetesEvents.MAX_MESSAGE);
  }

  @Test
  void aRetriedDeliveryRecordsTheEventOnceAndOtherEventsApart() throws Exception {
    Event halted = event(EventKind.HALTED, "halted");
    sink.deliver(halted);
    sink.deliver(halted);
    assertThat(recorded()).hasSize(1);
    sink.deliver(event(EventKind.HALTED, "halted again"));
    assertThat(recorded()).hasSize(2);
  }

  @Test
  void eventsAboutTheRepositoryAreNotRecorded() throws Exception {
    sink.deliver(event(EventKind.BUMP_PROPOSED, "17.3.0 proposed"));
    sink.deliver(event(EventKind.PLAN, "plan"));
    assertThat(recorded()).isEmpty();
  }

  @Test
  void eventsAboutLockstepsPod() throws Exception {
    new KubernetesEvents(
            "pod-events",
            client,
            NS,
            KubernetesEvents.Involved.pod("lockstep-5d9f-abcde"),
            Optional.empty())
        .deliver(event(EventKind.BLIND, "reports expired"));
    assertThat(recorded())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.getInvolvedObject().getKind()).isEqualTo("Pod");
              assertThat(k.getInvolvedObject().getName()).isEqualTo("lockstep-5d9f-abcde");
              assertThat(k.getType()).isEqualTo("Warning");
              assertThat(k.getReason()).isEqualTo("Blind");
            });
  }
}
