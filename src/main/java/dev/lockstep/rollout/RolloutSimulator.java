package dev.lockstep.rollout;

import dev.lockstep.model.Version;
import dev.lockstep.rollout.RolloutController.Reconciled;
import dev.lockstep.rollout.RolloutController.Sources;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Predicate;

/**
 * Runs {@link RolloutController} at whole UTC minutes, as Teleport's controller runs every minute,
 * with a modelled fleet ({@link AgentModel}). The first run, at the first whole minute at or after
 * {@code from}, creates the rollout (its {@code start_time}); the simulation ends at the first run
 * that finds every group done, or at the horizon.
 *
 * <p>By default it jumps from one instant where something can change to the next (a window edge,
 * the end of the 24 h "rollout changed during window" guard, a wait-hours deadline, an agent
 * reporting the target version, the one-hour rule, or the minute after any change) instead of
 * running every minute; {@link Stepping#EVERY_MINUTE} runs every minute and gives the same result,
 * which a test checks on many schedules.
 */
public final class RolloutSimulator {

  /** How the simulator advances. */
  public enum Stepping {
    /** From one possible change to the next (the default). */
    EVENTS,
    /** Every minute, as the controller runs; the reference for tests. */
    EVERY_MINUTE
  }

  /**
   * What to simulate.
   *
   * @param creation the resources the rollout is created from (its groups are copied from these)
   * @param applied the resources in force after the first run; equal to {@code creation} for a new
   *     rollout, the desired revision when simulating a change that does not reset the rollout
   * @param from the first run is at the first whole minute at or after this
   * @param horizon how long to simulate from the first run
   * @param agents the agent model
   */
  public record Input(
      Sources creation, Sources applied, Instant from, Duration horizon, AgentModel agents) {
    public Input {
      Objects.requireNonNull(creation, "creation");
      Objects.requireNonNull(applied, "applied");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(agents, "agents");
      if (horizon.isNegative() || horizon.isZero()) {
        throw new IllegalArgumentException("horizon must be positive");
      }
    }

    /** A new rollout created from {@code sources}. */
    public static Input of(Sources sources, Instant from, Duration horizon, AgentModel agents) {
      return new Input(sources, sources, from, horizon, agents);
    }
  }

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration DAY = Duration.ofDays(1);

  private RolloutSimulator() {}

  /** Simulates by jumping from event to event. */
  public static Simulation simulate(Input input) {
    return simulate(input, Stepping.EVENTS);
  }

  /**
   * Simulates.
   *
   * @throws RolloutException when the controller cannot build the rollout spec
   */
  public static Simulation simulate(Input input, Stepping stepping) {
    Instant created = ceilMinute(input.from());
    Instant end = created.plus(input.horizon());
    RolloutSpec spec = input.applied().spec();
    if (spec == null) {
      return new Simulation(null, created, end, input.agents(), List.of(), null, null, List.of());
    }
    Agents agents = new Agents(input.agents(), spec);
    // the agents exist, and report, before the run that creates the rollout and its groups
    agents.init(
        spec.schedule() == Schedule.REGULAR
            ? input.creation().groups().stream().map(GroupConfig::name).toList()
            : List.of());
    Set<String> errors = new LinkedHashSet<>();
    Rollout rollout = null;
    List<Recorder> recorders = null;
    Instant completes = null;
    Instant t = created;
    while (true) {
      Sources sources = rollout == null ? input.creation() : input.applied();
      Reconciled r = RolloutController.reconcile(sources, rollout, t, agents.fleet(t));
      errors.addAll(r.errors());
      Rollout next = r.rollout();
      if (recorders == null) {
        recorders = new ArrayList<>();
        List<GroupStatus> gs = next.status().groups();
        List<GroupConfig> configs = sources.groups();
        for (int i = 0; i < gs.size(); i++) {
          recorders.add(
              new Recorder(
                  configs.get(i), i == gs.size() - 1, agents.members(i), agents.unnamed(i)));
        }
      }
      boolean changed = !same(next, rollout);
      rollout = next;
      for (int i = 0; i < recorders.size(); i++) {
        recorders.get(i).observe(rollout, rollout.status().groups().get(i), t);
      }
      changed |= agents.observe(rollout, t);
      if (rollout.status().groups().isEmpty()) {
        break; // immediate: nothing will ever change
      }
      if (rollout.status().state() == RolloutState.DONE) {
        completes = t;
        break;
      }
      // after a change the next run may change more (halt-on-error: can_start, then
      // update_in_progress; a done group lets the next one start). A time-based run is idempotent
      // at a fixed instant, so only its window edges matter.
      boolean cascade = changed && spec.strategy() == Strategy.HALT_ON_ERROR;
      Instant nextRun =
          stepping == Stepping.EVERY_MINUTE || cascade
              ? t.plus(MINUTE)
              : nextEvent(rollout, t, created, agents);
      if (!nextRun.isBefore(end)) {
        break;
      }
      t = nextRun;
    }
    List<GroupTimeline> timelines = new ArrayList<>();
    for (Recorder rec : recorders) {
      timelines.add(rec.timeline());
    }
    return new Simulation(
        spec, created, end, input.agents(), timelines, completes, rollout, List.copyOf(errors));
  }

