package dev.lockstep.health.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.model.AutoupdateConfig;
import dev.lockstep.model.AutoupdateVersion;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.TestResources;
import dev.lockstep.rollout.AgentReport;
import dev.lockstep.rollout.Canary;
import dev.lockstep.rollout.FindAnswer;
import dev.lockstep.rollout.Fleet;
import dev.lockstep.rollout.GroupStatus;
import dev.lockstep.rollout.Rollout;
import dev.lockstep.rollout.RolloutController;
import dev.lockstep.rollout.RolloutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Records a {@link Scenario} as the fake tctl serves it: runs Teleport's rollout controller ({@link
 * RolloutController}, the same functions the simulator uses) once a minute over a model of agents
 * that update after a delay when {@code /webapi/find} tells them to ({@link FindAnswer}), and
 * writes, every {@link Scenario#every()}, what {@code tctl get autoupdate_agent_rollout
 * --format=json} and {@code tctl get autoupdate_agent_report --format=json} would print then:
 * protobuf JSON with proto names, enum names, 64-bit integers as strings, zero values left out.
 */
final class Recorder {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String START_VERSION = "17.2.0";
  static final String TARGET_VERSION = "17.3.0";

  private final Scenario s;
  private final Random random;
  private final List<Agent> agents = new ArrayList<>();
  private final Map<String, Instant> leaveAfterStart = new HashMap<>();
  private List<AgentReport> frozenReports;

  /** One agent of the model. */
  private static final class Agent {
    final String group;
    final String hostname;
    final String hostId;
    final String updaterId;
    final int authServer;
    String version = START_VERSION;
    boolean connected = true;
    Instant connectedSince;
    Instant updateAt;
    boolean neverUpdates;
    boolean leaving;
    Instant leaveAt;
    boolean gone;

    Agent(String group, int i, Instant since) {
      this.group = group;
      this.hostname = group + "-node-" + i;
      this.hostId = String.format(Locale.ROOT, "%08x-%s", (group + i).hashCode(), group);
      this.updaterId = "upd-" + group + "-" + i;
      this.authServer = i % 2;
      this.connectedSince = since;
    }
  }

  Recorder(Scenario scenario) {
    this.s = scenario;
    this.random = new Random(scenario.seed());
    Instant since = scenario.start().minus(Duration.ofHours(1));
    for (Scenario.GroupSpec g : scenario.groups()) {
      for (int i = 0; i < g.agents(); i++) {
        agents.add(new Agent(g.name(), i, since));
      }
    }
    for (Scenario.Trouble t : scenario.trouble()) {
      if (t instanceof Scenario.Trouble.UndefinedGroup u) {
        for (int i = 0; i < u.agents(); i++) {
          agents.add(new Agent(u.group(), i, since));
        }
      }
    }
    for (Scenario.Trouble t : scenario.trouble()) {
      if (t instanceof Scenario.Trouble.StallAt stall) {
        List<Agent> of = of(stall.group());
        Collections.shuffle(of, random);
        for (int i = (int) Math.round(of.size() * stall.share()); i < of.size(); i++) {
          of.get(i).neverUpdates = true;
        }
      } else if (t instanceof Scenario.Trouble.Attrition a) {
        List<Agent> of = of(a.group());
        Collections.shuffle(of, random);
        for (int i = 0; i < Math.round(of.size() * a.share()); i++) {
          of.get(i).leaving = true;
        }
      }
    }
  }

  private List<Agent> of(String group) {
    return new ArrayList<>(agents.stream().filter(a -> a.group.equals(group)).toList());
  }

