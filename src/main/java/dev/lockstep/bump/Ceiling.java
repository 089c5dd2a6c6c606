package dev.lockstep.bump;

import dev.lockstep.model.Version;
import java.util.Objects;

/**
 * The control plane's version: no agent may be proposed above it.
 *
 * @param version the Auth Service's version
 * @param source where it was read
 * @param detail what exactly, e.g. the Proxy address or the file
 */
public record Ceiling(Version version, Source source, String detail) {

  /** Where the ceiling comes from, in order of preference. */
  public enum Source {
    /** {@code --live}: the Proxy's {@code /webapi/find} {@code server_version}. */
    LIVE("live"),
    /** {@code --auth-version V} on the command line. */
    FLAG("auth-version"),
    /** {@code spec.auth_version} in cluster.yaml. */
    DECLARED("cluster.yaml");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    /** The name in JSON output: {@code live}, {@code auth-version}, {@code cluster.yaml}. */
    public String label() {
      return label;
    }
  }

  public Ceiling {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detail, "detail");
  }

  /** For people: {@code 17.4.2 (live: teleport.example.com:443)}. */
  public String describe() {
    return version + " (" + source.label() + (detail.isEmpty() ? "" : ": " + detail) + ")";
  }
}
