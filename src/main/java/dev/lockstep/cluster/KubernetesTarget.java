package dev.lockstep.cluster;

import dev.lockstep.model.FieldPath;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.Values;
import dev.lockstep.observe.Observation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link ClusterTarget} that writes the Teleport Kubernetes operator's custom resources
 * (teleport-semantics §14): {@code TeleportAutoupdateConfigV1} / {@code
 * TeleportAutoupdateVersionV1} of {@code resources.teleport.dev/v1}, named {@code
 * autoupdate-config} / {@code autoupdate-version} (the operator copies the object name into
 * Teleport, which accepts only the singleton names), spec in Teleport's snake_case form with
 * durations as protobuf JSON. Writes are server-side apply with field manager {@value
 * #FIELD_MANAGER}, labelled {@value #MANAGED_BY_LABEL}={@value #FIELD_MANAGER} and annotated with
 * the source revision.
 *
 * <p>After a write it waits, bounded, for the operator's verdict: {@code
 * SuccessfullyReconciled=True} is success; {@code SuccessfullyReconciled=False} ({@code
 * TeleportError}, {@code MutationError}), {@code TeleportResourceOwned=False} ({@code
 * OriginLabelNotMatching}) and {@code ValidStructure=False} are {@link
 * TargetException.Reason#REJECTED} with the operator's message; {@code TeleportClient=False} (newer
 * operators: it could not get a Teleport client, {@code TeleportClientError}) with no success
 * beside it is {@link TargetException.Reason#UNREACHABLE} with the operator's message at once
 * instead of a timeout; no verdict in time is {@link TargetException.Reason#TIMEOUT}. A condition
 * counts for the new generation when its {@code observedGeneration} says so. Teleport's operator
 * leaves {@code observedGeneration} unset (it sets conditions with {@code meta.SetStatusCondition}
 * and no generation), so before updating an existing CR this target removes its stale verdict
 * conditions from the status, and then trusts a verdict that reappears once the CR has stopped
 * changing for {@link KubernetesSettings#settle()}: the operator briefly reports success after
 * reading Teleport and before writing to it.
 *
 * <p>{@code cluster_maintenance_config} has no CRD: {@link #observe} never returns it and {@link
 * #apply} refuses it with {@link TargetException.Reason#UNSUPPORTED}; {@link TargetKind#check}
 * reports it as an error finding before anything is applied.
 */
public final class KubernetesTarget implements ClusterTarget {
  /** Server-side apply field manager, and the value of the managed-by label. */
  public static final String FIELD_MANAGER = "lockstep";

  /** Label marking CRs that Lockstep writes. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  /** Annotation holding the source revision of the last write. */
  public static final String REVISION_ANNOTATION = "lockstep.dev/source-revision";

  /**
   * The operator's opt-out annotation (teleport-semantics §14): it does not reconcile such a CR.
   */
  public static final String IGNORE_ANNOTATION = "teleport.dev/ignore";

  /** API group and version of the operator's CRDs. */
  public static final String API_VERSION = "resources.teleport.dev/v1";

  static final String RECONCILED = "SuccessfullyReconciled";
  static final String OWNED = "TeleportResourceOwned";
  static final String VALID_STRUCTURE = "ValidStructure";
  static final String TELEPORT_CLIENT = "TeleportClient";

  private final KubernetesClient client;
  private final KubernetesSettings settings;
  private final String revision;
  private final Optional<RolloutObserver> observer;

  /** A target writing into {@code settings.namespace()} through {@code client}. */
  public KubernetesTarget(KubernetesClient client, KubernetesSettings settings) {
    this(client, settings, "", Optional.empty());
  }

  private KubernetesTarget(
      KubernetesClient client,
      KubernetesSettings settings,
      String revision,
      Optional<RolloutObserver> observer) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.revision = Objects.requireNonNull(revision, "revision");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** The same target, annotating what it writes with {@code revision}. */
  @Override
  public KubernetesTarget forRevision(String revision) {
    return new KubernetesTarget(client, settings, revision, observer);
  }

  /**
   * The same target, observing the live rollout with {@code observer}: the operator has no CRD for
   * the rollout or the agent reports (teleport-semantics §14).
   */
  public KubernetesTarget withObserver(RolloutObserver observer) {
    return new KubernetesTarget(client, settings, revision, Optional.of(observer));
  }

  /**
   * The live rollout through the observer given by {@link #withObserver}; empty without one.
   *
   * @throws TargetException when the observer cannot read the cluster
   */
  @Override
  public Optional<Observation> observeRollout(Instant at, List<String> groups)
      throws TargetException {
    return observer.isEmpty() ? Optional.empty() : Optional.of(observer.get().observe(at, groups));
  }

  @Override
  public String name() {
    return TargetKind.KUBERNETES.label();
  }

  /** The CRD of a kind, if the operator has one (teleport-semantics §14). */
  static Optional<ResourceDefinitionContext> crd(ResourceKind kind) {
    return switch (kind) {
      case AUTOUPDATE_CONFIG ->
          Optional.of(context("TeleportAutoupdateConfigV1", "teleportautoupdateconfigsv1"));
      case AUTOUPDATE_VERSION ->
          Optional.of(context("TeleportAutoupdateVersionV1", "teleportautoupdateversionsv1"));
      default -> Optional.empty();
    };
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("resources.teleport.dev")
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      crs(ResourceDefinitionContext ctx) {
    return client.genericKubernetesResources(ctx).inNamespace(settings.namespace());
  }

  @Override
  public Map<ResourceId, Resource> observe(Set<ResourceId> ids) throws TargetException {
    Map<ResourceId, Resource> out = new TreeMap<>();
    for (ResourceId id : ids) {
      Optional<ResourceDefinitionContext> ctx = crd(id.kind());
      if (ctx.isEmpty()) {
        continue;
      }
      GenericKubernetesResource cr = get(ctx.get(), id);
      if (cr != null) {
        out.put(
            id,
            Observed.resource(
                id, spec(cr), "kubernetes:" + settings.namespace() + "/" + id.name()));
      }
    }
    return out;
  }

  @Override
  public ApplyOutcome apply(Resource desired, boolean dryRun) throws TargetException {
    ResourceDefinitionContext ctx =
        crd(desired.kind())
            .orElseThrow(
                () ->
                    new TargetException(
                        TargetException.Reason.UNSUPPORTED,
                        "the Teleport Kubernetes operator has no custom resource for "
                            + desired.kind().kind()
                            + "; apply it with the tctl target"));
    GenericKubernetesResource live = get(ctx, desired.id());
    ResourceDiff diff =
        SpecDiff.of(desired, live == null ? null : Observed.resource(desired.id(), spec(live), ""));
    if (!diff.isChange() || dryRun) {
      return ApplyOutcome.of(diff, false);
    }
    if (live != null && "true".equalsIgnoreCase(annotation(live, IGNORE_ANNOTATION))) {
      throw new TargetException(
          TargetException.Reason.REJECTED,
          ctx.getKind()
              + " "
              + desired.name()
              + " is annotated "
              + IGNORE_ANNOTATION
              + "=true: the operator would not reconcile it; remove the annotation");
    }
    try {
      boolean verdictCleared = live != null && clearVerdict(ctx, desired.id(), live);
      GenericKubernetesResource applied =
          crs(ctx)
              .resource(manifest(ctx, desired))
              .fieldManager(FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
      Optional<Map<String, Object>> removal = removalPatch(diff.fields());
      if (removal.isPresent()) {
        applied =
            crs(ctx)
                .withName(desired.name())
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(removal.get()));
      }
      long generation = Optional.ofNullable(applied.getMetadata().getGeneration()).orElse(0L);
      awaitVerdict(ctx, desired.id(), generation, verdictCleared || live == null);
    } catch (KubernetesClientException e) {
      throw failure(
          "writing " + ctx.getKind() + " " + settings.namespace() + "/" + desired.name(), e);
    }
    return ApplyOutcome.of(diff, true);
  }

  @Override
  public void delete(ResourceId id) throws TargetException {
    Optional<ResourceDefinitionContext> ctx = crd(id.kind());
    if (ctx.isEmpty()) {
      return;
    }
    try {
      crs(ctx.get()).withName(id.name()).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw failure(
            "deleting " + ctx.get().getKind() + " " + settings.namespace() + "/" + id.name(), e);
      }
    }
  }

  private GenericKubernetesResource get(ResourceDefinitionContext ctx, ResourceId id)
      throws TargetException {
    try {
      return crs(ctx).withName(id.name()).get();
    } catch (KubernetesClientException e) {
      throw failure("reading " + ctx.getKind() + " " + settings.namespace() + "/" + id.name(), e);
    }
  }

  /**
   * A JSON merge patch that removes spec fields set live but not in Git. Server-side apply removes
   * only fields that Lockstep's own field manager set before; a field someone added with {@code
   * kubectl edit} would stay and show as drift on every run. Fields inside lists need nothing: the
   * operator's CRD lists are atomic, so the applied list replaces the live one whole.
   */
  static Optional<Map<String, Object>> removalPatch(List<FieldChange> fields) {
    Map<String, Object> patch = new LinkedHashMap<>();
    for (FieldChange f : fields) {
      if (f.desired() != null || f.observed() == null || f.path().contains("[")) {
        continue;
      }
      Map<String, Object> node = patch;
      List<String> segments = FieldPath.segments(f.path());
      for (int i = 0; i < segments.size() - 1; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> child =
            (Map<String, Object>) node.computeIfAbsent(segments.get(i), k -> new LinkedHashMap<>());
        node = child;
      }
      node.put(segments.get(segments.size() - 1), null);
    }
    return patch.isEmpty() ? Optional.empty() : Optional.of(patch);
  }

  /** The CR Lockstep applies: only the fields it owns (server-side apply). */
  GenericKubernetesResource manifest(ResourceDefinitionContext ctx, Resource desired) {
    Map<String, String> labels = new TreeMap<>();
    Map<String, Object> gitMetadata = Values.map(desired.document(), "metadata");
    if (gitMetadata != null && gitMetadata.get("labels") instanceof Map<?, ?> gitLabels) {
      // the operator copies CR labels onto the Teleport resource (teleport-semantics §14)
      gitLabels.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
    }
    labels.put(MANAGED_BY_LABEL, FIELD_MANAGER);
    Map<String, String> annotations = new TreeMap<>();
    if (!revision.isEmpty()) {
      annotations.put(REVISION_ANNOTATION, revision);
    }
    ObjectMeta meta =
        new ObjectMetaBuilder()
            .withName(desired.name())
            .withNamespace(settings.namespace())
            .withLabels(labels)
            .withAnnotations(annotations.isEmpty() ? null : annotations)
            .build();
    GenericKubernetesResource cr = new GenericKubernetesResource();
    cr.setApiVersion(API_VERSION);
    cr.setKind(ctx.getKind());
    cr.setMetadata(meta);
    cr.setAdditionalProperty("spec", SpecDiff.canonical(desired.spec()));
    return cr;
  }

  /**
   * Removes verdict conditions without an {@code observedGeneration} from the status, so a verdict
   * that comes back was written after this write. Returns true when the status was cleared.
   */
  private boolean clearVerdict(
      ResourceDefinitionContext ctx, ResourceId id, GenericKubernetesResource live) {
    List<Map<String, Object>> conditions = conditions(live);
    if (conditions.stream().noneMatch(c -> isWriteStatus(c) && observedGeneration(c) == 0)) {
      return conditions.stream().noneMatch(KubernetesTarget::isWriteStatus);
    }
    crs(ctx)
        .withName(id.name())
        .editStatus(
            cr -> {
              Map<String, Object> status = new LinkedHashMap<>(statusOf(cr));
              List<Map<String, Object>> kept = new ArrayList<>(conditions(cr));
              kept.removeIf(KubernetesTarget::isWriteStatus);
              status.put("conditions", kept);
              cr.setAdditionalProperty("status", status);
              return cr;
            });
    return true;
  }

  private void awaitVerdict(
      ResourceDefinitionContext ctx, ResourceId id, long generation, boolean freshStatus)
      throws TargetException {
    long deadline = System.nanoTime() + settings.reconcileTimeout().toNanos();
    String lastVersion = null;
    long stableSince = System.nanoTime();
    while (true) {
      GenericKubernetesResource cr = get(ctx, id);
      if (cr == null) {
        throw new TargetException(
            TargetException.Reason.UNREACHABLE,
            ctx.getKind() + " " + id.name() + " disappeared while waiting for the operator");
      }
      String version = cr.getMetadata().getResourceVersion();
      if (!Objects.equals(version, lastVersion)) {
        lastVersion = version;
        stableSince = System.nanoTime();
      }
      boolean settled = System.nanoTime() - stableSince >= settings.settle().toNanos();
      Optional<String> verdict = verdict(conditions(cr), generation, freshStatus, settled);
      Optional<String> noClient =
          verdict.filter(String::isEmpty).isPresent()
              ? Optional.empty()
              : clientFailure(conditions(cr), generation, freshStatus, settled);
      if (noClient.isPresent()) {
        throw new TargetException(
            TargetException.Reason.UNREACHABLE,
            "the Teleport operator cannot reach Teleport to reconcile "
                + ctx.getKind()
                + " "
                + settings.namespace()
                + "/"
                + id.name()
                + ": "
                + noClient.get());
      }
      if (verdict.isPresent()) {
        if (verdict.get().isEmpty()) {
          return;
        }
        throw new TargetException(
            TargetException.Reason.REJECTED,
            "the Teleport operator rejected "
                + ctx.getKind()
                + " "
                + settings.namespace()
                + "/"
                + id.name()
                + ": "
                + verdict.get());
      }
      if (System.nanoTime() >= deadline) {
        throw new TargetException(
            TargetException.Reason.TIMEOUT,
            "the Teleport operator did not report "
                + RECONCILED
                + " for "
                + ctx.getKind()
                + " "
                + settings.namespace()
                + "/"
                + id.name()
                + " generation "
                + generation
                + " within "
                + settings.reconcileTimeout().toSeconds()
                + "s; is the operator running and watching namespace "
                + settings.namespace()
                + "?");
      }
      sleep(settings.pollInterval());
    }
  }

  /**
   * The operator's verdict for {@code generation}: empty when there is none yet, "" for success,
   * else the failure message. Pure, so the rules are tested directly.
   */
  static Optional<String> verdict(
      List<Map<String, Object>> conditions, long generation, boolean freshStatus, boolean settled) {
    List<String> failures = new ArrayList<>();
    boolean success = false;
    boolean any = false;
    for (Map<String, Object> c : conditions) {
      if (!isVerdict(c)) {
        continue;
      }
      long observed = observedGeneration(c);
      boolean current = observed > 0 ? observed >= generation : freshStatus && settled;
      if (!current) {
        continue;
      }
      any = true;
      boolean isTrue = "True".equals(c.get("status"));
      String type = String.valueOf(c.get("type"));
      if (!isTrue) {
        failures.add(Values.string(c, "reason") + ": " + Values.string(c, "message"));
      } else if (RECONCILED.equals(type)) {
        success = true;
      }
    }
    if (!failures.isEmpty()) {
      return Optional.of(String.join("; ", failures));
    }
    return any && success ? Optional.of("") : Optional.empty();
  }

  /**
   * The operator's {@code TeleportClient=False} condition for {@code generation} (newer operators
   * set it when they cannot get a Teleport client, reason {@code TeleportClientError}): its reason
   * and message; empty when there is none. Current by the same rule as {@link #verdict}. Pure.
   */
  static Optional<String> clientFailure(
      List<Map<String, Object>> conditions, long generation, boolean freshStatus, boolean settled) {
    for (Map<String, Object> c : conditions) {
      if (!TELEPORT_CLIENT.equals(c.get("type")) || "True".equals(c.get("status"))) {
        continue;
      }
      long observed = observedGeneration(c);
      if (observed > 0 ? observed >= generation : freshStatus && settled) {
        return Optional.of(Values.string(c, "reason") + ": " + Values.string(c, "message"));
      }
    }
    return Optional.empty();
  }

  private static boolean isVerdict(Map<String, Object> c) {
    Object type = c.get("type");
    return RECONCILED.equals(type) || OWNED.equals(type) || VALID_STRUCTURE.equals(type);
  }

  /** A condition an earlier write left behind: a verdict, or the operator's client condition. */
  private static boolean isWriteStatus(Map<String, Object> c) {
    return isVerdict(c) || TELEPORT_CLIENT.equals(c.get("type"));
  }

  private static long observedGeneration(Map<String, Object> c) {
    return c.get("observedGeneration") instanceof Number n ? n.longValue() : 0L;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> statusOf(GenericKubernetesResource cr) {
    Object status = cr.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> conditions(GenericKubernetesResource cr) {
    Object list = statusOf(cr).get("conditions");
    List<Map<String, Object>> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource cr) {
    Object spec = cr.getAdditionalProperties().get("spec");
    return spec instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String annotation(GenericKubernetesResource cr, String key) {
    Map<String, String> a = cr.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  private static void sleep(Duration d) throws TargetException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException(
          TargetException.Reason.TIMEOUT, "interrupted while waiting for the operator", e);
    }
  }

  private TargetException failure(String what, KubernetesClientException e) {
    int code = e.getCode();
    String detail =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    // no HTTP status at all: the request never got an answer (unknown host, refused, TLS)
    if (code <= 0) {
      return new TargetException(
          TargetException.Reason.UNREACHABLE,
          what
              + ": cannot reach the Kubernetes API at "
              + client.getMasterUrl()
              + ": "
              + rootCause(e)
              + " (check the kubeconfig context, the cluster address and the network)",
          e);
    }
    if (code >= 500 || code == 429) {
      return new TargetException(
          TargetException.Reason.UNREACHABLE,
          what + ": the Kubernetes API is unreachable or failing: " + detail,
          e);
    }
    String hint =
        code == 401 || code == 403
            ? " (check the service account's RBAC, see docs/targets.md)"
            : "";
    return new TargetException(
        TargetException.Reason.REJECTED, what + ": HTTP " + code + ": " + detail + hint, e);
  }

  /** The innermost cause, named in words: fabric8's own message only says the operation failed. */
  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String name =
        switch (t.getClass().getSimpleName()) {
          case "UnknownHostException" -> "unknown host";
          case "ConnectException" -> "connection refused";
          case "SocketTimeoutException", "HttpConnectTimeoutException" -> "timed out";
          case "SSLHandshakeException" -> "TLS handshake failed";
          default -> t.getClass().getSimpleName();
        };
    String message = t.getMessage();
    return message == null || message.isBlank() || message.equalsIgnoreCase(name)
        ? name
        : name + " (" + message + ")";
  }
}
