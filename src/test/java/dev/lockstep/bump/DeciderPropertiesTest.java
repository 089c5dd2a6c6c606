package dev.lockstep.bump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.model.BumpPolicy;
import dev.lockstep.model.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link Decider} over random release sets, current versions, ceilings and policies
 * (jqwik, on the JUnit Platform beside Jupiter): never above the ceiling, never more than one major
 * ahead, never an unsoaked release unless it is a security patch the cluster lacks; and the pick
 * equals a slow reference that checks every release against every rule on its own.
 */
class DeciderPropertiesTest {
  static final Instant NOW = Inputs.NOW;

  @Provide
  Arbitrary<Version> versions() {
    return Combinators.combine(
            Arbitraries.longs().between(15, 19),
            Arbitraries.longs().between(0, 4),
            Arbitraries.longs().between(0, 8))
        .as(Version::of);
  }

  @Provide
  Arbitrary<Release> releases() {
    return Combinators.combine(
            versions(),
            Arbitraries.integers().between(0, 40 * 24 * 60),
            Arbitraries.frequency(
                net.jqwik.api.Tuple.of(8, false), net.jqwik.api.Tuple.of(2, true)),
            versions().list().ofMaxSize(2))
        .as(
            (v, minutesAgo, security, alts) ->
                new Release(v, NOW.minus(Duration.ofMinutes(minutesAgo)), security, alts, ""));
  }

  @Provide
  Arbitrary<BumpPolicy> policies() {
    Arbitrary<Duration> age = Arbitraries.integers().between(0, 20 * 24).map(Duration::ofHours);
    return Combinators.combine(age, age, age, Arbitraries.of(true, false))
        .as(
            (major, minor, patch, follow) ->
                new BumpPolicy(
                    major, minor, patch, Optional.empty(), Duration.ofHours(48), follow));
  }

  @Provide
  Arbitrary<Map<Long, Optional<Version>>> cloudStables() {
    Arbitrary<Optional<Version>> cap =
        Combinators.combine(
                Arbitraries.integers().between(0, 9),
                Arbitraries.longs().between(0, 4),
                Arbitraries.longs().between(0, 8))
            .as(
                (none, minor, patch) ->
                    none == 0 ? Optional.empty() : Optional.of(Version.of(0, minor, patch)));
    return cap.list()
        .ofSize(6)
        .map(
            caps -> {
              Map<Long, Optional<Version>> m = new HashMap<>();
              for (int i = 0; i < caps.size(); i++) {
                long major = 15 + i;
                m.put(major, caps.get(i).map(c -> Version.of(major, c.minor(), c.patch())));
              }
              return m;
            });
  }

  @Provide
  Arbitrary<DecisionInput> inputs() {
    return Combinators.combine(
            versions(),
            versions().injectNull(0.05),
            releases().list().ofMaxSize(40),
            policies(),
            cloudStables())
        .as(
            (current, ceiling, releases, policy, caps) ->
                new DecisionInput(
                    "prod",
                    false,
                    Optional.of(current),
                    Optional.ofNullable(ceiling).map(c -> new Ceiling(c, Ceiling.Source.FLAG, "")),
                    releases,
                    policy,
                    caps,
                    Optional.empty(),
                    NOW));
  }

  @Property(tries = 400)
  void neverAboveTheCeiling(@ForAll("inputs") DecisionInput in) {
    Decision d = Decider.decide(in);
    d.proposed()
        .ifPresent(
            v ->
                assertThat(v.compareTo(in.ceiling().orElseThrow().version()))
                    .isLessThanOrEqualTo(0));
  }

  @Property(tries = 400)
  void neverMoreThanOneMajorAheadAndAlwaysNewer(@ForAll("inputs") DecisionInput in) {
    Version current = in.current().orElseThrow();
    Decider.decide(in)
        .proposed()
        .ifPresent(
            v -> {
              assertThat(v.major()).isLessThanOrEqualTo(current.major() + 1);
              assertThat(v.compareTo(current)).isPositive();
            });
  }

  @Property(tries = 400)
  void neverAnUnsoakedReleaseUnlessASecurityFixTheClusterLacks(@ForAll("inputs") DecisionInput in) {
    Version current = in.current().orElseThrow();
    Decider.decide(in)
        .proposed()
        .ifPresent(
            v -> {
              Release r =
                  in.releases().stream()
                      .filter(x -> x.version().equals(v))
                      .findFirst()
                      .orElseThrow();
              Duration age = UpdateType.of(current, v).age(in.policy());
              boolean soaked = !NOW.isBefore(r.published().plus(age));
              assertThat(soaked || (r.security() && !lacksNothing(in, r)))
                  .as("%s published %s is soaked or a needed security fix", v, r.published())
                  .isTrue();
            });
  }