  /**
   * The earliest run after {@code t} at which the controller's answer can differ from its last one.
   */
  static Instant nextEvent(Rollout rollout, Instant t, Instant created, Agents agents) {
    RolloutSpec spec = rollout.spec();
    List<GroupStatus> groups = rollout.status().groups();
    Instant best = Instant.MAX;
    if (!t.isAfter(created.plus(DAY))) {
      best = min(best, tickAfter(created.plus(DAY)));
    }
    boolean halt = spec.strategy() == Strategy.HALT_ON_ERROR;
    Duration window = halt ? Windows.HALT_ON_ERROR_WINDOW : spec.maintenanceWindowDuration();
    // halt-on-error: a group behind an unfinished one answers previous_groups_not_done whatever the
    // time, so only groups the strategy would reach with "previous groups done" have time-dependent
    // answers (as in HaltOnError.progress)
    boolean previousDone = true;
    for (int i = 0; i < groups.size(); i++) {
      GroupStatus g = groups.get(i);
      if (!halt) {
        if (g.state() != GroupState.ROLLEDBACK) {
          best = min(best, nextWindowEdge(g, t, window));
        }
        continue;
      }
      switch (g.state()) {
        case UNSTARTED -> {
          if (previousDone) {
            best = min(best, nextWindowEdge(g, t, window));
            if (g.configWaitHours() > 0 && i > 0 && groups.get(i - 1).startTime() != null) {
              Instant due =
                  ceilMinute(
                      groups.get(i - 1).startTime().plus(Duration.ofHours(g.configWaitHours())));
              if (due.isAfter(t)) {
                best = min(best, due);
              }
            }
          }
          previousDone = false;
        }
        case ACTIVE -> {
          if (g.initialCount() == 0 && g.startTime() != null) {
            Instant due = tickAfter(g.startTime().plus(Duration.ofHours(1)));
            if (due.isAfter(t)) {
              best = min(best, due);
            }
          }
          previousDone = false;
        }
        case DONE -> {}
        default -> previousDone = false;
      }
    }
    return min(best, agents.nextUpdate(t));
  }

  /** The first run after {@code t} at which {@code inWindow} for this group can change value. */
  static Instant nextWindowEdge(GroupStatus g, Instant t, Duration window) {
    Instant day = t.truncatedTo(ChronoUnit.DAYS);
    int weekday = Windows.weekdayOrdinal(day);
    for (int d = 0; d <= 8; d++) {
      if (Windows.isDay(g.configDays(), (weekday + d) % 7)) {
        Instant start = day.plus(Duration.ofHours(g.configStartHour()));
        Instant run = ceilMinute(start);
        if (run.isAfter(t)) {
          return run;
        }
        run = ceilMinute(Windows.effectiveEnd(start, window));
        if (run.isAfter(t)) {
          return run;
        }
      }
      day = day.plus(DAY);
    }
    return Instant.MAX;
  }

