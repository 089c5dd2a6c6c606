package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cluster.ApplyOutcome;
import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.cluster.FakeClusterTarget;
import dev.lockstep.cluster.TargetException;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.cluster.TctlSettings;
import dev.lockstep.cluster.TctlTarget;
import dev.lockstep.cluster.tctl.FakeTctlRunner;
import dev.lockstep.halt.HaltOutcome;
import dev.lockstep.halt.HaltRequest;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.observe.Observation;
import dev.lockstep.source.GitSettings;
import dev.lockstep.source.GitSource;
import dev.lockstep.source.GitStatusWriter;
import dev.lockstep.source.StatusSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observe, assess and halt steps of the reconcile over a real Git repository and a fake cluster
 * whose live rollout is a recording served through the fake tctl, each run at the recording's
 * sample time (a frozen clock): a healthy rollout never halts; stuck canaries halt after
 * failure_limit samples, exactly once; the hold survives a restart and self-heal.
 */
class ReconcilerHaltTest {
  static final Path REPLAY = Path.of("src", "test", "resources", "replay");
  static final ResourceId CONFIG = ResourceId.singleton(ResourceKind.AUTOUPDATE_CONFIG);

  @TempDir Path tmp;
  Upstream upstream;
  GitSource source;
  GitSettings git;
  FakeClusterTarget cluster = new FakeClusterTarget();
  FakeTctlRunner tctl;
  List<HaltRequest> halts = new ArrayList<>();
  HaltOutcome.Kind answer = HaltOutcome.Kind.HOLD;

  @BeforeEach
  void setUp() throws Exception {
    upstream = Upstream.sample(Files.createDirectories(tmp.resolve("upstream")));
    git =
        GitSettings.of(upstream.dir.toString(), "main", tmp.resolve("cache"))
            .withTimeout(Duration.ofSeconds(5));
    source = new GitSource(git);
    Path state = Files.createDirectories(tmp.resolve("tctl"));
    tctl = new FakeTctlRunner(state);
    Files.writeString(state.resolve("identity"), "not a real identity");
  }

  @AfterEach
  void tearDown() {
    source.close();
    upstream.close();
  }

  /** The fake cluster for resources; the recording, through tctl, for the live rollout. */
  record Observing(FakeClusterTarget resources, TctlTarget rollout) implements ClusterTarget {
    @Override
    public String name() {
      return resources.name();
    }

    @Override
    public Map<ResourceId, Resource> observe(Set<ResourceId> ids) throws TargetException {
      return resources.observe(ids);
    }

    @Override
    public ApplyOutcome apply(Resource desired, boolean dryRun) throws TargetException {
      return resources.apply(desired, dryRun);
    }

    @Override
    public void delete(ResourceId id) throws TargetException {
      resources.delete(id);
    }

    @Override
    public Optional<Observation> observeRollout(Instant at, List<String> groups)
        throws TargetException {
      return rollout.observeRollout(at, groups);
    }
  }

  Reconciler reconciler(Path data) {
    StatusSettings status = StatusSettings.defaults();
    TctlTarget rollout =
        new TctlTarget(
            new TctlSettings(
                "tctl",
                Optional.of("127.0.0.1:3025"),
                Optional.of(tmp.resolve("tctl").resolve("identity")),
                Optional.empty(),
                Duration.ofSeconds(10)),
            tctl);
    Reconciler r =
        new Reconciler(
            source,
            ".",
            new Observing(cluster, rollout),
            status,
            (name, content, revision, reason, now) ->
                new GitStatusWriter(source, git, status, StatusYaml::comparable, d -> {})
                    .write(name, content, revision, now),
            ReconcileSettings.defaults(TargetKind.FILE).withCluster("prod"),
            clusters -> Map.of(),
            new Reconciler.Listener() {},
            () -> true,
            System::nanoTime,
            (request, now) -> {
              halts.add(request);
              return new HaltOutcome(
                  answer, Optional.of("0".repeat(40)), Optional.empty(), "halt " + answer);
            });
    r.resumeFrom(
        new Resume(
            LastKnownStore.in(data),
            name ->
                new GitStatusWriter(source, git, status, StatusYaml::comparable, d -> {})
                    .read(name)));
    return r;
  }

