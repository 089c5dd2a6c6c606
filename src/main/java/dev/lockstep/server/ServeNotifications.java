package dev.lockstep.server;

import dev.lockstep.cluster.KubernetesEvents;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.notify.Event;
import dev.lockstep.notify.Notifier;
import dev.lockstep.notify.NotifySettings;
import dev.lockstep.notify.Sink;
import dev.lockstep.reconcile.ReconcileReport;
import dev.lockstep.reconcile.ReportEvents;
import dev.lockstep.reconcile.StatusDocument;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The notifications of {@code serve}: owns the {@link Notifier} of the configured sinks and, after
 * each reconcile, publishes the events that run gave compared with the run before ({@link
 * ReportEvents}). {@link #after} only queues: a slow or hanging sink never delays the reconcile
 * loop. Called from the reconcile thread only; it keeps the previous run for the comparison.
 */
final class ServeNotifications implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ServeNotifications.class);

  private final Notifier notifier;
  private final String cluster;
  private Optional<ReportEvents.Run> previous = Optional.empty();

  private ServeNotifications(Notifier notifier, String cluster) {
    this.notifier = notifier;
    this.cluster = cluster;
  }

  /**
   * Starts one sender thread per configured sink (none when no sink is configured).
   *
   * @param cluster the cluster's name for events of runs whose status names none
   */
  static ServeNotifications start(NotifySettings settings, String cluster) {
    return start(settings.routes(), settings.policy(), cluster, LOG::warn);
  }

  /**
   * The configured sinks and, when the target is Kubernetes, Kubernetes Events about the {@code
   * TeleportAutoupdateConfig} CR in the target's namespace (every event kind the cluster concerns).
   *
   * @param kubernetes the client, asked for only when the target is Kubernetes
   * @param cluster the cluster's name for events of runs whose status names none
   */
  static ServeNotifications start(
      ServeSettings settings, Supplier<KubernetesClient> kubernetes, String cluster) {
    List<Notifier.Route> routes = new ArrayList<>(settings.notifications().routes());
    if (settings.target().kind() == TargetKind.KUBERNETES) {
      KubernetesClient client = kubernetes.get();
      String fallback = Optional.ofNullable(client.getNamespace()).orElse("default");
      routes.add(
          new Notifier.Route(
              new KubernetesEvents(
                  "kubernetes-events",
                  client,
                  settings.target().kubernetes(fallback).namespace(),
                  KubernetesEvents.Involved.autoupdateConfig(),
                  Optional.ofNullable(System.getenv("HOSTNAME"))),
              Set.of()));
    }
    return start(routes, settings.notifications().policy(), cluster, LOG::warn);
  }

  /** With these routes and a log of failures (tests). */
  static ServeNotifications start(
      List<Notifier.Route> routes, Notifier.Policy policy, String cluster, Consumer<String> log) {
    if (!routes.isEmpty()) {
      LOG.infof(
          "notifications to %s",
          String.join(", ", routes.stream().map(Notifier.Route::sink).map(Sink::name).toList()));
    }
    return new ServeNotifications(
        Notifier.start(routes, policy, line -> log.accept("notification failed: " + line)),
        cluster);
  }

  /**
   * Queues the events of this run for the sinks that want them and returns at once.
   *
   * @param report what the run did
   * @param status the status it computed, if any (the cluster, the source commit, the rollout)
   * @return the events queued, in order
   */
  List<Event> after(ReconcileReport report, Optional<StatusDocument> status) {
    ReportEvents.Run current = new ReportEvents.Run(report, status);
    List<Event> events = new ArrayList<>();
    try {
      events.addAll(ReportEvents.between(cluster, previous, current));
    } catch (RuntimeException e) {
      // a notification must never fail a reconcile
      LOG.warnf("cannot tell the events of this run (%s)", e.toString());
    }
    previous = Optional.of(current);
    events.forEach(notifier::publish);
    return List.copyOf(events);
  }

  /** What each sink has done so far, by sink name. */
  Map<String, Notifier.Counts> counts() {
    return notifier.counts();
  }

  /** Waits until every queued event is delivered or given up, or {@code timeout} passes. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    return notifier.awaitIdle(timeout);
  }

  @Override
  public void close() {
    notifier.close();
  }
}
