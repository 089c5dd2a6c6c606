package dev.lockstep.forge;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The code-hosting platforms Lockstep talks to. Unknown names are an error, never a fallback. */
public enum Platform {
  /** GitHub and GitHub Enterprise Server (REST API v3). */
  GITHUB("GitHub", "https://api.github.com"),
  /** GitLab and self-managed GitLab (REST API v4). */
  GITLAB("GitLab", "https://gitlab.com/api/v4"),
  /** Gitea and Forgejo (API v1); self-hosted, so there is no default address. */
  GITEA("Gitea", "");

  private final String display;
  private final String defaultApi;

  Platform(String display, String defaultApi) {
    this.display = display;
    this.defaultApi = defaultApi;
  }

  /** The name as written on the command line: {@code github}, {@code gitlab}, {@code gitea}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The name for messages: {@code GitHub}. */
  public String display() {
    return display;
  }

  /**
   * The public API address ({@code https://api.github.com}, {@code https://gitlab.com/api/v4});
   * empty for Gitea, which has none.
   */
  public java.util.Optional<URI> defaultApi() {
    return defaultApi.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(URI.create(defaultApi));
  }

  /** A pull request as the platform calls it, for messages. */
  public String pullRequestNoun() {
    return this == GITLAB ? "merge request" : "pull request";
  }

  /**
   * The platform of that name.
   *
   * @throws IllegalArgumentException listing the names there are
   */
  public static Platform parse(String name) {
    for (Platform p : values()) {
      if (p.label().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown platform \""
            + name
            + "\" (expected "
            + Arrays.stream(values()).map(Platform::label).collect(Collectors.joining(", "))
            + ")");
  }
}
