package dev.lockstep.bump;

import dev.lockstep.model.BumpPolicy;
import dev.lockstep.model.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides the version one cluster moves to: a pure function of {@link DecisionInput} (releases,
 * ceiling, current version, status history, now, policy) that records every step.
 *
 * <ol>
 *   <li><b>cloud</b>: a Teleport Cloud cluster gets no agent version: Cloud owns {@code
 *       autoupdate_version} (teleport-semantics §3.3).
 *   <li><b>ceiling</b>: without a control-plane version nothing is decided ({@link
 *       Outcome#CANNOT_RUN}); Lockstep never guesses it. No candidate is above it: agents newer
 *       than Auth are not supported (teleport-semantics §16).
 *   <li><b>majors</b>: at most one major above the current target (Teleport refuses to skip a
 *       major, teleport-semantics §16), never above the ceiling's major.
 *   <li><b>soak</b>: a release is eligible once its minimum release age for its update type has
 *       passed since publication; a release labelled {@code security-patch=yes} skips the soak,
 *       unless the current version already carries the fix (its {@code security-patch-alts}, as
 *       Teleport's version checker decides whether to alert).
 *   <li><b>cloud-stable</b> ({@code follow: cloud-stable}): never above the version Teleport Cloud
 *       publishes for the release's major.
 *   <li><b>pick</b>: the highest eligible release; newer ones still soaking are listed with the
 *       time their soak ends, so frequent releases never starve the bump.
 *   <li><b>promotion</b> ({@code promote_from}): only the version the other cluster's latest
 *       rollout finished, once it has been done for {@code promotion_soak} with no halt.
 * </ol>
 *
 * <p>Reads no clock and nothing outside its input.
 */
public final class Decider {
  private Decider() {}

  /** The decision for one cluster. */
  public static Decision decide(DecisionInput in) {
    if (in.cloud()) {
      return undecided(
          in,
          Outcome.NOTHING,
          "Teleport Cloud manages agent versions (autoupdate_version is the Cloud team's):"
              + " no agent version is proposed");
    }
    if (in.current().isEmpty()) {
      return undecided(
          in,
          Outcome.NOTHING,
          "the cluster has no autoupdate_version spec.agents.target_version to move from");
    }
    Version current = in.current().get();
    if (in.ceiling().isEmpty()) {
      return undecided(
          in,
          Outcome.CANNOT_RUN,
          "no control-plane version is known: pass --live (the Proxy's server_version) or"
              + " --auth-version V, or set spec.auth_version in cluster.yaml; Lockstep never"
              + " guesses the ceiling");
    }
    List<Step> steps = new ArrayList<>();
    Ceiling ceiling = in.ceiling().get();
    BumpPolicy policy = in.policy();
    steps.add(new Step("ceiling", "agents stay at or below " + ceiling.describe()));
    long nextMajor = current.major() + 1;
    long maxMajor = Math.min(nextMajor, ceiling.version().major());
    steps.add(
        new Step(
            "majors",
            "current target "
                + current
                + ": "
                + (maxMajor < current.major()
                    ? "no major is possible (the control plane runs " + ceiling.version() + ")"
                    : maxMajor == current.major()
                        ? current.major()
                            + ".x only (the control plane runs major "
                            + ceiling.version().major()
                            + ")"
                        : current.major() + ".x and " + nextMajor + ".x (one major at a time)")));
    steps.add(
        new Step(
            "soak",
            "minimum release age: major "
                + BumpPolicy.format(policy.majorAge())
                + ", minor "
                + BumpPolicy.format(policy.minorAge())
                + ", patch "
                + BumpPolicy.format(policy.patchAge())
                + "; releases labelled security-patch=yes skip it"));
    if (policy.followCloudStable()) {
      steps.add(new Step("cloud-stable", cloudStableText(in, current, maxMajor)));
    }

    Optional<Release> currentRelease =
        in.releases().stream().filter(r -> r.version().sameAs(current)).findFirst();
    List<Candidate> candidates = new ArrayList<>();
    int tooFar = 0;
    for (Release r : sortedNewestFirst(in.releases())) {
      Version v = r.version();
      // a release published after now is not known yet (a decision replayed with --now)
      if (v.compareTo(current) <= 0 || r.published().isAfter(in.now())) {
        continue;
      }
      if (v.major() > nextMajor) {
        tooFar++;
        continue;
      }
      candidates.add(judge(in, r, current, currentRelease, ceiling));
    }

    List<Candidate> eligible = new ArrayList<>();
    for (Candidate c : candidates) {
      if (c.verdict() == Verdict.PICKED) {
        eligible.add(c);
      }
    }
    Optional<Decision.Promotion> promotion = Optional.empty();
    Optional<Version> pick =
        eligible.isEmpty() ? Optional.empty() : Optional.of(eligible.get(0).version());
    String promotionBlock = "";
    if (policy.promoteFrom().isPresent()) {
      Promoted p = promote(in, current, eligible);
      promotion = p.evidence;
      pick = p.version;
      promotionBlock = p.reason;
      steps.add(new Step("promotion", p.reason));
    }
    List<Candidate> judged = new ArrayList<>();
    for (Candidate c : candidates) {
      if (c.verdict() != Verdict.PICKED) {
        judged.add(c);
      } else if (pick.isPresent() && c.version().equals(pick.get())) {
        judged.add(
            c.with(
                Verdict.PICKED,
                c.why()
                    + (policy.promoteFrom().isPresent()
                        ? "; " + policy.promoteFrom().get() + " finished it"
                        : "")));
      } else if (pick.isPresent() && c.version().compareTo(pick.get()) < 0) {
        judged.add(c.with(Verdict.OLDER, "eligible, but " + pick.get() + " is newer"));
      } else {
        judged.add(
            c.with(
                Verdict.NOT_PROMOTED,
                "eligible, but "
                    + policy.promoteFrom().orElse("")
                    + " has not finished a rollout to it"));
      }
    }
    String pickText = pickText(current, judged, pick, tooFar);
    steps.add(new Step("pick", pickText));
    if (pick.isPresent()) {
      return result(
          in,
          Outcome.PROPOSED,
          steps,
          judged,
          pick,
          "move agents and tools from " + current + " to " + pick.get(),
          promotion);
    }
    return result(
        in,
        Outcome.NOTHING,
        steps,
        judged,
        Optional.empty(),
        promotionBlock.isEmpty() || eligible.isEmpty() ? pickText : promotionBlock,
        promotion);
  }

  /** The verdict of one release on its own: above a cap, soaking, or eligible (PICKED for now). */
  private static Candidate judge(
      DecisionInput in,
      Release r,
      Version current,
      Optional<Release> currentRelease,
      Ceiling ceiling) {
    Version v = r.version();
    UpdateType type = UpdateType.of(current, v);
    Duration age = type.age(in.policy());
    boolean carriesFixAlready = r.security() && r.isSecurityAltOf(current, currentRelease);
    boolean skipsSoak = r.security() && !carriesFixAlready;
    Instant soakedAt = skipsSoak ? r.published() : r.published().plus(age);
    Candidate c = new Candidate(v, r.published(), soakedAt, r.security(), Verdict.PICKED, "");
    if (v.compareTo(ceiling.version()) > 0) {
      return c.with(Verdict.ABOVE_CEILING, "above the control plane's " + ceiling.version());
    }
    if (in.policy().followCloudStable()) {
      Optional<Version> cap = in.cloudStable().getOrDefault(v.major(), Optional.empty());
      if (cap.isEmpty()) {
        return c.with(
            Verdict.ABOVE_CLOUD_STABLE,
            "Teleport Cloud publishes no stable version for v" + v.major());
      }
      if (v.compareTo(cap.get()) > 0) {
        return c.with(
            Verdict.ABOVE_CLOUD_STABLE,
            "above Teleport Cloud's stable " + cap.get() + " for v" + v.major());
      }
    }
    String soak;
    if (skipsSoak) {
      soak = "security-patch=yes: skips the soak";
    } else {
      soak =
          (carriesFixAlready
                  ? "security-patch=yes, but " + current + " already carries the fix: "
                  : "")
              + type.label()
              + " release, soaks "
              + BumpPolicy.format(age);
    }
    if (in.now().isBefore(soakedAt)) {
      return c.with(Verdict.SOAKING, soak + " until " + soakedAt);
    }
    return c.with(Verdict.PICKED, soak + (skipsSoak ? "" : ", soaked since " + soakedAt));
  }

  /** The outcome of {@code promote_from}. */
  private record Promoted(
      Optional<Version> version, Optional<Decision.Promotion> evidence, String reason) {}

  private static Promoted promote(DecisionInput in, Version current, List<Candidate> eligible) {
    String from = in.policy().promoteFrom().get();
    Duration soak = in.policy().promotionSoak();
    if (in.promotionHistory().isEmpty() || in.promotionHistory().get().isEmpty()) {
      return new Promoted(
          Optional.empty(),
          Optional.empty(),
          "promote_from "
              + from
              + ": no status of "
              + from
              + " was found, so nothing it ran can be promoted");
    }
    List<StatusSnapshot> history =
        in.promotionHistory().get().stream()
            .sorted(Comparator.comparing(StatusSnapshot::at))
            .toList();
    StatusSnapshot latest = history.get(history.size() - 1);
    String target = latest.targetVersion();
    if (!latest.isDoneAt(target) || target.isEmpty()) {
      String state =
          latest.halted()
              ? "is halted"
              : latest.rolloutState().isEmpty()
                  ? "shows no rollout"
                  : "is " + latest.rolloutState();
      return new Promoted(
          Optional.empty(),
          Optional.of(new Decision.Promotion(from, target, Optional.empty(), Optional.empty(), "")),
          "promote_from "
              + from
              + ": its rollout"
              + (target.isEmpty() ? "" : " to " + target)
              + " "
              + state
              + " (status of "
              + latest.at()
              + "); nothing is promoted until it is done");
    }
    // the streak of snapshots, newest backwards, that show this rollout done without a halt
    StatusSnapshot since = latest;
    for (int i = history.size() - 1; i >= 0 && history.get(i).isDoneAt(target); i--) {
      since = history.get(i);
    }
    Instant ends = since.at().plus(soak);
    Decision.Promotion evidence =
        new Decision.Promotion(
            from, target, Optional.of(since.at()), Optional.of(ends), since.commit());
    Optional<Version> version = Version.tryParse(target);
    String rollout = "promote_from " + from + ": its rollout to " + target;
    String blocked;
    if (version.isEmpty() || version.get().compareTo(current) <= 0) {
      blocked = rollout + " is done, and this cluster already targets " + current;
    } else if (in.now().isBefore(ends)) {
      blocked =
          rollout
              + " is done since "
              + since.at()
              + "; the promotion soak ("
              + BumpPolicy.format(soak)
              + ") ends at "
              + ends;
    } else if (eligible.stream().noneMatch(c -> c.version().sameAs(version.get()))) {
      blocked =
          rollout
              + " is done since "
              + since.at()
              + ", but "
              + target
              + " is not an eligible release for this cluster (see its candidate line)";
    } else {
      return new Promoted(
          version,
          Optional.of(evidence),
          rollout
              + " has been done since "
              + since.at()
              + " with no halt, longer than the promotion soak ("
              + BumpPolicy.format(soak)
              + ")");
    }
    return new Promoted(Optional.empty(), Optional.of(evidence), blocked);
  }

  private static String pickText(
      Version current, List<Candidate> judged, Optional<Version> pick, int tooFar) {
    String far =
        tooFar == 0
            ? ""
            : " (" + tooFar + " newer release(s) more than one major ahead are not considered)";
    if (pick.isPresent()) {
      return pick.get() + ", the newest eligible release" + soakingAbove(judged, pick.get()) + far;
    }
    if (judged.isEmpty()) {
      return "up to date: no GA release newer than " + current + " within one major" + far;
    }
    Optional<Candidate> soonest =
        judged.stream()
            .filter(c -> c.verdict() == Verdict.SOAKING)
            .min(Comparator.comparing(Candidate::soakedAt));
    if (judged.stream().anyMatch(c -> c.verdict() == Verdict.NOT_PROMOTED)) {
      return "no release is promoted yet" + far;
    }
    if (soonest.isPresent()) {
      return "nothing has soaked yet: "
          + soonest.get().version()
          + " is the first eligible, at "
          + soonest.get().soakedAt()
          + far;
    }
    return "no newer release is allowed (see the candidates)" + far;
  }

  private static String soakingAbove(List<Candidate> judged, Version pick) {
    List<String> soaking =
        judged.stream()
            .filter(c -> c.verdict() == Verdict.SOAKING && c.version().compareTo(pick) > 0)
            .map(c -> c.version() + " until " + c.soakedAt())
            .toList();
    return soaking.isEmpty() ? "" : "; still soaking: " + String.join(", ", soaking);
  }

  private static String cloudStableText(DecisionInput in, Version current, long maxMajor) {
    List<String> parts = new ArrayList<>();
    for (long m = current.major(); m <= Math.max(current.major(), maxMajor); m++) {
      Optional<Version> cap = in.cloudStable().getOrDefault(m, Optional.empty());
      parts.add("v" + m + " at " + cap.map(Version::toString).orElse("none published"));
    }
    return "capped at Teleport Cloud's stable version: " + String.join(", ", parts);
  }

  private static List<Release> sortedNewestFirst(List<Release> releases) {
    List<Release> sorted = new ArrayList<>(releases);
    sorted.sort((a, b) -> b.version().compareTo(a.version()));
    return sorted;
  }

  /** A decision taken before any release is looked at. */
  private static Decision undecided(DecisionInput in, Outcome outcome, String reason) {
    return result(in, outcome, List.of(), List.of(), Optional.empty(), reason, Optional.empty());
  }

  private static Decision result(
      DecisionInput in,
      Outcome outcome,
      List<Step> steps,
      List<Candidate> candidates,
      Optional<Version> proposed,
      String reason,
      Optional<Decision.Promotion> promotion) {
    return new Decision(
        in.cluster(),
        outcome,
        in.current(),
        proposed,
        in.ceiling(),
        candidates,
        steps,
        reason,
        promotion);
  }

  /** The majors whose Teleport Cloud stable version a decision may need (for the caller). */
  public static List<Long> majorsToCap(Version current, Optional<Ceiling> ceiling) {
    long max =
        ceiling
            .map(c -> Math.min(current.major() + 1, c.version().major()))
            .orElse(current.major() + 1);
    List<Long> out = new ArrayList<>();
    for (long m = current.major(); m <= max; m++) {
      out.add(m);
    }
    return out;
  }
}