  /** Writes the recording into {@code dir}; returns the sample instants in order. */
  List<Instant> record(Path dir) throws IOException {
    Files.createDirectories(dir);
    String target = TARGET_VERSION;
    Rollout rollout = null;
    List<Instant> samples = new ArrayList<>();
    Set<Instant> errors = new HashSet<>();
    for (Scenario.Trouble t : s.trouble()) {
      if (t instanceof Scenario.Trouble.ApiErrors e) {
        errors.addAll(e.at());
      }
    }
    Instant end = s.start().plus(s.length());
    for (Instant t = s.start(); !t.isAfter(end); t = t.plusSeconds(60)) {
      for (Scenario.Trouble tr : s.trouble()) {
        if (tr instanceof Scenario.Trouble.Reset r && !t.isBefore(r.at())) {
          target = r.newTarget();
        }
      }
      churn(t);
      attrition(t, rollout);
      List<AgentReport> reports = reports(t);
      RolloutController.Sources sources = sources(target);
      try {
        rollout = RolloutController.reconcile(sources, rollout, t, fleet(reports, t)).rollout();
      } catch (RolloutException e) {
        throw new IllegalStateException("the scenario's resources are invalid", e);
      }
      tellAgents(t, rollout);
      if (Duration.between(s.start(), t).toSeconds() % s.every().toSeconds() == 0) {
        int n = samples.size();
        samples.add(t);
        String prefix = String.format(Locale.ROOT, "%03d.", n);
        if (errors.contains(t)) {
          Files.writeString(
              dir.resolve(prefix + "autoupdate_agent_rollout.error"),
              "rpc error: code = Unavailable desc = connection error: desc = \"transport: Error"
                  + " while dialing: dial tcp 127.0.0.1:3025: connect: connection refused\"\n");
        } else {
          Files.writeString(
              dir.resolve(prefix + "autoupdate_agent_rollout.json"),
              JSON.writeValueAsString(List.of(rolloutDocument(rollout))) + "\n");
          Files.writeString(
              dir.resolve(prefix + "autoupdate_agent_report.json"),
              JSON.writeValueAsString(reportDocuments(reports)) + "\n");
        }
      }
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("scenario", s.name());
    manifest.put("groups", s.groups().stream().map(Scenario.GroupSpec::name).toList());
    manifest.put("samples", samples.stream().map(Instant::toString).toList());
    Files.writeString(
        dir.resolve("recording.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
    return samples;
  }

  private RolloutController.Sources sources(String target) {
    List<Object> regular = new ArrayList<>();
    for (Scenario.GroupSpec g : s.groups()) {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("name", g.name());
      group.put("days", List.of("*"));
      group.put("start_hour", (long) g.startHour());
      if (g.waitHours() > 0) {
        group.put("wait_hours", (long) g.waitHours());
      }
      if (g.canaryCount() > 0) {
        group.put("canary_count", (long) g.canaryCount());
      }
      regular.add(group);
    }
    Map<String, Object> agentsSpec = new LinkedHashMap<>();
    agentsSpec.put("mode", "enabled");
    agentsSpec.put("strategy", s.timeBased() ? "time-based" : "halt-on-error");
    if (s.timeBased()) {
      agentsSpec.put("maintenance_window_duration", s.window().toSeconds() + "s");
    }
    agentsSpec.put("schedules", Map.of("regular", regular));
    AutoupdateConfig config =
        AutoupdateConfig.from(
            TestResources.of(ResourceKind.AUTOUPDATE_CONFIG, Map.of("agents", agentsSpec)));
    AutoupdateVersion version =
        AutoupdateVersion.from(
            TestResources.of(
                ResourceKind.AUTOUPDATE_VERSION,
                Map.of(
                    "agents",
                    Map.of(
                        "start_version",
                        START_VERSION,
                        "target_version",
                        target,
                        "schedule",
                        "regular",
                        "mode",
                        "enabled"))));
    return new RolloutController.Sources(config, version, null);
  }

  /** Every ten minutes a fresh random share of each group's agents is away for ten minutes. */
  private void churn(Instant t) {
    if (s.churn() <= 0 || Duration.between(s.start(), t).toMinutes() % 10 != 0) {
      return;
    }
    for (Scenario.GroupSpec g : s.groups()) {
      List<Agent> of = of(g.name());
      of.removeIf(a -> a.gone);
      for (Agent a : of) {
        if (!a.connected) {
          a.connected = true;
          a.connectedSince = t;
        }
      }
      Collections.shuffle(of, random);
      for (int i = 0; i < Math.round(of.size() * s.churn()); i++) {
        of.get(i).connected = false;
      }
    }
  }

  private void attrition(Instant t, Rollout rollout) {
    if (rollout == null) {
      return;
    }
    for (GroupStatus g : rollout.status().groups()) {
      if (g.startTime() != null && !leaveAfterStart.containsKey(g.name())) {
        leaveAfterStart.put(g.name(), g.startTime());
        for (Agent a : of(g.name())) {
          if (a.leaving) {
            a.leaveAt = g.startTime().plus(Duration.ofMinutes(5 + random.nextInt(30)));
          }
        }
      }
    }
    for (Agent a : agents) {
      if (a.leaveAt != null && !t.isBefore(a.leaveAt)) {
        a.gone = true;
        a.connected = false;
      }
    }
  }

  private boolean counted(Agent a, Instant t) {
    return a.connected && !a.gone && !a.connectedSince.isAfter(t.minusSeconds(60));
  }

  private List<AgentReport> reports(Instant t) {
    for (Scenario.Trouble tr : s.trouble()) {
      if (tr instanceof Scenario.Trouble.ReportsFreeze f && !t.isBefore(f.from())) {
        if (frozenReports == null) {
          frozenReports = build(t.minusSeconds(60));
        }
        return frozenReports;
      }
    }
    return build(t);
  }

  private List<AgentReport> build(Instant t) {
    List<AgentReport> out = new ArrayList<>();
    for (int auth = 0; auth < 2; auth++) {
      Map<String, Map<String, Long>> groups = new TreeMap<>();
      for (Agent a : agents) {
        if (a.authServer == auth && counted(a, t)) {
          groups.computeIfAbsent(a.group, k -> new TreeMap<>()).merge(a.version, 1L, Long::sum);
        }
      }
      out.add(new AgentReport(t, groups));
    }
    return out;
  }

  private Fleet fleet(List<AgentReport> reports, Instant t) {
    List<Agent> order = new ArrayList<>(agents);
    Collections.shuffle(order, new Random(s.seed() * 31 + 7));
    return new Fleet() {
      @Override
      public List<AgentReport> reports() {
        return reports;
      }

      @Override
      public List<Canary> canaryCandidates(Predicate<String> memberOf) {
        List<Canary> out = new ArrayList<>();
        for (Agent a : order) {
          if (counted(a, t) && memberOf.test(a.group)) {
            out.add(new Canary(a.updaterId, a.hostId, a.hostname, false));
          }
        }
        return out;
      }

      @Override
      public boolean runsVersion(String hostId, String version) {
        return agents.stream()
            .anyMatch(a -> a.hostId.equals(hostId) && counted(a, t) && a.version.equals(version));
      }
    };
  }

  /** What each agent's updater does with the Proxy's answer for its group. */
  private void tellAgents(Instant t, Rollout rollout) {
    if (rollout == null) {
      return;
    }
    Set<String> stuck = new HashSet<>();
    Set<String> canaries = new HashSet<>();
    rollout.status().groups().forEach(g -> g.canaries().forEach(c -> canaries.add(c.updaterId())));
    for (Scenario.Trouble tr : s.trouble()) {
      if (tr instanceof Scenario.Trouble.StuckCanaries c) {
        GroupStatus g = rollout.status().group(c.group());
        if (g != null) {
          g.canaries().forEach(x -> stuck.add(x.updaterId()));
        }
      }
    }
    for (Agent a : agents) {
      if (!a.connected || a.gone) {
        continue;
      }
      FindAnswer answer = FindAnswer.resolve(rollout, a.group, a.updaterId);
      if (a.updateAt != null && !t.isBefore(a.updateAt)) {
        a.version = answer.agentVersion();
        a.updateAt = null;
        a.connectedSince = t; // the agent restarts on its new version
        continue;
      }
      if (a.updateAt == null
          && answer.agentAutoUpdate()
          && !answer.agentVersion().equals(a.version)
          // a stalled group's canaries still update: the stall comes after them
          && (!a.neverUpdates || canaries.contains(a.updaterId))
          && !stuck.contains(a.updaterId)) {
        long span = s.maxDelay().toSeconds() - s.minDelay().toSeconds();
        a.updateAt =
            t.plusSeconds(s.minDelay().toSeconds() + (span <= 0 ? 0 : random.nextInt((int) span)));
      }
    }
  }

  // ---- what tctl prints

  private static Map<String, Object> rolloutDocument(Rollout r) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("start_version", r.spec().startVersion());
    spec.put("target_version", r.spec().targetVersion());
    spec.put("schedule", r.spec().schedule().label());
    spec.put("autoupdate_mode", r.spec().mode().label());
    spec.put("strategy", r.spec().strategy().label());
    if (!r.spec().maintenanceWindowDuration().isZero()) {
      spec.put(
          "maintenance_window_duration", r.spec().maintenanceWindowDuration().toSeconds() + "s");
    }
    List<Object> groups = new ArrayList<>();
    for (GroupStatus g : r.status().groups()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.name());
      time(m, "start_time", g.startTime());
      m.put("state", "AUTO_UPDATE_AGENT_GROUP_STATE_" + g.state().name());
      time(m, "last_update_time", g.lastUpdateTime());
      m.put("last_update_reason", g.lastUpdateReason());
      m.put("config_days", g.configDays());
      int64(m, "config_start_hour", g.configStartHour(), false);
      int64(m, "config_wait_hours", g.configWaitHours(), false);
      int64(m, "initial_count", g.initialCount(), true);
      int64(m, "present_count", g.presentCount(), true);
      int64(m, "up_to_date_count", g.upToDateCount(), true);
      int64(m, "canary_count", g.canaryCount(), true);
      if (!g.canaries().isEmpty()) {
        List<Object> canaries = new ArrayList<>();
        for (Canary c : g.canaries()) {
          Map<String, Object> cm = new LinkedHashMap<>();
          cm.put("updater_id", c.updaterId());
          cm.put("host_id", c.hostId());
          cm.put("hostname", c.hostname());
          if (c.success()) {
            cm.put("success", true);
          }
          canaries.add(cm);
        }
        m.put("canaries", canaries);
      }
      groups.add(m);
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("groups", groups);
    status.put("state", "AUTO_UPDATE_AGENT_ROLLOUT_STATE_" + r.status().state().name());
    time(status, "start_time", r.status().startTime());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "autoupdate_agent_rollout");
    doc.put("version", "v1");
    doc.put("metadata", Map.of("name", "autoupdate-agent-rollout"));
    doc.put("spec", spec);
    doc.put("status", status);
    return doc;
  }

  private static List<Object> reportDocuments(List<AgentReport> reports) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      AgentReport r = reports.get(i);
      Map<String, Object> groups = new LinkedHashMap<>();
      r.groups()
          .forEach(
              (g, versions) -> {
                Map<String, Object> vs = new LinkedHashMap<>();
                new TreeMap<>(versions).forEach((v, n) -> vs.put(v, Map.of("count", n)));
                groups.put(g, Map.of("versions", vs));
              });
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("timestamp", r.timestamp().toString());
      spec.put("groups", new TreeMap<>(groups));
      Map<String, Object> omitted = new LinkedHashMap<>();
      omitted.put("count", "1");
      omitted.put("reason", "agent has no updater");
      spec.put("omitted", List.of(omitted));
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("name", "auth-" + (i + 1));
      meta.put("expires", r.timestamp().plus(Duration.ofHours(1)).toString());
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("kind", "autoupdate_agent_report");
      doc.put("version", "v1");
      doc.put("metadata", meta);
      doc.put("spec", spec);
      out.add(doc);
    }
    return out;
  }

  private static void time(Map<String, Object> m, String key, Instant t) {
    if (t != null) {
      m.put(key, t.toString());
    }
  }

  /** protojson: int32 as a number, int64/uint64 as a string, zero left out. */
  private static void int64(Map<String, Object> m, String key, long v, boolean sixtyFour) {
    if (v != 0) {
      m.put(key, sixtyFour ? String.valueOf(v) : v);
    }
  }
}
