package dev.lockstep.forge;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A release as GitHub's releases API lists it, before any interpretation.
 *
 * @param tag {@code tag_name}, e.g. {@code v17.2.1}
 * @param name {@code name}, or ""
 * @param body {@code body} (the release notes), or ""
 * @param draft {@code draft}
 * @param prerelease {@code prerelease}
 * @param publishedAt {@code published_at}; empty for drafts
 * @param url {@code html_url}, or ""
 */
public record RawRelease(
    String tag,
    String name,
    String body,
    boolean draft,
    boolean prerelease,
    Optional<Instant> publishedAt,
    String url) {
  public RawRelease {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(url, "url");
  }
}
