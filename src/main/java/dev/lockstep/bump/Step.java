package dev.lockstep.bump;

import java.util.Objects;

/**
 * One step of a decision, in the order the decision took it: {@code ceiling}, {@code majors},
 * {@code soak}, {@code cloud-stable}, {@code pick}, {@code promotion}.
 *
 * @param name the step
 * @param text what it found, for people
 */
public record Step(String name, String text) {
  public Step {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }
}
