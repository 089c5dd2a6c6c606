package dev.lockstep.bump;

import dev.lockstep.forge.RawRelease;
import dev.lockstep.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generally available Teleport release that a cluster may move to.
 *
 * @param version the version (without the tag's {@code v})
 * @param published when it was published; its soak counts from here
 * @param security labelled {@code security-patch=yes}
 * @param securityAlts the versions its {@code security-patch-alts} label names: they carry the same
 *     fix
 * @param url its release page, or ""
 */
public record Release(
    Version version, Instant published, boolean security, List<Version> securityAlts, String url) {

  // x/mod/semver as Teleport's checker uses it: a leading v, no leading zeros
  private static final Pattern GA_TAG =
      Pattern.compile("v(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");
  private static final Pattern ALT =
      Pattern.compile(
          "v(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?(?:\\.(0|[1-9]\\d*))?(?:-([0-9a-z.-]+))?(?:\\+[0-9a-z.-]+)?");

  public Release {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(published, "published");
    securityAlts = List.copyOf(securityAlts);
    Objects.requireNonNull(url, "url");
  }

  /** A release without labels, for tests and generated feeds. */
  public static Release of(Version version, Instant published) {
    return new Release(version, published, false, List.of(), "");
  }

  /**
   * True when this release and {@code other} carry the same security fix: either names the other in
   * {@code security-patch-alts} (both directions, as Teleport's {@code SecurityPatchAltOf}).
   */
  public boolean isSecurityAltOf(Version other, Optional<Release> otherRelease) {
    if (securityAlts.stream().anyMatch(v -> v.sameAs(other))) {
      return true;
    }
    return otherRelease
        .map(o -> o.securityAlts.stream().anyMatch(v -> v.sameAs(version)))
        .orElse(false);
  }

  /**
   * The GA releases of a feed, newest version first: published, not drafts, not marked pre-release,
   * and tagged exactly {@code vMAJOR.MINOR.PATCH} (so {@code v17.2.0-rc.1} and {@code
   * teleport-connect-preview-1.0.2} are skipped). A version listed twice is kept once.
   */
  public static List<Release> generallyAvailable(List<RawRelease> feed) {
    List<Release> out = new ArrayList<>();
    Set<Version> seen = new HashSet<>();
    for (RawRelease r : feed) {
      Matcher m = GA_TAG.matcher(r.tag());
      if (r.draft() || r.prerelease() || r.publishedAt().isEmpty() || !m.matches()) {
        continue;
      }
      Version v;
      try {
        v =
            Version.of(
                Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
      } catch (NumberFormatException e) {
        continue;
      }
      if (!seen.add(v)) {
        continue;
      }
      var labels = ReleaseLabels.parse(r.body());
      out.add(
          new Release(
              v,
              r.publishedAt().get(),
              "yes".equals(labels.get(ReleaseLabels.SECURITY_PATCH)),
              alts(labels.getOrDefault(ReleaseLabels.SECURITY_PATCH_ALTS, "")),
              r.url()));
    }
    out.sort((a, b) -> b.version.compareTo(a.version));
    return List.copyOf(out);
  }

  /** {@code v1.2.3|v1.2.4}: values that are not x/mod semver (a missing v) are skipped. */
  static List<Version> alts(String value) {
    List<Version> out = new ArrayList<>();
    for (String alt : value.split("\\|", -1)) {
      Matcher m = ALT.matcher(alt.strip());
      if (!m.matches()) {
        continue;
      }
      try {
        out.add(
            new Version(
                Long.parseLong(m.group(1)),
                m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)),
                m.group(4) == null ? "" : m.group(4),
                ""));
      } catch (NumberFormatException e) {
        // a number too large is not a version
      }
    }
    return out;
  }
}
