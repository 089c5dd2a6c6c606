package dev.lockstep.plan;

import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.GoDuration;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.rollout.AgentMode;
import dev.lockstep.rollout.GroupConfig;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.HaltOnError;
import dev.lockstep.rollout.RolloutController.Sources;
import dev.lockstep.rollout.RolloutException;
import dev.lockstep.rollout.RolloutSimulator;
import dev.lockstep.rollout.RolloutSpec;
import dev.lockstep.rollout.Schedule;
import dev.lockstep.rollout.Simulation;
import dev.lockstep.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a {@link Plan} for one cluster of a revision: detects whether the revision creates a new
 * rollout (against an optional base revision), simulates the controller and collects warnings. The
 * caller validates first; the planner assumes a valid revision and throws {@link RolloutException}
 * when the controller itself could not build the rollout.
 */
public final class Planner {

  /** Cloud rollouts must finish within 72 hours (teleport-semantics §2.4). */
  static final Duration CLOUD_LIMIT = Duration.ofHours(72);

  private Planner() {}

  /**
   * The revision before the change.
   *
   * @param revision its label
   * @param cluster the same cluster in that revision, or null when it did not exist there
   */
  public record Baseline(String revision, ClusterSource cluster) {
    public Baseline {
      Objects.requireNonNull(revision, "revision");
    }

    /**
     * The base of {@code cluster} of {@code after}: the cluster of the same name in {@code before};
     * a repository of one cluster on both sides holds the same cluster whatever its name (a cluster
     * at the repository's root is named after the folder, which a checkout may rename).
     *
     * @param label the base revision's label
     */
    public static Baseline of(
        String label, DesiredState before, DesiredState after, ClusterSource cluster) {
      Optional<ClusterSource> same =
          before
              .cluster(cluster.name())
              .or(
                  () ->
                      before.clusters().size() == 1 && after.clusters().size() == 1
                          ? Optional.of(before.clusters().get(0))
                          : Optional.empty());
      return new Baseline(label, same.orElse(null));
    }
  }

  /**
   * Plans one cluster.
   *
   * @param revision the planned revision's label
   * @param desired the cluster in that revision
   * @param base the revision before the change ({@code --base}), if known
   * @throws RolloutException when the controller cannot build the rollout spec
   */
  public static Plan plan(
      String revision, ClusterSource desired, Optional<Baseline> base, PlanOptions options) {
    Sources applied = sources(desired);
    RolloutSpec spec = applied.spec();
    List<String> notes = new ArrayList<>();
    RolloutChange change;
    Sources creation = applied;
    String baseRevision = base.map(Baseline::revision).orElse(null);
    if (spec == null) {
      change = RolloutChange.NO_ROLLOUT;
      notes.add(
          "autoupdate_version has no spec.agents: there is no rollout (the controller deletes an existing one)"
              + " and agents follow the release channels and the maintenance window instead (teleport-semantics §11.3).");
    } else if (base.isEmpty()) {
      change = RolloutChange.NEW;
      notes.add(
          "No --base given: the plan assumes the revision creates a new rollout at the first controller run.");
    } else {
      Sources before =
          base.get().cluster() == null
              ? new Sources(null, null, null)
              : sources(base.get().cluster());
      RolloutSpec observed = baseSpec(before);
      if (observed == null) {
        change = RolloutChange.NEW;
        notes.add("The base revision has no rollout: applying this one creates it.");
      } else if (spec.resets(observed)) {
        change = RolloutChange.NEW;
        notes.add(
            "The rollout is reset (new start time, groups copied anew from the config) because "
                + resetCauses(observed, spec)
                + " changed (teleport-semantics §5.3).");
      } else {
        change = RolloutChange.UNCHANGED;
        creation = before;
        notes.addAll(unchangedNotes(observed, spec, before, applied));
      }
    }
    Simulation sim =
        RolloutSimulator.simulate(
            new RolloutSimulator.Input(
                creation, applied, options.from(), options.horizon(), options.agents()));
    if (sim.errors().stream().anyMatch(Planner::expectedWaitHoursError)) {
      // Teleport's controller does this on every halt-on-error chain with wait_hours: not a
      // surprise
      // for the reviewer, but the reconciler_error reason in the events needs a word
      // (teleport-semantics §7).
      notes.add(
          "A group with wait_hours shows reason reconciler_error until the group before it starts:"
              + " Teleport's controller cannot check wait_hours before then and skips later groups meanwhile"
              + " (teleport-semantics §7). Expected; the timeline accounts for it.");
    }
    notes.addAll(unnamedGroupNotes(sim, applied.groups().stream().map(GroupConfig::name).toList()));
    boolean cloud = desired.cluster().map(LockstepCluster::cloud).orElse(false);
    return new Plan(
        desired.name(), revision, baseRevision, change, notes, sim, warnings(sim, cloud));
  }