  static List<Instant> times(String recording) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> manifest =
        new ObjectMapper()
            .readValue(REPLAY.resolve(recording).resolve("recording.json").toFile(), Map.class);
    @SuppressWarnings("unchecked")
    List<String> samples = (List<String>) manifest.get("samples");
    return samples.stream().map(Instant::parse).toList();
  }

  /** Runs samples [from, to) of the recording; returns the reports. */
  List<ReconcileReport> replay(Reconciler r, String recording, int from, int to)
      throws IOException {
    List<Instant> times = times(recording);
    List<ReconcileReport> reports = new ArrayList<>();
    for (int i = from; i < Math.min(to, times.size()); i++) {
      tctl.serve(REPLAY.resolve(recording), i);
      reports.add(r.reconcile(times.get(i)));
    }
    return reports;
  }

  String liveMode() {
    return cluster.get(CONFIG).at("spec.agents.mode").map(String::valueOf).orElse("");
  }

  @Test
  void aHealthyRolloutIsSampledAndAssessedAndNeverHalts() throws Exception {
    Reconciler r = reconciler(tmp.resolve("data"));
    List<ReconcileReport> reports = replay(r, "healthy-slow", 0, 100);

    assertThat(halts).isEmpty();
    assertThat(reports).allSatisfy(x -> assertThat(x.assessment()).isPresent());
    assertThat(reports).allSatisfy(x -> assertThat(x.assessment().get().halts()).isFalse());
    assertThat(r.status().orElseThrow().samples().size()).isGreaterThan(1);
    assertThat(r.status().orElseThrow().halt()).isEmpty();
    assertThat(liveMode()).isEqualTo("enabled");
  }

  @Test
  void stuckCanariesHaltOnceAfterTheFailureLimitAndTheHoldSurvivesRestartAndSelfHeal()
      throws Exception {
    Reconciler r = reconciler(tmp.resolve("data"));
    List<ReconcileReport> reports = replay(r, "canaries-stuck", 0, 100);

    assertThat(halts).hasSize(1);
    HaltRequest halt = halts.get(0);
    assertThat(halt.check()).isEqualTo("canary_timeout");
    assertThat(halt.group()).isEqualTo("prod");
    ReconcileReport halting =
        reports.stream().filter(x -> x.halt().isPresent()).findFirst().orElseThrow();
    assertThat(halting.changes()).anyMatch(c -> c.contains("autoupdate_config"));
    assertThat(reports.stream().filter(x -> x.halt().isPresent())).hasSize(1);
    assertThat(liveMode()).isEqualTo("suspended");
    StatusDocument status = r.status().orElseThrow();
    assertThat(status.halt().orElseThrow().holding()).isTrue();
    assertThat(status.conditions())
        .anyMatch(c -> c.type().equals(Condition.HALTED) && c.reason().equals("HaltHeld"));
    String committed = upstream.read("lockstep/status", "status/prod.yaml");
    assertThat(committed).contains("halt:").contains("holding: true").contains("samples:");

    // a restart (new reconciler, same data folder and status branch) keeps the history and hold
    Reconciler again = reconciler(tmp.resolve("data"));
    List<Instant> times = times("canaries-stuck");
    tctl.serve(REPLAY.resolve("canaries-stuck"), times.size() - 1);
    ReconcileReport after = again.reconcile(times.get(times.size() - 1).plusSeconds(300));
    assertThat(halts).as("no second halt of the same rollout").hasSize(1);
    assertThat(after.halt()).isEmpty();
    assertThat(again.status().orElseThrow().halt().orElseThrow().holding()).isTrue();
    assertThat(again.status().orElseThrow().samples().size())
        .isGreaterThan(status.samples().size() - 2);

    // self-heal re-applies the hold, not the revision's enabled mode
    cluster.put(upstreamConfig());
    assertThat(liveMode()).isEqualTo("enabled");
    again.reconcile(times.get(times.size() - 1).plusSeconds(600));
    assertThat(liveMode()).isEqualTo("suspended");
    assertThat(halts).hasSize(1);
  }

  @Test
  void theHoldEndsWhenGitItselfSuspendsAndNothingResumesOnItsOwn() throws Exception {
    Reconciler r = reconciler(tmp.resolve("data"));
    replay(r, "canaries-stuck", 0, 100);
    assertThat(halts).hasSize(1);

    upstream.edit(
        "clusters/prod/autoupdate_config.yaml",
        "  agents:\n    mode: enabled",
        "  agents:\n    mode: suspended");
    List<Instant> times = times("canaries-stuck");
    r.reconcile(times.get(times.size() - 1).plusSeconds(300));
    StatusDocument status = r.status().orElseThrow();
    assertThat(status.halt().orElseThrow().holding()).isFalse();
    assertThat(status.conditions())
        .anyMatch(c -> c.type().equals(Condition.HALTED) && c.reason().equals("HaltInGit"));
    assertThat(liveMode()).isEqualTo("suspended");
    assertThat(halts).hasSize(1);
  }

  private Resource upstreamConfig() {
    Resource live = cluster.get(CONFIG);
    Map<String, Object> doc = new java.util.LinkedHashMap<>(live.document());
    Map<String, Object> spec = new java.util.LinkedHashMap<>(cast(doc.get("spec")));
    Map<String, Object> agents = new java.util.LinkedHashMap<>(cast(spec.get("agents")));
    agents.put("mode", "enabled");
    spec.put("agents", agents);
    doc.put("spec", spec);
    return new Resource(
        live.kind(), live.name(), doc, live.origin(), live.positions(), live.wellFormed());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }
}
