package dev.lockstep.bump;

import static dev.lockstep.bump.Inputs.halted;
import static dev.lockstep.bump.Inputs.in;
import static dev.lockstep.bump.Inputs.release;
import static dev.lockstep.bump.Inputs.security;
import static dev.lockstep.bump.Inputs.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.model.Version;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every step of {@link Decider}, one row each: the input, the outcome, every candidate's verdict.
 */
class DeciderTest {

  /** The expected outcome, proposed version, reason fragment and candidate verdicts. */
  record Want(Outcome outcome, String proposed, String reason, Map<String, Verdict> verdicts) {}

  static Want want(Outcome o, String proposed, String reason, Object... versionVerdicts) {
    Map<String, Verdict> m = new LinkedHashMap<>();
    for (int i = 0; i < versionVerdicts.length; i += 2) {
      m.put((String) versionVerdicts[i], (Verdict) versionVerdicts[i + 1]);
    }
    return new Want(o, proposed, reason, m);
  }

  record Case(DecisionInput input, Want want) {}

  static Arguments row(String name, Inputs.Builder in, Want want) {
    return Arguments.of(named(name, new Case(in.build(), want)));
  }

  static final Verdict PICKED = Verdict.PICKED;
  static final Verdict OLDER = Verdict.OLDER;
  static final Verdict SOAKING = Verdict.SOAKING;
  static final Verdict ABOVE_CEILING = Verdict.ABOVE_CEILING;
  static final Verdict ABOVE_CLOUD = Verdict.ABOVE_CLOUD_STABLE;
  static final Verdict NOT_PROMOTED = Verdict.NOT_PROMOTED;

