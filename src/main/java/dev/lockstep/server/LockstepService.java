package dev.lockstep.server;

import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.cluster.FileTarget;
import dev.lockstep.cluster.KubernetesTarget;
import dev.lockstep.cluster.ProcessCommandRunner;
import dev.lockstep.cluster.TctlTarget;
import dev.lockstep.finding.Findings;
import dev.lockstep.forge.Forge;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Version;
import dev.lockstep.reconcile.Coalescer;
import dev.lockstep.reconcile.EmbeddedRepository;
import dev.lockstep.reconcile.Halter;
import dev.lockstep.reconcile.LastKnownStore;
import dev.lockstep.reconcile.PeerStatus;
import dev.lockstep.reconcile.PeerStatuses;
import dev.lockstep.reconcile.ReconcileReport;
import dev.lockstep.reconcile.Reconciler;
import dev.lockstep.reconcile.Resume;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.reconcile.StatusYaml;
import dev.lockstep.server.channel.ChannelStore;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.Housekeeping;
import dev.lockstep.source.SourceException;
import dev.lockstep.source.StatusSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The service around the {@link Reconciler}: builds it from {@link ServeSettings}, runs the loop on
 * one background thread through a {@link Coalescer} (scheduler ticks with jitter, webhooks, the API
 * and retries all ask the same way, so a burst folds into one follow-up run), and gates writes on
 * leader election.
 */
@ApplicationScoped
public class LockstepService {
  private static final Logger LOG = Logger.getLogger(LockstepService.class);

  @Inject LockstepConfig config;
  @Inject Instance<KubernetesClient> kubernetes;
  @Inject ChannelStore channels;
  @Inject ServeMetrics metrics;

