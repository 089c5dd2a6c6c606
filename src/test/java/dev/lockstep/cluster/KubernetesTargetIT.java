package dev.lockstep.cluster;

import static dev.lockstep.model.TestResources.list;
import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.cluster.FakeOperator.Behaviour;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KubernetesTarget} against fabric8's mock API server in CRUD mode (taught server-side
 * apply, see {@link MockApiServer}), with {@link FakeOperator} playing the Teleport operator.
 */
class KubernetesTargetIT {
  private static final String NS = "teleport";

  MockApiServer server;
  KubernetesClient client;
  FakeOperator operator;
  KubernetesTarget target;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockApiServer();
    client = server.client;
    FakeOperator.installCrds(client);
    operator = new FakeOperator(client, NS);
    target =
        new KubernetesTarget(
                client,
                new KubernetesSettings(
                    NS, Duration.ofSeconds(3), Duration.ofMillis(25), Duration.ofMillis(300)))
            .forRevision("main@1a2b3c4");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    operator.close();
    server.close();
  }

  static Resource config(String windowDuration, long startHour) {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_CONFIG,
        map(
            "agents",
            map(
                "mode",
                "enabled",
                "strategy",
                "time-based",
                "maintenance_window_duration",
                windowDuration,
                "schedules",
                map(
                    "regular",
                    list(
                        map(
                            "name",
                            "prod",
                            "days",
                            list("Mon", "Tue"),
                            "start_hour",
                            startHour,
                            "wait_hours",
                            0L))))),
        "clusters/prod/config.yaml");
  }

  static Resource version(String target) {
    return TestResources.of(
        ResourceKind.AUTOUPDATE_VERSION,
        map(
            "agents",
            map(
                "start_version",
                "17.2.0",
                "target_version",
                target,
                "schedule",
                "regular",
                "mode",
                "enabled")));
  }

  GenericKubernetesResource cr(ResourceKind kind, String name) {
    ResourceDefinitionContext ctx = KubernetesTarget.crd(kind).orElseThrow();
    return client.genericKubernetesResources(ctx).inNamespace(NS).withName(name).get();
  }

  @Test
  void createsTheOperatorCrWithTheExactShape() throws Exception {
    ApplyOutcome outcome = target.apply(config("1h", 2L), false);

    assertThat(outcome.change()).isEqualTo(ChangeKind.CREATE);
    assertThat(outcome.written()).isTrue();
    assertThat(server.applyRequests)
        .containsExactly(
            "/apis/resources.teleport.dev/v1/namespaces/teleport/teleportautoupdateconfigsv1/autoupdate-config?fieldManager=lockstep&force=true");
    GenericKubernetesResource cr = cr(ResourceKind.AUTOUPDATE_CONFIG, "autoupdate-config");
    assertThat(cr.getApiVersion()).isEqualTo("resources.teleport.dev/v1");
    assertThat(cr.getKind()).isEqualTo("TeleportAutoupdateConfigV1");
    assertThat(cr.getMetadata().getName()).isEqualTo("autoupdate-config");
    assertThat(cr.getMetadata().getNamespace()).isEqualTo(NS);
    assertThat(cr.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "lockstep");
    assertThat(cr.getMetadata().getAnnotations())
        .containsEntry("lockstep.dev/source-revision", "main@1a2b3c4");
    assertThat(cr.getAdditionalProperties().get("spec"))
        .isEqualTo(
            map(
                "agents",
                map(
                    "mode",
                    "enabled",
                    "strategy",
                    "time-based",
                    "maintenance_window_duration",
                    "3600s",
                    "schedules",
                    map(
                        "regular",
                        list(map("name", "prod", "days", list("Mon", "Tue"), "start_hour", 2))))));
  }

  @Test
  void versionCrIsNamedAndKindedForTheOperator() throws Exception {
    target.apply(version("17.3.0"), false);

    GenericKubernetesResource cr = cr(ResourceKind.AUTOUPDATE_VERSION, "autoupdate-version");
    assertThat(cr.getKind()).isEqualTo("TeleportAutoupdateVersionV1");
    assertThat(cr.getAdditionalProperties().get("spec"))
        .isEqualTo(
            map(
                "agents",
                map(
                    "start_version",
                    "17.2.0",
                    "target_version",
                    "17.3.0",
                    "schedule",
                    "regular",
                    "mode",
                    "enabled")));
  }

  @Test
  void applyingTheSameSpecTwiceWritesNothing() throws Exception {
    target.apply(config("1h", 2L), false);
    long generation =
        cr(ResourceKind.AUTOUPDATE_CONFIG, "autoupdate-config").getMetadata().getGeneration();

    // "60m" is the same duration as "1h": canonical forms are compared
    ApplyOutcome again = target.apply(config("60m", 2L), false);

    assertThat(again.change()).isEqualTo(ChangeKind.NOOP);
    assertThat(again.written()).isFalse();
    assertThat(
            cr(ResourceKind.AUTOUPDATE_CONFIG, "autoupdate-config").getMetadata().getGeneration())
        .isEqualTo(generation);
  }

  @Test
  void liveEditIsObservedAsDriftAndUndone() throws Exception {
    target.apply(version("17.3.0"), false);
    ResourceDefinitionContext ctx =
        KubernetesTarget.crd(ResourceKind.AUTOUPDATE_VERSION).orElseThrow();
    client
        .genericKubernetesResources(ctx)
        .inNamespace(NS)
        .withName("autoupdate-version")
        .edit(
            cr -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> agents =
                  (Map<String, Object>)
                      ((Map<String, Object>) cr.getAdditionalProperties().get("spec"))
                          .get("agents");
              agents.put("target_version", "18.0.0");
              return cr;
            });

    Resource live =
        target
            .observe(Set.of(ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION)))
            .values()
            .iterator()
            .next();
    ResourceDiff drift = SpecDiff.of(version("17.3.0"), live);
    assertThat(drift.fields())
        .containsExactly(new FieldChange("spec.agents.target_version", "17.3.0", "18.0.0"));

    ApplyOutcome undone = target.apply(version("17.3.0"), false);
    assertThat(undone.change()).isEqualTo(ChangeKind.UPDATE);
    assertThat(
            SpecDiff.of(
                    version("17.3.0"),
                    target
                        .observe(Set.of(ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION)))
                        .get(ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION)))
                .isChange())
        .isFalse();
  }

  @Test
  void fieldAddedLiveByAnotherManagerIsRemovedByApply() throws Exception {
    target.apply(version("17.3.0"), false);
    ResourceDefinitionContext ctx =
        KubernetesTarget.crd(ResourceKind.AUTOUPDATE_VERSION).orElseThrow();
    client
        .genericKubernetesResources(ctx)
        .inNamespace(NS)
        .withName("autoupdate-version")
        .edit(
            cr -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> spec =
                  (Map<String, Object>) cr.getAdditionalProperties().get("spec");
              spec.put("tools", new java.util.LinkedHashMap<>(Map.of("target_version", "18.0.0")));
              return cr;
            });
    ResourceId id = ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION);
    assertThat(SpecDiff.of(version("17.3.0"), target.observe(Set.of(id)).get(id)).fields())
        .containsExactly(new FieldChange("spec.tools.target_version", null, "18.0.0"));

    target.apply(version("17.3.0"), false);

    assertThat(SpecDiff.of(version("17.3.0"), target.observe(Set.of(id)).get(id)).isChange())
        .isFalse();
  }

  @Test
  void teleportErrorIsAnApplyFailureWithTheOperatorsMessage() {
    operator.set("autoupdate-config", Behaviour.REJECT);

    assertThatThrownBy(() -> target.apply(config("1h", 2L), false))
        .isInstanceOfSatisfying(
            TargetException.class,
            e -> assertThat(e.reason()).isEqualTo(TargetException.Reason.REJECTED))
        .hasMessageContaining(
            "TeleportError: Teleport returned the error: autoupdate_config has invalid schedule");
  }

  @Test
  void unownedTeleportResourceIsReported() {
    operator.set("autoupdate-version", Behaviour.UNOWNED);

    assertThatThrownBy(() -> target.apply(version("17.3.0"), false))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("OriginLabelNotMatching");
  }

  @Test
  void teleportStyleConditionsWithoutGenerationAreJudgedAfterTheyStopChanging() throws Exception {
    operator.set("autoupdate-config", Behaviour.TELEPORT_STYLE_ACCEPT);
    target.apply(config("1h", 2L), false);

    // an update: the stale True must not count, and the transient True before the error must not
    // either
    operator.set("autoupdate-config", Behaviour.TELEPORT_STYLE_REJECT);
    assertThatThrownBy(() -> target.apply(config("1h", 3L), false))
        .isInstanceOfSatisfying(
            TargetException.class,
            e -> assertThat(e.reason()).isEqualTo(TargetException.Reason.REJECTED))
        .hasMessageContaining("TeleportError");

    operator.set("autoupdate-config", Behaviour.TELEPORT_STYLE_ACCEPT);
    assertThat(target.apply(config("1h", 4L), false).written()).isTrue();
  }

  @Test
  void anOperatorWithoutATeleportClientIsReportedAtOnceNotAfterTheTimeout() {
    operator.set("autoupdate-version", Behaviour.NO_CLIENT);
    long start = System.nanoTime();

    assertThatThrownBy(() -> target.apply(version("17.3.0"), false))
        .isInstanceOfSatisfying(
            TargetException.class,
            e -> assertThat(e.reason()).isEqualTo(TargetException.Reason.UNREACHABLE))
        .hasMessageContaining("cannot reach Teleport")
        .hasMessageContaining(
            "TeleportClientError: Failed to get a Teleport client: failed to connect to the auth"
                + " server: connection refused");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void silentOperatorTimesOutWithinTheBound() {
    operator.set("autoupdate-version", Behaviour.SILENT);
    long start = System.nanoTime();

    assertThatThrownBy(() -> target.apply(version("17.3.0"), false))
        .isInstanceOfSatisfying(
            TargetException.class,
            e -> assertThat(e.reason()).isEqualTo(TargetException.Reason.TIMEOUT))
        .hasMessageContaining("is the operator running");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void clusterMaintenanceConfigIsRefusedAndNeverObserved() throws Exception {
    Resource cmc =
        TestResources.of(
            ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
            map("agent_upgrades", map("utc_start_hour", 2L)));

    assertThatThrownBy(() -> target.apply(cmc, false))
        .isInstanceOfSatisfying(
            TargetException.class,
            e -> assertThat(e.reason()).isEqualTo(TargetException.Reason.UNSUPPORTED))
        .hasMessageContaining("tctl");
    assertThat(target.observe(TargetKind.TCTL.managedIds())).isEmpty();
  }

  @Test
  void dryRunReportsWithoutWriting() throws Exception {
    ApplyOutcome outcome = target.apply(version("17.3.0"), true);

    assertThat(outcome.change()).isEqualTo(ChangeKind.CREATE);
    assertThat(outcome.written()).isFalse();
    assertThat(cr(ResourceKind.AUTOUPDATE_VERSION, "autoupdate-version")).isNull();
  }

  @Test
  void deleteRemovesTheCrAndToleratesAbsence() throws Exception {
    target.apply(version("17.3.0"), false);
    ResourceId id = ResourceId.singleton(ResourceKind.AUTOUPDATE_VERSION);

    target.delete(id);
    target.delete(id);

    assertThat(target.observe(Set.of(id))).isEmpty();
  }
}