  static Stream<Arguments> decisions() {
    return Stream.of(
        row(
            "cloud cluster -> nothing: Cloud owns autoupdate_version",
            in().cloud().releases(release("17.2.3", 10)),
            want(Outcome.NOTHING, null, "Teleport Cloud manages agent versions")),
        row(
            "no agents target -> nothing to move from",
            in().current(null).releases(release("17.2.3", 10)),
            want(Outcome.NOTHING, null, "no autoupdate_version spec.agents.target_version")),
        row(
            "no ceiling -> cannot run, never guessed",
            in().ceiling(null).releases(release("17.2.3", 10)),
            want(Outcome.CANNOT_RUN, null, "Lockstep never guesses the ceiling")),
        row(
            "no newer release -> up to date",
            in().releases(release("17.2.1", 30), release("17.2.0", 40), release("16.4.9", 2)),
            want(Outcome.NOTHING, null, "up to date: no GA release newer than 17.2.1")),
        row(
            "a release published after now is not known yet",
            in().releases(release("17.2.2", 10), release("17.2.3", -1)),
            want(Outcome.PROPOSED, "17.2.2", "", "17.2.2", PICKED)),
        row(
            "a patch soaked 3 days -> picked",
            in().releases(release("17.2.2", 3.1)),
            want(Outcome.PROPOSED, "17.2.2", "from 17.2.1 to 17.2.2", "17.2.2", PICKED)),
        row(
            "a patch 2 days old -> soaking, nothing proposed",
            in().releases(release("17.2.2", 2)),
            want(
                Outcome.NOTHING,
                null,
                "17.2.2 is the first eligible, at 2026-12-02T12:00:00Z",
                "17.2.2",
                SOAKING)),
        row(
            "frequent patches never starve: the newest soaked one is picked, newer ones listed",
            in().releases(
                    release("17.2.5", 0.5),
                    release("17.2.4", 1.5),
                    release("17.2.3", 3.5),
                    release("17.2.2", 4.5)),
            want(
                Outcome.PROPOSED,
                "17.2.3",
                "to 17.2.3",
                "17.2.5",
                SOAKING,
                "17.2.4",
                SOAKING,
                "17.2.3",
                PICKED,
                "17.2.2",
                OLDER)),
        row(
            "a minor soaks 7 days, a patch 3",
            in().releases(release("17.3.0", 6), release("17.2.2", 4)),
            want(Outcome.PROPOSED, "17.2.2", "", "17.3.0", SOAKING, "17.2.2", PICKED)),
        row(
            "security-patch=yes skips the soak",
            in().releases(security("17.2.2", 0.1)),
            want(Outcome.PROPOSED, "17.2.2", "", "17.2.2", PICKED)),
        row(
            "a security patch whose alts name the current version waits its soak",
            in().releases(security("17.2.2", 0.1, "17.2.1")),
            want(Outcome.NOTHING, null, "", "17.2.2", SOAKING)),
        row(
            "the current release's own alts name the security patch: it waits too",
            in().releases(
                    security("17.2.2", 0.1),
                    new Release(
                        Inputs.v("17.2.1"),
                        Inputs.daysAgo(30),
                        true,
                        java.util.List.of(Inputs.v("17.2.2")),
                        "")),
            want(Outcome.NOTHING, null, "", "17.2.2", SOAKING)),
        row(
            "never above the control plane: a soaked minor above the ceiling",
            in().ceiling("17.3.0").releases(release("17.3.1", 20), release("17.3.0", 20)),
            want(Outcome.PROPOSED, "17.3.0", "", "17.3.1", ABOVE_CEILING, "17.3.0", PICKED)),
        row(
            "the next major after 14 days",
            in().ceiling("18.1.0").releases(release("18.0.1", 15), release("17.5.0", 30)),
            want(Outcome.PROPOSED, "18.0.1", "", "18.0.1", PICKED, "17.5.0", OLDER)),
        row(
            "a major 13 days old soaks; the soaked minor is picked",
            in().ceiling("18.1.0").releases(release("18.0.0", 13), release("17.3.0", 8)),
            want(Outcome.PROPOSED, "17.3.0", "", "18.0.0", SOAKING, "17.3.0", PICKED)),
        row(
            "never two majors ahead, whatever the ceiling",
            in().ceiling("19.2.0").releases(release("19.1.0", 90), release("18.2.0", 90)),
            want(
                Outcome.PROPOSED,
                "18.2.0",
                "1 newer release(s) more than one major ahead",
                "18.2.0",
                PICKED)),
        row(
            "the ceiling's major bounds the next major",
            in().ceiling("17.9.9").releases(release("18.0.0", 60)),
            want(Outcome.NOTHING, null, "", "18.0.0", ABOVE_CEILING)),
        row(
            "follow cloud-stable: capped at Cloud's stable version of the major",
            in().cloudStable(17, "17.2.3").releases(release("17.2.4", 10), release("17.2.3", 10)),
            want(Outcome.PROPOSED, "17.2.3", "", "17.2.4", ABOVE_CLOUD, "17.2.3", PICKED)),
        row(
            "follow cloud-stable: no stable version published for the next major",
            in().ceiling("18.2.0")
                .cloudStable(17, "17.5.0")
                .cloudStable(18, null)
                .releases(release("18.1.0", 30), release("17.5.0", 30)),
            want(Outcome.PROPOSED, "17.5.0", "", "18.1.0", ABOVE_CLOUD, "17.5.0", PICKED)),
        row(
            "promotion: staging done for 3 days -> staging's version",
            in().promoteFrom("staging", status(5, "active", "17.2.3"), status(3, "done", "17.2.3"))
                .releases(release("17.2.4", 4), release("17.2.3", 10)),
            want(Outcome.PROPOSED, "17.2.3", "", "17.2.4", NOT_PROMOTED, "17.2.3", PICKED)),
        row(
            "promotion: staging done for 20 hours -> waits for the promotion soak",
            in().promoteFrom(
                    "staging", status(2, "active", "17.2.3"), status(0.8, "done", "17.2.3"))
                .releases(release("17.2.3", 10)),
            want(
                Outcome.NOTHING,
                null,
                "the promotion soak (2d) ends at 2026-12-02T16:48:00Z",
                "17.2.3",
                NOT_PROMOTED)),
        row(
            "promotion: a halt inside the streak restarts it",
            in().promoteFrom(
                    "staging",
                    status(4, "done", "17.2.3"),
                    halted(1.5, "done", "17.2.3"),
                    status(1, "done", "17.2.3"))
                .releases(release("17.2.3", 10)),
            want(
                Outcome.NOTHING,
                null,
                "is done since 2026-11-30T12:00:00Z",
                "17.2.3",
                NOT_PROMOTED)),
        row(
            "promotion: staging halted now",
            in().promoteFrom(
                    "staging", status(4, "done", "17.2.3"), halted(0.5, "active", "17.2.3"))
                .releases(release("17.2.3", 10)),
            want(Outcome.NOTHING, null, "its rollout to 17.2.3 is halted", "17.2.3", NOT_PROMOTED)),
        row(
            "promotion: staging still rolling out",
            in().promoteFrom("staging", status(1, "active", "17.2.3"))
                .releases(release("17.2.3", 10)),
            want(Outcome.NOTHING, null, "its rollout to 17.2.3 is active", "17.2.3", NOT_PROMOTED)),
        row(
            "promotion: no status of staging",
            in().promoteFrom("staging").releases(release("17.2.3", 10)),
            want(Outcome.NOTHING, null, "no status of staging was found", "17.2.3", NOT_PROMOTED)),
        row(
            "promotion: staging runs a version still soaking here",
            in().promoteFrom("staging", status(4, "done", "17.3.0"))
                .releases(release("17.3.0", 5), release("17.2.2", 5)),
            want(
                Outcome.NOTHING,
                null,
                "17.3.0 is not an eligible release for this cluster",
                "17.3.0",
                SOAKING,
                "17.2.2",
                NOT_PROMOTED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decides(Case c) {
    Decision d = Decider.decide(c.input());

    assertThat(d.outcome()).isEqualTo(c.want().outcome());
    assertThat(d.proposed().map(Version::toString).orElse(null)).isEqualTo(c.want().proposed());
    String explained =
        d.reason() + "\n" + String.join("\n", d.steps().stream().map(Step::text).toList());
    assertThat(explained).contains(c.want().reason());
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    d.candidates().forEach(x -> verdicts.put(x.version().toString(), x.verdict()));
    assertThat(verdicts).containsExactlyEntriesOf(c.want().verdicts());
  }

  @Test
  void everyStepIsRecordedInOrderWithItsFindings() {
    Decision d =
        Decider.decide(
            in().ceiling("18.1.0")
                .cloudStable(17, "17.9.0")
                .cloudStable(18, "18.0.2")
                .promoteFrom("staging", status(5, "done", "18.0.1"))
                .releases(release("18.0.2", 1), release("18.0.1", 20), security("17.2.9", 0.2))
                .build());

    assertThat(d.steps())
        .extracting(Step::name)
        .containsExactly("ceiling", "majors", "soak", "cloud-stable", "promotion", "pick");
    assertThat(d.steps())
        .extracting(Step::text)
        .containsExactly(
            "agents stay at or below 18.1.0 (auth-version)",
            "current target 17.2.1: 17.x and 18.x (one major at a time)",
            "minimum release age: major 14d, minor 7d, patch 3d; releases labelled"
                + " security-patch=yes skip it",
            "capped at Teleport Cloud's stable version: v17 at 17.9.0, v18 at 18.0.2",
            "promote_from staging: its rollout to 18.0.1 has been done since"
                + " 2026-11-26T12:00:00Z with no halt, longer than the promotion soak (2d)",
            "18.0.1, the newest eligible release; still soaking: 18.0.2 until"
                + " 2026-12-14T12:00:00Z");
    assertThat(d.candidates())
        .extracting(Candidate::why)
        .containsExactly(
            "major release, soaks 14d until 2026-12-14T12:00:00Z",
            "major release, soaks 14d, soaked since 2026-11-25T12:00:00Z; staging finished it",
            "eligible, but 18.0.1 is newer");
    assertThat(d.promotion().orElseThrow().commit()).isEqualTo("c50");
  }
}