  @Property(tries = 400)
  void withoutACeilingNothingIsDecided(@ForAll("inputs") DecisionInput in) {
    Decision d = Decider.decide(in);
    if (in.ceiling().isEmpty()) {
      assertThat(d.outcome()).isEqualTo(Outcome.CANNOT_RUN);
      assertThat(d.proposed()).isEmpty();
    }
  }

  @Property(tries = 600)
  void thePickEqualsTheSlowReference(@ForAll("inputs") DecisionInput in) {
    assertThat(Decider.decide(in).proposed()).isEqualTo(reference(in));
  }

  @Property(tries = 200)
  void laterNeverPicksAnOlderVersion(
      @ForAll("inputs") DecisionInput in, @ForAll("hours") int later) {
    DecisionInput after =
        new DecisionInput(
            in.cluster(),
            in.cloud(),
            in.current(),
            in.ceiling(),
            in.releases(),
            in.policy(),
            in.cloudStable(),
            in.promotionHistory(),
            in.now().plus(Duration.ofHours(later)));
    Optional<Version> before = Decider.decide(in).proposed();
    Optional<Version> then = Decider.decide(after).proposed();
    if (before.isPresent()) {
      assertThat(then).isPresent();
      assertThat(then.get().compareTo(before.get())).isGreaterThanOrEqualTo(0);
    }
  }

  @Provide
  Arbitrary<Integer> hours() {
    return Arbitraries.integers().between(1, 24 * 30);
  }

  /** True when the current version already carries the release's fix (either side's alts). */
  static boolean lacksNothing(DecisionInput in, Release r) {
    Version current = in.current().orElseThrow();
    boolean named = r.securityAlts().stream().anyMatch(a -> a.compareTo(current) == 0);
    boolean namedBack =
        in.releases().stream()
            .filter(x -> x.version().compareTo(current) == 0)
            .findFirst()
            .map(x -> x.securityAlts().stream().anyMatch(a -> a.compareTo(r.version()) == 0))
            .orElse(false);
    return named || namedBack;
  }

  /**
   * The slow reference: every release checked against every rule on its own, the greatest that
   * passes them all kept. Shares no code with {@link Decider}.
   */
  static Optional<Version> reference(DecisionInput in) {
    if (in.ceiling().isEmpty() || in.current().isEmpty() || in.cloud()) {
      return Optional.empty();
    }
    Version current = in.current().get();
    Version ceiling = in.ceiling().get().version();
    Version best = null;
    for (Release r : in.releases()) {
      Version v = r.version();
      boolean newer = v.compareTo(current) > 0 && !r.published().isAfter(in.now());
      boolean oneMajor = v.major() <= current.major() + 1;
      boolean underCeiling = v.compareTo(ceiling) <= 0;
      boolean underCloud = true;
      if (in.policy().followCloudStable()) {
        Optional<Version> cap = in.cloudStable().get(v.major());
        underCloud = cap != null && cap.isPresent() && v.compareTo(cap.get()) <= 0;
      }
      Duration age;
      if (v.major() != current.major()) {
        age = in.policy().majorAge();
      } else if (v.minor() != current.minor()) {
        age = in.policy().minorAge();
      } else {
        age = in.policy().patchAge();
      }
      boolean urgent = r.security() && !lacksNothing(in, r);
      Instant ready = urgent ? r.published() : r.published().plus(age);
      boolean soaked = !in.now().isBefore(ready);
      if (newer && oneMajor && underCeiling && underCloud && soaked) {
        if (best == null || v.compareTo(best) > 0) {
          best = v;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  @Property(tries = 100)
  void promotionOnlyEverProposesWhatTheOtherClusterFinished(
      @ForAll("inputs") DecisionInput in,
      @ForAll("versions") Version staged,
      @ForAll("hours") int doneHoursAgo) {
    BumpPolicy p = in.policy();
    DecisionInput promoted =
        new DecisionInput(
            in.cluster(),
            false,
            in.current(),
            in.ceiling(),
            in.releases(),
            new BumpPolicy(
                p.majorAge(),
                p.minorAge(),
                p.patchAge(),
                Optional.of("staging"),
                p.promotionSoak(),
                p.followCloudStable()),
            in.cloudStable(),
            Optional.of(
                List.of(
                    new StatusSnapshot(
                        NOW.minus(Duration.ofHours(doneHoursAgo)),
                        "done",
                        staged.toString(),
                        false,
                        ""))),
            NOW);
    Decision d = Decider.decide(promoted);
    d.proposed()
        .ifPresent(
            v -> {
              assertThat(v).isEqualTo(staged);
              assertThat(doneHoursAgo).isGreaterThanOrEqualTo(48);
              assertThat(reference(in)).isPresent();
            });
  }
}
