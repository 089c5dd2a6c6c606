package dev.lockstep.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays the Teleport Kubernetes operator against the mock API server: for every new generation of
 * an autoupdate CR it writes status conditions, the way the real operator's generic reconciler does
 * (teleport-semantics §14). Behaviour per kind is set by the test. Runs on one daemon thread,
 * polling every 20 ms, stopped by {@link #close()}.
 */
final class FakeOperator implements AutoCloseable {

  /** How the fake answers a new generation. */
  enum Behaviour {
    /** SuccessfullyReconciled=True with observedGeneration set (Kubernetes convention). */
    ACCEPT,
    /**
     * As Teleport's operator: no observedGeneration, first a transient SuccessfullyReconciled=True
     * (after its Get), then the final verdict, here a TeleportError.
     */
    TELEPORT_STYLE_REJECT,
    /** As Teleport's operator, no observedGeneration, final verdict success. */
    TELEPORT_STYLE_ACCEPT,
    /** SuccessfullyReconciled=False, reason TeleportError. */
    REJECT,
    /** TeleportResourceOwned=False, reason OriginLabelNotMatching (an unowned resource exists). */
    UNOWNED,
    /**
     * As newer Teleport operators that cannot get a Teleport client: TeleportClient=False, reason
     * TeleportClientError, no observedGeneration, and no SuccessfullyReconciled at all.
     */
    NO_CLIENT,
    /** Never answers (operator not running). */
    SILENT
  }

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Behaviour> behaviour = new ConcurrentHashMap<>();
  private final Map<String, Long> handled = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  volatile String rejection = "autoupdate_config has invalid schedule";

  FakeOperator(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    thread = new Thread(this::loop, "fake-teleport-operator");
    thread.setDaemon(true);
    thread.start();
  }

  /** Registers the two CRDs (with a status subresource) in the mock server. */
  static void installCrds(KubernetesClient client) {
    for (var kind :
        List.of(
            dev.lockstep.model.ResourceKind.AUTOUPDATE_CONFIG,
            dev.lockstep.model.ResourceKind.AUTOUPDATE_VERSION)) {
      ResourceDefinitionContext ctx = KubernetesTarget.crd(kind).orElseThrow();
      CustomResourceDefinition crd =
          new CustomResourceDefinitionBuilder()
              .withNewMetadata()
              .withName(ctx.getPlural() + "." + ctx.getGroup())
              .endMetadata()
              .withNewSpec()
              .withGroup(ctx.getGroup())
              .withScope("Namespaced")
              .withNewNames()
              .withKind(ctx.getKind())
              .withPlural(ctx.getPlural())
              .endNames()
              .addNewVersion()
              .withName("v1")
              .withServed(true)
              .withStorage(true)
              .withNewSubresources()
              .withNewStatus()
              .endStatus()
              .endSubresources()
              .endVersion()
              .endSpec()
              .build();
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(crd)
          .createOr(op -> op.update());
    }
  }

  void set(String crName, Behaviour b) {
    behaviour.put(crName, b);
  }

  private void loop() {
    long stopAt = System.nanoTime() + 120_000_000_000L; // bounded even if a test forgets close()
    while (running.get() && System.nanoTime() < stopAt) {
      try {
        for (var kind :
            List.of(
                dev.lockstep.model.ResourceKind.AUTOUPDATE_CONFIG,
                dev.lockstep.model.ResourceKind.AUTOUPDATE_VERSION)) {
          ResourceDefinitionContext ctx = KubernetesTarget.crd(kind).orElseThrow();
          for (GenericKubernetesResource cr :
              client.genericKubernetesResources(ctx).inNamespace(namespace).list().getItems()) {
            reconcile(ctx, cr);
          }
        }
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the mock server is shutting down, or a write raced: try again on the next tick
      }
    }
  }

  private void reconcile(ResourceDefinitionContext ctx, GenericKubernetesResource cr)
      throws InterruptedException {
    String name = cr.getMetadata().getName();
    long generation =
        cr.getMetadata().getGeneration() == null ? 0 : cr.getMetadata().getGeneration();
    String key = ctx.getKind() + "/" + name;
    if (handled.getOrDefault(key, -1L) == generation) {
      return;
    }
    Behaviour b = behaviour.getOrDefault(name, Behaviour.ACCEPT);
    if (b == Behaviour.SILENT) {
      return;
    }
    handled.put(key, generation);
    boolean teleportStyle =
        b == Behaviour.TELEPORT_STYLE_ACCEPT
            || b == Behaviour.TELEPORT_STYLE_REJECT
            || b == Behaviour.NO_CLIENT;
    Long observed = teleportStyle ? null : generation;
    if (b == Behaviour.NO_CLIENT) {
      writeConditions(
          ctx,
          name,
          List.of(
              condition(
                  "TeleportClient",
                  "False",
                  "TeleportClientError",
                  "Failed to get a Teleport client: failed to connect to the auth server:"
                      + " connection refused",
                  null)));
      return;
    }
    if (teleportStyle) {
      // the real operator reports success after reading Teleport, before writing to it
      writeConditions(
          ctx,
          name,
          List.of(
              condition(
                  "ValidStructure",
                  "True",
                  "NoError",
                  "Kubernetes CR was successfully decoded.",
                  null),
              condition(
                  "SuccessfullyReconciled",
                  "True",
                  "NoError",
                  "Teleport Resource was successfully reconciled, no error was returned by Teleport.",
                  null)));
      Thread.sleep(100);
    }
    List<Map<String, Object>> conds = new ArrayList<>();
    conds.add(
        condition(
            "ValidStructure",
            "True",
            "NoError",
            "Kubernetes CR was successfully decoded.",
            observed));
    switch (b) {
      case ACCEPT, TELEPORT_STYLE_ACCEPT -> {
        conds.add(
            condition(
                "TeleportResourceOwned",
                "True",
                "OriginLabelMatching",
                "Teleport resource has the Kubernetes origin label.",
                observed));
        conds.add(
            condition(
                "SuccessfullyReconciled",
                "True",
                "NoError",
                "Teleport Resource was successfully reconciled, no error was returned by Teleport.",
                observed));
      }
      case REJECT, TELEPORT_STYLE_REJECT -> {
        conds.add(
            condition(
                "TeleportResourceOwned",
                "True",
                "OriginLabelMatching",
                "Teleport resource has the Kubernetes origin label.",
                observed));
        conds.add(
            condition(
                "SuccessfullyReconciled",
                "False",
                "TeleportError",
                "Teleport returned the error: " + rejection,
                observed));
      }
      case UNOWNED -> {
        conds.add(
            condition(
                "TeleportResourceOwned",
                "False",
                "OriginLabelNotMatching",
                "A resource with the same name already exists in Teleport and does not have the Kubernetes origin label. Refusing to reconcile.",
                observed));
        conds.add(
            condition(
                "SuccessfullyReconciled",
                "False",
                "TeleportError",
                "Teleport returned the error: unowned Resource \"" + name + "\" already exists",
                observed));
      }
      default -> throw new IllegalStateException(b.name());
    }
    writeConditions(ctx, name, conds);
  }

  private void writeConditions(
      ResourceDefinitionContext ctx, String name, List<Map<String, Object>> conds) {
    client
        .genericKubernetesResources(ctx)
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            cr -> {
              Map<String, Object> status = new LinkedHashMap<>();
              status.put("conditions", conds);
              status.put("teleportResourceID", 1L);
              cr.setAdditionalProperty("status", status);
              return cr;
            });
  }

  private static Map<String, Object> condition(
      String type, String status, String reason, String message, Long observed) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status);
    c.put("reason", reason);
    c.put("message", message);
    c.put("lastTransitionTime", Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z"));
    if (observed != null) {
      c.put("observedGeneration", observed);
    }
    return c;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.interrupt();
    thread.join(2000);
  }
}
