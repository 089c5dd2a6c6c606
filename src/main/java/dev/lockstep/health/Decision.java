package dev.lockstep.health;

import dev.lockstep.model.HaltAction;
import java.util.Objects;

/**
 * What a check asks for once it has judged the same way for enough consecutive samples.
 *
 * @param check the check
 * @param group the group; "" for a blind decision about the whole rollout
 * @param kind why it asks
 * @param action what it asks for; a {@link Kind#BLIND} decision always asks to notify
 * @param streak consecutive samples it has judged so
 * @param evidence the newest verdict's evidence
 */
public record Decision(
    String check, String group, Kind kind, HaltAction action, int streak, String evidence) {

  /** Why a check asks to act. */
  public enum Kind {
    /** It failed for {@code failure_limit} consecutive samples. */
    FAILING,
    /** It could not judge for missing or expired data for {@code failure_limit} samples. */
    BLIND
  }

  public Decision {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(evidence, "evidence");
    if (kind == Kind.BLIND && action != HaltAction.NOTIFY) {
      throw new IllegalArgumentException("blindness never halts");
    }
  }

  /** True when it asks to halt the rollout. */
  public boolean halts() {
    return action == HaltAction.SUSPEND;
  }
}