  /** The first whole minute at or after {@code x}. */
  public static Instant ceilMinute(Instant x) {
    Instant floor = x.truncatedTo(ChronoUnit.MINUTES);
    return floor.equals(x) ? x : floor.plus(MINUTE);
  }

  /** The first whole minute strictly after {@code x}. */
  static Instant tickAfter(Instant x) {
    Instant c = ceilMinute(x);
    return c.isAfter(x) ? c : c.plus(MINUTE);
  }

  /** Equality that first compares groups by identity: unchanged groups are the same instances. */
  static boolean same(Rollout a, Rollout b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || !a.spec().equals(b.spec())) {
      return false;
    }
    RolloutStatus x = a.status();
    RolloutStatus y = b.status();
    if (x.state() != y.state()
        || !java.util.Objects.equals(x.startTime(), y.startTime())
        || !java.util.Objects.equals(x.timeOverride(), y.timeOverride())
        || x.groups().size() != y.groups().size()) {
      return false;
    }
    for (int i = 0; i < x.groups().size(); i++) {
      GroupStatus g = x.groups().get(i);
      GroupStatus h = y.groups().get(i);
      if (g != h && !g.equals(h)) {
        return false;
      }
    }
    return true;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Collects one group's events and the instants its agents are told things. */
  private static final class Recorder {
    final GroupConfig config;
    final boolean catchAll;
    final int agents;
    final SortedMap<String, Integer> unnamed;
    final List<TimelineEvent> events = new ArrayList<>();
    GroupState state;
    String reason;
    Instant start;
    Instant done;
    Instant newAgentsTarget;
    Instant agentsTold;
    Instant canariesTold;

    Recorder(GroupConfig config, boolean catchAll, int agents, SortedMap<String, Integer> unnamed) {
      this.config = config;
      this.catchAll = catchAll;
      this.agents = agents;
      this.unnamed = unnamed;
    }

    void observe(Rollout rollout, GroupStatus g, Instant t) {
      if (g.state() != state || !g.lastUpdateReason().equals(reason)) {
        state = g.state();
        reason = g.lastUpdateReason();
        events.add(new TimelineEvent(t, state, reason, g.presentCount(), g.upToDateCount()));
      }
      if (start == null && g.startTime() != null) {
        start = g.startTime();
      }
      if (done == null && g.state() == GroupState.DONE) {
        done = t;
      }
      String target = rollout.spec().targetVersion();
      FindAnswer plain = FindAnswer.forGroup(rollout.spec(), g, "");
      if (newAgentsTarget == null && plain.agentVersion().equals(target)) {
        newAgentsTarget = t;
      }
      if (agentsTold == null && plain.agentAutoUpdate() && plain.agentVersion().equals(target)) {
        agentsTold = t;
      }
      if (canariesTold == null && !g.canaries().isEmpty()) {
        FindAnswer canary = FindAnswer.forGroup(rollout.spec(), g, g.canaries().get(0).updaterId());
        if (canary.agentAutoUpdate() && canary.agentVersion().equals(target)) {
          canariesTold = t;
        }
      }
    }

    GroupTimeline timeline() {
      return new GroupTimeline(
          config,
          catchAll,
          agents,
          unnamed,
          start,
          done,
          events,
          newAgentsTarget,
          agentsTold,
          canariesTold);
    }
  }

  /**
   * The modelled fleet: one set of agents {@code <group>-1..n} per update group the agents report,
   * the schedule's groups first, then the groups it does not name (name order), which belong to the
   * last group (teleport-semantics §5.4). Each agent is told to update when {@code /webapi/find}
   * first answers it (target, update) for the group it resolves to, and runs the target {@code
   * delay} later.
   */
  static final class Agents {
    private final AgentModel model;
    private final RolloutSpec spec;
    private final boolean sameVersions;

