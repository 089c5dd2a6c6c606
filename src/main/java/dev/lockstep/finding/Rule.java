package dev.lockstep.finding;

import java.util.Objects;

/**
 * A rule: a stable namespaced id ({@code parse/invalid-yaml}, {@code teleport/...}, {@code
 * compat/...}, {@code channel/...}, {@code policy/<file>/<rule>}), its default severity and a
 * one-line description for {@code lockstep rules} and docs/rules.md.
 */
public record Rule(String id, Severity severity, String description) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(description, "description");
    if (!id.matches("[a-z]+(/[a-z0-9-]+)+")) {
      throw new IllegalArgumentException("rule ids are namespaced lower-case: " + id);
    }
  }
}