  /**
   * One sentence per group of modelled agents that the rollout's groups do not name: they update
   * with the last group (teleport-semantics §5.4), and can be its canaries. A group that only the
   * planned revision adds to a rollout that is not reset is said to wait for the next rollout.
   *
   * @param desiredGroups the group names of the planned revision's config
   */
  static List<String> unnamedGroupNotes(Simulation sim, List<String> desiredGroups) {
    List<String> notes = new ArrayList<>();
    if (sim.groups().isEmpty()) {
      return notes;
    }
    GroupTimeline last = sim.groups().get(sim.groups().size() - 1);
    int canaries = last.config().canaryCount();
    boolean canary = canaries > 0 && sim.spec().strategy() == Strategy.HALT_ON_ERROR;
    last.unnamedGroups()
        .forEach(
            (group, n) ->
                notes.add(
                    n
                        + (n == 1 ? " agent" : " agents")
                        + " of group "
                        + group
                        + (desiredGroups.contains(group)
                            ? ", which the rollout's groups do not name until the next rollout"
                                + " (a schedule edit does not reset the rollout), "
                            : ", which the schedule does not name, ")
                        + (n == 1 ? "updates" : "update")
                        + " with the last group "
                        + last.name()
                        + ": Teleport's controller treats an agent whose update group matches no"
                        + " group name as a member of the last group, tells it what it tells that"
                        + " group and counts it there (teleport-semantics §5.4)."
                        + (canary ? " " + canarySentence(n, last.name(), canaries) : "")));
    return notes;
  }

  private static String canarySentence(int agents, String group, int canaries) {
    if (canaries == 1) {
      return (agents == 1 ? "It" : "One of them") + " can be " + group + "'s canary.";
    }
    return (agents == 1 ? "It can be one of " : "They can be among ")
        + group
        + "'s "
        + canaries
        + " canaries.";
  }

  private static boolean expectedWaitHoursError(String error) {
    return error.endsWith(HaltOnError.WAIT_HOURS_WITHOUT_PREVIOUS_START);
  }

  private static RolloutSpec baseSpec(Sources before) {
    try {
      return before.spec();
    } catch (RolloutException e) {
      return null; // the base revision could not have created a rollout either
    }
  }

  static Sources sources(ClusterSource c) {
    return new Sources(
        c.autoupdateConfig().orElse(null),
        c.autoupdateVersion().orElse(null),
        c.maintenanceConfig().orElse(null));
  }

  private static String resetCauses(RolloutSpec observed, RolloutSpec desired) {
    List<String> causes = new ArrayList<>();
    if (!observed.startVersion().equals(desired.startVersion())) {
      causes.add(
          "start_version (" + observed.startVersion() + " -> " + desired.startVersion() + ")");
    }
    if (!observed.targetVersion().equals(desired.targetVersion())) {
      causes.add(
          "target_version (" + observed.targetVersion() + " -> " + desired.targetVersion() + ")");
    }
    if (observed.schedule() != desired.schedule()) {
      causes.add(
          "schedule (" + observed.schedule().label() + " -> " + desired.schedule().label() + ")");
    }
    if (observed.strategy() != desired.strategy()) {
      causes.add(
          "strategy (" + observed.strategy().label() + " -> " + desired.strategy().label() + ")");
    }
    return String.join(", ", causes);
  }