    /** Per set: the update group its agents report; the schedule's names come first. */
    private List<String> names = List.of();

    /** How many of {@link #names} the schedule names. */
    private int scheduledSets;

    /** Per set: the index of the rollout group that serves it ({@code getGroup}). */
    private int[] groupOf = new int[0];

    private int[] counts = new int[0];
    private int[] toldCount = new int[0];

    /** Per set, per agent index: when it runs the target (told + delay), or null. */
    private Instant[][] readyAt = new Instant[0][];

    private final Map<String, int[]> byUpdater = new HashMap<>();
    private final Map<String, int[]> byHost = new HashMap<>();
    private final java.util.TreeSet<Instant> due = new java.util.TreeSet<>();

    /**
     * The last report's counts and the run they were taken at: they hold until an agent is told to
     * update or starts running the target, which only happens at a {@link #due} instant (runs are
     * whole minutes).
     */
    private Map<String, Map<String, Long>> counted;

    private Instant countedAt;

    Agents(AgentModel model, RolloutSpec spec) {
      this.model = model;
      this.spec = spec;
      this.sameVersions = spec.startVersion().equals(spec.targetVersion());
    }

    /** Creates the agents of a rollout whose groups are {@code groupNames}, in order. */
    void init(List<String> groupNames) {
      List<String> scheduled = groupNames.stream().distinct().toList();
      List<String> all = new ArrayList<>(scheduled);
      if (!groupNames.isEmpty()) {
        all.addAll(model.unnamed(scheduled).keySet());
      }
      names = List.copyOf(all);
      scheduledSets = scheduled.size();
      int n = names.size();
      groupOf = new int[n];
      counts = new int[n];
      toldCount = new int[n];
      readyAt = new Instant[n][];
      for (int s = 0; s < n; s++) {
        groupOf[s] = FindAnswer.lookupIndex(groupNames, names.get(s));
        counts[s] = model.agents(names.get(s));
        readyAt[s] = new Instant[counts[s]];
        for (int a = 0; a < counts[s]; a++) {
          byUpdater.put(updaterId(s, a), new int[] {s, a});
          byHost.put(hostId(s, a), new int[] {s, a});
        }
      }
    }

    /** Agents served by rollout group {@code i}, its unnamed groups' included. */
    int members(int i) {
      int n = 0;
      for (int s = 0; s < names.size(); s++) {
        if (groupOf[s] == i) {
          n += counts[s];
        }
      }
      return n;
    }

    /** The groups the schedule does not name that rollout group {@code i} serves, with counts. */
    SortedMap<String, Integer> unnamed(int i) {
      SortedMap<String, Integer> out = new java.util.TreeMap<>();
      for (int s = scheduledSets; s < names.size(); s++) {
        if (groupOf[s] == i) {
          out.put(names.get(s), counts[s]);
        }
      }
      return out;
    }

    /** Records who is told to update at {@code t}; true when anyone newly is. */
    boolean observe(Rollout rollout, Instant t) {
      boolean changed = false;
      String target = spec.targetVersion();
      List<GroupStatus> groups = rollout.status().groups();
      for (int s = 0; s < names.size(); s++) {
        if (toldCount[s] == counts[s]) {
          continue;
        }
        GroupStatus g = groups.get(groupOf[s]);
        FindAnswer plain = FindAnswer.forGroup(rollout.spec(), g, "");
        if (plain.agentAutoUpdate() && plain.agentVersion().equals(target)) {
          for (int a = 0; a < counts[s]; a++) {
            changed |= tell(s, a, t);
          }
          continue;
        }
        for (Canary c : g.canaries()) {
          int[] idx = byUpdater.get(c.updaterId());
          if (idx == null || idx[0] != s || readyAt[s][idx[1]] != null) {
            continue;
          }
          FindAnswer answer = FindAnswer.forGroup(rollout.spec(), g, c.updaterId());
          if (answer.agentAutoUpdate() && answer.agentVersion().equals(target)) {
            changed |= tell(s, idx[1], t);
          }
        }
      }
      return changed;
    }

