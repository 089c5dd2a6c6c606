package dev.lockstep.cluster;

import dev.lockstep.notify.Event;
import dev.lockstep.notify.EventKind;
import dev.lockstep.notify.Sink;
import dev.lockstep.notify.SinkException;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification sink that records events as Kubernetes Events ({@code kubectl describe} and {@code
 * kubectl get events} show them) in the target's namespace, about the {@code
 * TeleportAutoupdateConfig} CR Lockstep manages or about Lockstep's own pod: applies, drift
 * corrections, refused revisions, the rollout's moves, failing checks, halts and blind checks.
 * Needs {@code create} on {@code events} (the chart grants it). Each event's name is derived from
 * its content, so a retried delivery finds its event already there and does not record it twice.
 */
public final class KubernetesEvents implements Sink {

  /** The component named as the events' source. */
  public static final String COMPONENT = "lockstep";

  /** Kubernetes refuses longer messages. */
  static final int MAX_MESSAGE = 1024;

  /**
   * The object the events are about.
   *
   * @param apiVersion e.g. {@code resources.teleport.dev/v1}
   * @param kind e.g. {@code TeleportAutoupdateConfigV1}
   * @param name its name
   */
  public record Involved(String apiVersion, String kind, String name) {
    public Involved {
      Objects.requireNonNull(apiVersion, "apiVersion");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
    }

    /** The {@code autoupdate_config} CR of the Teleport operator (teleport-semantics §14). */
    public static Involved autoupdateConfig() {
      return new Involved(
          KubernetesTarget.API_VERSION, "TeleportAutoupdateConfigV1", "autoupdate-config");
    }

    /** A pod, e.g. Lockstep's own (its name is the {@code HOSTNAME} of its container). */
    public static Involved pod(String name) {
      return new Involved("v1", "Pod", name);
    }
  }

  private final String name;
  private final KubernetesClient client;
  private final String namespace;
  private final Involved involved;
  private final Optional<String> instance;

  /**
   * @param name the sink's name in messages
   * @param client the cluster's client
   * @param namespace where the events go: the involved object's namespace
   * @param involved what they are about
   * @param instance the reporting instance (the pod's name), if known
   */
  public KubernetesEvents(
      String name,
      KubernetesClient client,
      String namespace,
      Involved involved,
      Optional<String> instance) {
    this.name = Objects.requireNonNull(name, "name");
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.involved = Objects.requireNonNull(involved, "involved");
    this.instance = Objects.requireNonNull(instance, "instance");
  }

  @Override
  public String name() {
    return name;
  }

  /** The Kubernetes Event type of a kind: {@code Warning} for what needs a person, or empty. */
  static Optional<String> type(EventKind kind) {
    return switch (kind) {
      case REVISION_REFUSED, CHECK_FAILING, HALTED, BLIND -> Optional.of("Warning");
      case APPLIED, DRIFT_CORRECTED, ROLLOUT_STARTED, GROUP_DONE, ROLLOUT_DONE ->
          Optional.of("Normal");
      // about the repository, not the cluster
      case BUMP_PROPOSED, PLAN -> Optional.empty();
    };
  }

  /** The Event's reason: the kind in PascalCase, e.g. {@code DriftCorrected}. */
  static String reason(EventKind kind) {
    StringBuilder out = new StringBuilder();
    for (String part : kind.label().split("_")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }

  /** The Event's message: the summary, then the facts, at most {@link #MAX_MESSAGE} characters. */
  static String message(Event e) {
    StringBuilder out = new StringBuilder(e.summary());
    for (Event.Fact f : e.facts()) {
      out.append("; ").append(f.name()).append(": ").append(f.value());
    }
    String text = out.toString().replaceAll("\\p{Cntrl}", " ");
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
  }

  @Override
  public void deliver(Event e) throws SinkException {
    Optional<String> type = type(e.kind());
    if (type.isEmpty()) {
      return;
    }
    String at = e.at().toString();
    ObjectReference object =
        new ObjectReferenceBuilder()
            .withApiVersion(involved.apiVersion())
            .withKind(involved.kind())
            .withName(involved.name())
            .withNamespace(namespace)
            .build();
    io.fabric8.kubernetes.api.model.Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(involved.name() + "." + digest(e))
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/managed-by", COMPONENT)
            .endMetadata()
            .withInvolvedObject(object)
            .withType(type.get())
            .withReason(reason(e.kind()))
            .withMessage(message(e))
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(instance.orElse(COMPONENT))
            .withFirstTimestamp(at)
            .withLastTimestamp(at)
            .withCount(1)
            .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException x) {
      if (x.getCode() == 409) {
        return; // a retry of an event already recorded
      }
      boolean retryable = x.getCode() == 0 || x.getCode() == 429 || x.getCode() >= 500;
      throw new SinkException(
          retryable,
          Optional.empty(),
          name
              + ": recording a Kubernetes Event in "
              + namespace
              + " failed"
              + (x.getCode() == 0 ? "" : " (HTTP " + x.getCode() + ")")
              + (x.getCode() == 403 ? ": the service account needs create on events" : ""));
    }
  }

  /** 16 hex digits of the event's content: the same event always gets the same name. */
  private static String digest(Event e) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String content =
          e.kind().label()
              + "\n"
              + e.cluster()
              + "\n"
              + e.at()
              + "\n"
              + e.summary()
              + "\n"
              + e.facts();
      byte[] hash = sha.digest(content.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException x) {
      throw new IllegalStateException("SHA-256 is required of every JVM", x);
    }
  }
}