  private static List<String> unchangedNotes(
      RolloutSpec observed, RolloutSpec desired, Sources before, Sources applied) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "The rollout is not reset: start_version, target_version, schedule and strategy are unchanged"
            + " (teleport-semantics §5.3). Groups keep their progress; the timeline simulates the rollout as if it had been"
            + " created at the first controller run from the base revision's groups.");
    if (observed.mode() != desired.mode()) {
      notes.add(
          "The effective mode changes from "
              + observed.mode().label()
              + " to "
              + desired.mode().label()
              + ": this takes effect at the next controller run (what agents are told), without a reset.");
    }
    if (!observed.maintenanceWindowDuration().equals(desired.maintenanceWindowDuration())) {
      notes.add(
          "maintenance_window_duration changes from "
              + GoDuration.human(observed.maintenanceWindowDuration())
              + " to "
              + GoDuration.human(desired.maintenanceWindowDuration())
              + ": the spec is rebuilt on every run, so this takes effect at the next controller run.");
    }
    List<GroupConfig> was = before.groups();
    List<GroupConfig> now = applied.groups();
    if (!was.equals(now)) {
      notes.add(
          "Schedule edits ("
              + describeGroupEdits(was, now)
              + ") do NOT take effect now: the rollout keeps"
              + " the groups it copied when it was created. They take effect with the next rollout, when"
              + " start_version, target_version, schedule or strategy next changes (teleport-semantics §5.3).");
    }
    return notes;
  }

  private static String describeGroupEdits(List<GroupConfig> was, List<GroupConfig> now) {
    List<String> parts = new ArrayList<>();
    List<String> wasNames = was.stream().map(GroupConfig::name).toList();
    List<String> nowNames = now.stream().map(GroupConfig::name).toList();
    for (GroupConfig g : now) {
      if (!wasNames.contains(g.name())) {
        parts.add("adds " + g.name());
      } else if (!was.get(wasNames.indexOf(g.name())).equals(g)) {
        parts.add("changes " + g.name());
      }
    }
    for (GroupConfig g : was) {
      if (!nowNames.contains(g.name())) {
        parts.add("removes " + g.name());
      }
    }
    boolean reordered =
        !wasNames.stream()
            .filter(nowNames::contains)
            .toList()
            .equals(nowNames.stream().filter(wasNames::contains).toList());
    if (parts.isEmpty() || reordered) {
      parts.add("reorders groups");
    }
    return String.join(", ", parts);
  }

  static List<PlanWarning> warnings(Simulation sim, boolean cloud) {
    List<PlanWarning> out = new ArrayList<>();
    RolloutSpec spec = sim.spec();
    if (spec == null) {
      return out;
    }
    if (spec.mode() != AgentMode.ENABLED) {
      out.add(
          new PlanWarning(
              PlanWarning.Code.MODE_NOT_ENABLED,
              "",
              "The effective mode is "
                  + spec.mode().label()
                  + ": no agent is told to update"
                  + (spec.mode() == AgentMode.DISABLED
                      ? " (new agents install the target version)"
                      : "")
                  + ". Groups still move through their states as simulated (teleport-semantics §4)"
                  + (spec.strategy() == Strategy.HALT_ON_ERROR && sim.agents().reports()
                      ? ", but with agent reports a started group is never done until the mode is enabled."
                      : ".")));
    }
    for (String e : sim.errors()) {
      if (!expectedWaitHoursError(e)) {
        out.add(
            new PlanWarning(PlanWarning.Code.CONTROLLER_ERROR, "", "The controller reports: " + e));
      }
    }
    if (spec.schedule() == Schedule.IMMEDIATE) {
      return out;
    }
    List<GroupTimeline> groups = sim.groups();
    for (int i = 0; i < groups.size(); i++) {
      GroupTimeline g = groups.get(i);
      GroupConfig c = g.config();
      if (spec.strategy() == Strategy.TIME_BASED
          && Duration.ofHours(c.startHour())
                  .plus(spec.maintenanceWindowDuration())
                  .compareTo(Duration.ofDays(1))
              > 0) {
        out.add(
            new PlanWarning(
                PlanWarning.Code.WINDOW_CUT_AT_MIDNIGHT,
                g.name(),
                "Group "
                    + g.name()
                    + ": the "
                    + GoDuration.human(spec.maintenanceWindowDuration())
                    + " window at "
                    + hour(c.startHour())
                    + " UTC is cut at midnight: Teleport's window never crosses UTC midnight,"
                    + " so it is "
                    + hour(c.startHour())
                    + "-24:00 (teleport-semantics §6.1)."));
      }
      if (spec.strategy() == Strategy.HALT_ON_ERROR && c.canaryCount() > 0) {
        if (!sim.agents().reports()) {
          out.add(
              new PlanWarning(
                  PlanWarning.Code.CANARY_WITHOUT_REPORTS,
                  g.name(),
                  "Group "
                      + g.name()
                      + " has canary_count "
                      + c.canaryCount()
                      + " but agents send no reports:"
                      + " no canary can be sampled, so the group never leaves the canary phase (teleport-semantics §7)."));
        } else if (g.agents() < c.canaryCount()) {
          out.add(
              new PlanWarning(
                  PlanWarning.Code.CANARY_TOO_FEW_AGENTS,
                  g.name(),
                  "Group "
                      + g.name()
                      + " has canary_count "
                      + c.canaryCount()
                      + " but only "
                      + g.agents()
                      + " agents: it stays in the canary phase (waiting_for_canaries) until an operator intervenes."));
        }
      }
      if (g.start() == null) {
        out.add(
            new PlanWarning(
                PlanWarning.Code.NEVER_STARTS,
                g.name(),
                "Group "
                    + g.name()
                    + " does not start within the horizon ("
                    + PlanTextRenderer.duration(Duration.between(sim.created(), sim.horizonEnd()))
                    + ")."));
      } else if (g.done() == null) {
        out.add(
            new PlanWarning(
                PlanWarning.Code.NEVER_DONE,
                g.name(),
                "Group "
                    + g.name()
                    + " starts "
                    + PlanTextRenderer.time(g.start())
                    + " but is not done within the horizon."));
      }
      if (spec.strategy() == Strategy.HALT_ON_ERROR && i > 0) {
        GroupTimeline prev = groups.get(i - 1);
        if (prev.done() != null && g.start() != null && laterWeek(prev.done(), g.start())) {
          out.add(
              new PlanWarning(
                  PlanWarning.Code.LATER_WEEK,
                  g.name(),
                  "Group "
                      + g.name()
                      + " waits for a later week: "
                      + prev.name()
                      + " is done "
                      + PlanTextRenderer.time(prev.done())
                      + " but "
                      + g.name()
                      + " starts only "
                      + PlanTextRenderer.time(g.start())
                      + " ("
                      + PlanTextRenderer.duration(Duration.between(prev.done(), g.start()))
                      + " later)."));
        }
      }
    }
    if (cloud) {
      Instant firstStart =
          groups.stream()
              .map(GroupTimeline::start)
              .filter(Objects::nonNull)
              .min(Instant::compareTo)
              .orElse(sim.created());
      if (sim.completes() == null
          || Duration.between(firstStart, sim.completes()).compareTo(CLOUD_LIMIT) > 0) {
        out.add(
            new PlanWarning(
                PlanWarning.Code.CLOUD_OVER_72H,
                "",
                "This Teleport Cloud rollout takes "
                    + (sim.completes() == null
                        ? "longer than the horizon"
                        : PlanTextRenderer.duration(Duration.between(firstStart, sim.completes()))
                            + " from the first group's start")
                    + ", over Cloud's 72 h limit (teleport-semantics §2.4)."));
      }
    }
    return out;
  }

  private static boolean laterWeek(Instant a, Instant b) {
    var x = a.atOffset(ZoneOffset.UTC);
    var y = b.atOffset(ZoneOffset.UTC);
    return y.get(IsoFields.WEEK_BASED_YEAR) * 100 + y.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)
        > x.get(IsoFields.WEEK_BASED_YEAR) * 100 + x.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  static String hour(int h) {
    return String.format("%02d:00", h);
  }

  static String days(List<String> days) {
    return days.stream().collect(Collectors.joining(","));
  }
}