    private boolean tell(int s, int a, Instant t) {
      if (readyAt[s][a] != null) {
        return false;
      }
      Instant ready = t.plus(model.delay());
      readyAt[s][a] = ready;
      counted = null; // with no delay the agent runs the target at once
      toldCount[s]++;
      due.add(ceilMinute(ready));
      return true;
    }

    /** The first run after {@code t} at which an agent starts running the target. */
    Instant nextUpdate(Instant t) {
      Instant next = due.higher(t);
      return next == null ? Instant.MAX : next;
    }

    boolean runsTarget(int s, int a, Instant t) {
      return sameVersions || (readyAt[s][a] != null && !t.isBefore(readyAt[s][a]));
    }

    /** Agents per reported group and version at run {@code t}. */
    private Map<String, Map<String, Long>> reportedCounts(Instant t) {
      if (counted != null) {
        Instant next = due.higher(countedAt);
        if (!t.isBefore(countedAt) && (next == null || next.isAfter(t))) {
          return counted;
        }
      }
      Map<String, Map<String, Long>> groups = new HashMap<>();
      for (int s = 0; s < names.size(); s++) {
        long up = 0;
        if (sameVersions) {
          up = counts[s];
        } else if (toldCount[s] > 0) {
          for (int a = 0; a < counts[s]; a++) {
            if (runsTarget(s, a, t)) {
              up++;
            }
          }
        }
        Map<String, Long> versions = new HashMap<>();
        if (up > 0) {
          versions.put(spec.targetVersion(), up);
        }
        if (counts[s] - up > 0) {
          versions.merge(spec.startVersion(), counts[s] - up, Long::sum);
        }
        if (!versions.isEmpty()) {
          groups.put(names.get(s), Map.copyOf(versions));
        }
      }
      counted = Map.copyOf(groups);
      countedAt = t;
      return counted;
    }

    Fleet fleet(Instant t) {
      return new Fleet() {
        @Override
        public List<AgentReport> reports() {
          if (!model.reports()) {
            return List.of();
          }
          return List.of(new AgentReport(t, reportedCounts(t)));
        }

        @Override
        public List<Canary> canaryCandidates(Predicate<String> memberOf) {
          if (!model.reports()) {
            // agents that cannot report are not eligible as canaries either (teleport-semantics
            // §7, §9)
            return List.of();
          }
          List<Canary> out = new ArrayList<>();
          for (int s = 0; s < names.size(); s++) {
            if (memberOf.test(names.get(s))) {
              for (int a = 0; a < counts[s]; a++) {
                out.add(new Canary(updaterId(s, a), hostId(s, a), hostId(s, a), false));
              }
            }
          }
          return out;
        }

        @Override
        public boolean runsVersion(String hostId, String version) {
          int[] idx = byHost.get(hostId);
          if (idx == null) {
            return false;
          }
          String running =
              runsTarget(idx[0], idx[1], t) ? spec.targetVersion() : spec.startVersion();
          return sameVersion(running, version);
        }
      };
    }

    private String hostId(int s, int a) {
      return names.get(s) + "-" + (a + 1);
    }

    private String updaterId(int s, int a) {
      return "updater-" + names.get(s) + "-" + (a + 1);
    }

    private static boolean sameVersion(String x, String y) {
      if (x.equals(y)) {
        return true;
      }
      // semver equality after EnsureSemver, as Teleport verifies canaries (teleport-semantics §7)
      try {
        return Version.parseLenient(x).compareTo(Version.parseLenient(y)) == 0;
      } catch (dev.lockstep.model.InvalidVersionException e) {
        return false;
      }
    }
  }
}