  /**
   * Off in tests that exercise other endpoints only (channels), so no reconcile races with them.
   */
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "lockstep-serve.loop",
      defaultValue = "true")
  boolean loopEnabled;

  private final Clock clock = Clock.systemUTC();
  private Throttle throttle;
  private ProxyVersions proxyVersions;
  private ServeLoop loop;
  private Reconciler reconciler;
  private GitSource source;
  private LeaderGate leader = LeaderGate.always();
  private volatile boolean started;
  private String sourceDescription;
  private Resume resume;
  private volatile PeerStatuses peers = new PeerStatuses(clusters -> Map.of());
  private ServeNotifications notifications;
  private DataDirLock dataLock;

  void onStart(@Observes StartupEvent event) {
    if (!loopEnabled) {
      LOG.info("reconcile loop disabled (lockstep-serve.loop=false)");
      return;
    }
    loop = new ServeLoop(this::runOnce);
    throttle = new Throttle(loop, this::trigger);
    try {
      reconciler = build();
      reconciler.resumeFrom(resume);
    } catch (SourceException | IOException | IllegalArgumentException e) {
      throw StartFailure.of(e, config.dataDir());
    }
    if (config.leaderElection().enabled()) {
      KubernetesClient client = kubernetes.get();
      String ns = config.leaderElection().namespace().orElseGet(client::getNamespace);
      String identity = Optional.ofNullable(System.getenv("HOSTNAME")).orElse(null);
      leader =
          new LeaderGate(
              client,
              ns == null ? "default" : ns,
              config.leaderElection().leaseName(),
              identity,
              config.leaderElection().leaseDuration(),
              config.leaderElection().renewDeadline(),
              config.leaderElection().retryPeriod(),
              this::trigger);
      leader.start();
    }
    started = true;
    LOG.infof(
        "lockstep serve: reconciling %s into the %s target every %s%s",
        sourceDescription,
        config.target().kind().label(),
        config.git().interval(),
        reconciler.isSuspended() ? " (suspended)" : "");
    trigger();
  }

  void onStop(@Observes ShutdownEvent event) {
    ServeLoop.Stop stop =
        loop == null ? ServeLoop.Stop.IDLE : loop.stop(config.reconcile().shutdownGrace());
    switch (stop) {
      case IDLE -> LOG.debug("no reconcile in progress at shutdown");
      case FINISHED -> LOG.info("the reconcile in progress finished before shutdown");
      case ABANDONED ->
          LOG.warnf(
              "the reconcile in progress did not finish within %s (lockstep.reconcile.shutdown-grace):"
                  + " abandoned, with no further cluster or status write; the next start reconciles"
                  + " again",
              config.reconcile().shutdownGrace());
    }
    leader.close();
    if (notifications != null) {
      notifications.close();
    }
    // an abandoned run may still read the mirror until the process ends
    if (source != null && stop != ServeLoop.Stop.ABANDONED) {
      source.close();
    }
    if (dataLock != null && stop != ServeLoop.Stop.ABANDONED) {
      try {
        dataLock.close();
      } catch (IOException e) {
        LOG.debugf("releasing the data folder's lock: %s", e.getMessage());
      }
    }
  }

  private Reconciler build() throws SourceException, IOException {
    ServeSettings settings = ServeSettings.from(config, System.getenv());
    dataLock = DataDirLock.take(settings.dataDir());
    if (settings.embedded()) {
      EmbeddedRepository.materialize(settings.dataDir());
    }
    sourceDescription = settings.sourceDescription();
    notifications = ServeNotifications.start(settings.notifications(), config.cluster().orElse(""));
    metrics.notifications(notifications::counts);
    GitSettings git = settings.git();
    source = new GitSource(git);
    log(source.housekeeping());
    StatusSettings status = settings.status();
    ClusterTarget target = target(settings.target());
    GitSource src = source;
    Reconciler.StatusSink sink =
        (name, content, revision, reason, now) ->
            new GitStatusWriter(
                    src, git, ServeSettings.withReason(status, reason), StatusYaml::comparable)
                .write(name, content, revision, now);
    resume =
        new Resume(
            LastKnownStore.in(settings.dataDir()),
            name -> new GitStatusWriter(src, git, status, StatusYaml::comparable).read(name));
    // one writer for the instance's life: an unchanged status branch is not read again every run
    GitStatusWriter peerFiles = new GitStatusWriter(src, git, status, StatusYaml::comparable);
    peers = new PeerStatuses(peerFiles::readAll);
    return new Reconciler(
        source,
        config.git().path(),
        target,
        status,
        sink,
        settings.reconcile(),
        settings.embedded() ? clusters -> Map.of() : this::liveVersions,
        new Reconciler.Listener() {
          @Override
          public void validated(DesiredState state, Findings findings) {
            channels.publish(state, findings);
          }

          @Override
          public void finished(ReconcileReport report) {
            metrics.record(report, reconciler.status());
            notifications.after(report, reconciler.status());
          }
        },
        () -> leader.isLeader() && loop.mayWrite(),
        System::nanoTime,
        settings.embedded() ? Halter.NONE : halter(src, git.ref(), status));
  }

  /**
   * Halts through the followed branch; a refused push opens the halt pull request when bump has a
   * platform.
   */
  private Halter halter(GitSource src, String branch, StatusSettings status) {
    Optional<Forge> forge =
        ServeSettings.bump(config, System.getenv())
            .flatMap(ServeSettings.BumpSettings::forge)
            .map(Forge::of);
    return GitHalter.over(src, branch, status, forge);
  }

  private static void log(Housekeeping.Report h) {
    if (h.owner() == Housekeeping.GcOwner.ALIVE) {
      LOG.info("a gc by another running process holds the Git mirror's gc.pid; left alone");
    }
    if (!h.removed().isEmpty()) {
      LOG.warnf("cleared what a killed process left in the Git mirror: %s", h.removed());
    }
    if (h.gcRan()) {
      LOG.infof("compacted the Git mirror: %d packs, now %d", h.packsBefore(), h.packsAfter());
    }
    h.problem().ifPresent(p -> LOG.warnf("Git mirror housekeeping stopped: %s", p));
  }

  private ClusterTarget target(ServeSettings.TargetSettings t) {
    return switch (t.kind()) {
      case FILE -> new FileTarget(t.fileDir());
      case KUBERNETES -> {
        KubernetesClient client = kubernetes.get();
        String fallback = Optional.ofNullable(client.getNamespace()).orElse("default");
        yield new KubernetesTarget(client, t.kubernetes(fallback));
      }
      case TCTL -> new TctlTarget(t.tctl(), new ProcessCommandRunner());
    };
  }

  /** Live control-plane versions (see {@link ProxyVersions}); the bump job asks too. */
  Map<String, Version> liveVersions(List<ClusterSource> clusters) {
    synchronized (this) {
      if (proxyVersions == null) {
        proxyVersions =
            new ProxyVersions(
                config.proxy().url(),
                config.cluster(),
                config.proxy().timeout(),
                config.proxy().caFile(),
                config.git().interval());
      }
    }
    return proxyVersions.read(clusters);
  }

  /**
   * The control-plane version of {@code cluster} as {@link #liveVersions} last read it, while it is
   * kept (one interval); never reads the Proxy, so a page never waits for it.
   */
  Optional<Version> lastLiveVersion(ClusterSource cluster) {
    synchronized (this) {
      return proxyVersions == null ? Optional.empty() : proxyVersions.last(cluster);
    }
  }

  @Scheduled(
      every = "${lockstep.git.interval}",
      delayed = "${lockstep.git.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (!started) {
      return;
    }
    long jitter = config.reconcile().jitter().toMillis();
    long delay = jitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1);
    loop.schedule(this::trigger, delay, TimeUnit.MILLISECONDS);
  }

  /** Asks for a reconcile from a webhook, throttled to about one run per second. */
  public Coalescer.Request triggerThrottled() {
    return started ? throttle.request() : Coalescer.Request.ABSORBED;
  }

  /** Asks for a reconcile; folded into the running one's follow-up when one is running. */
  public Coalescer.Request trigger() {
    if (loop == null || !started) {
      return Coalescer.Request.ABSORBED;
    }
    return loop.request();
  }

  private void runOnce() {
    long t0 = System.nanoTime();
    ReconcileReport report = reconciler.reconcile(clock.instant());
    metrics.duration(report, Duration.ofNanos(System.nanoTime() - t0));
    // the other clusters' statuses for the dashboard: one fetch per run, on this thread
    peers
        .refresh(otherClusters())
        .ifPresent(e -> LOG.warnf("cannot read the other clusters' statuses: %s", e.getMessage()));
    report
        .retryAfter()
        .ifPresent(d -> loop.schedule(this::trigger, d.toMillis(), TimeUnit.MILLISECONDS));
  }

  private List<String> otherClusters() {
    Optional<String> served = reconciler.status().map(StatusDocument::cluster).or(config::cluster);
    return PeerStatuses.others(reconciler.inForce().or(reconciler::lastRefused), served);
  }

  /** The last statuses read of the clusters this instance does not serve. */
  public Map<String, PeerStatus> peerStatuses() {
    return peers.last();
  }

  /** The reconciler (status, plan, health). */
  public Reconciler reconciler() {
    return reconciler;
  }

  /** True once started. */
  public boolean isStarted() {
    return started;
  }

  /** True while this replica may write (always without leader election). */
  public boolean isLeader() {
    return leader.isLeader();
  }

  /** How many runs have completed. */
  public long completedRuns() {
    return loop == null ? 0 : loop.completedRuns();
  }
}
