package dev.lockstep.rollout;

import static dev.lockstep.rollout.Builders.at;
import static dev.lockstep.rollout.Builders.canary;
import static dev.lockstep.rollout.Builders.group;
import static dev.lockstep.rollout.Builders.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What /webapi/find tells an agent (teleport-semantics §11.2): S = 17.1.4, T = 17.2.1. */
class FindAnswerTest {

  static Rollout rollout(String mode, String schedule, String strategy, GroupState state) {
    RolloutSpec spec =
        new RolloutSpec(
            "17.1.4",
            "17.2.1",
            Schedule.parse(schedule),
            AgentMode.parse(mode),
            Strategy.parse(strategy),
            Duration.ZERO);
    GroupStatus g =
        group("dev")
            .canaryCount(1)
            .state(state, Reasons.CAN_START)
            .canaries(canary("dev", 1, false))
            .build();
    return new Rollout(spec, status(at(0, 0, 0), g, group("prod").build()));
  }

  @ParameterizedTest(name = "{0}, {1}, {2}, {3}, updater ''{4}'' -> {5} update={6}")
  @CsvSource({
    "disabled,  regular,   halt-on-error, ACTIVE,     '',        17.2.1, false",
    "disabled,  regular,   halt-on-error, UNSTARTED,  '',        17.2.1, false",
    "enabled,   immediate, halt-on-error, UNSTARTED,  '',        17.2.1, true",
    "suspended, immediate, halt-on-error, UNSTARTED,  '',        17.2.1, false",
    "enabled,   regular,   halt-on-error, UNSTARTED,  '',        17.1.4, false",
    "enabled,   regular,   halt-on-error, ROLLEDBACK, '',        17.1.4, true",
    "suspended, regular,   halt-on-error, ROLLEDBACK, '',        17.1.4, false",
    "enabled,   regular,   halt-on-error, ACTIVE,     '',        17.2.1, true",
    "suspended, regular,   halt-on-error, ACTIVE,     '',        17.2.1, false",
    "enabled,   regular,   halt-on-error, DONE,       '',        17.2.1, true",
    "enabled,   regular,   time-based,    DONE,       '',        17.2.1, false",
    "enabled,   regular,   halt-on-error, CANARY,     '',        17.1.4, false",
    "enabled,   regular,   halt-on-error, CANARY,     u-dev-1,   17.2.1, true",
    "suspended, regular,   halt-on-error, CANARY,     u-dev-1,   17.2.1, false",
    "enabled,   regular,   halt-on-error, CANARY,     u-other,   17.1.4, false",
  })
  void answer(
      String mode,
      String schedule,
      String strategy,
      GroupState state,
      String updater,
      String version,
      boolean update) {
    FindAnswer a = FindAnswer.resolve(rollout(mode, schedule, strategy, state), "dev", updater);
    assertThat(a).isEqualTo(new FindAnswer(version, update));
  }

  @Test
  void unknownGroupIsTheLastGroup() {
    Rollout r = rollout("enabled", "regular", "halt-on-error", GroupState.ACTIVE);
    assertThat(FindAnswer.resolve(r, "typo", "")).isEqualTo(new FindAnswer("17.1.4", false));
    assertThat(FindAnswer.resolve(r, "", "")).isEqualTo(new FindAnswer("17.1.4", false));
  }

  @Test
  void regularRolloutWithoutGroupsIsAnError() {
    Rollout r = new Rollout(Builders.spec(Strategy.HALT_ON_ERROR), status(at(0, 0, 0)));
    assertThatThrownBy(() -> FindAnswer.resolve(r, "dev", "")).hasMessage("no groups found");
  }
}
