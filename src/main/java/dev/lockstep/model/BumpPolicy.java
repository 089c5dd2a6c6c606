package dev.lockstep.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code lockstep bump} moves one cluster: {@code spec.bump} of its {@code cluster.yaml} over
 * {@code spec.bump} of the repository defaults ({@code clusters/_defaults/cluster.yaml}) over the
 * built-in defaults, field by field.
 *
 * <pre>
 * spec:
 *   bump:
 *     minimum_release_age: {major: 14d, minor: 7d, patch: 3d}   # soak before a release is proposed
 *     promote_from: staging        # move only to what staging has run, done, for promotion_soak
 *     promotion_soak: 48h
 *     follow: cloud-stable         # never above what Teleport Cloud runs for that major
 * </pre>
 *
 * @param majorAge soak of a release of a newer major
 * @param minorAge soak of a newer minor of the same major
 * @param patchAge soak of a newer patch of the same minor
 * @param promoteFrom the cluster whose finished rollouts this one follows, if any
 * @param promotionSoak how long that cluster's rollout must have been done, without a halt
 * @param followCloudStable true to cap each major at Teleport Cloud's stable version of it
 */
public record BumpPolicy(
    Duration majorAge,
    Duration minorAge,
    Duration patchAge,
    Optional<String> promoteFrom,
    Duration promotionSoak,
    boolean followCloudStable) {

  /** The key under {@code spec} in {@code cluster.yaml}. */
  public static final String KEY = "bump";

  /** The only value {@code follow} takes. */
  public static final String CLOUD_STABLE = "cloud-stable";

  /** Major 14 days, minor 7, patch 3; promotion soak 48 hours; no promotion, no cap. */
  public static final BumpPolicy DEFAULTS =
      new BumpPolicy(
          Duration.ofDays(14),
          Duration.ofDays(7),
          Duration.ofDays(3),
          Optional.empty(),
          Duration.ofHours(48),
          false);

  private static final Pattern DAYS = Pattern.compile("(\\d{1,4})d(.*)");

  public BumpPolicy {
    Objects.requireNonNull(majorAge, "majorAge");
    Objects.requireNonNull(minorAge, "minorAge");
    Objects.requireNonNull(patchAge, "patchAge");
    Objects.requireNonNull(promoteFrom, "promoteFrom");
    Objects.requireNonNull(promotionSoak, "promotionSoak");
  }

  /**
   * The policy of a cluster: its own {@code spec.bump} over the repository defaults' over {@link
   * #DEFAULTS}. Values that do not read (the validator reports them) fall through to the next
   * layer.
   *
   * @param defaults the repository defaults document, if any
   * @param cluster the cluster's {@code lockstep_cluster} document, if any
   */
  public static BumpPolicy of(Optional<Resource> defaults, Optional<Resource> cluster) {
    Map<String, Object> d = bumpBlock(defaults);
    Map<String, Object> c = bumpBlock(cluster);
    Map<String, Object> dAge = Values.map(d, "minimum_release_age");
    Map<String, Object> cAge = Values.map(c, "minimum_release_age");
    String promote = first(Values.string(c, "promote_from"), Values.string(d, "promote_from"));
    String follow = first(Values.string(c, "follow"), Values.string(d, "follow"));
    return new BumpPolicy(
        duration(cAge, dAge, "major", DEFAULTS.majorAge),
        duration(cAge, dAge, "minor", DEFAULTS.minorAge),
        duration(cAge, dAge, "patch", DEFAULTS.patchAge),
        promote.isEmpty() ? Optional.empty() : Optional.of(promote),
        duration(c, d, "promotion_soak", DEFAULTS.promotionSoak),
        follow.equals(CLOUD_STABLE));
  }

  /**
   * A soak or age: {@code 14d}, {@code 36h}, {@code 1d12h}, {@code 90m}, {@code 0}; empty when it
   * does not read or is negative.
   */
  public static Optional<Duration> parseAge(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    Matcher m = DAYS.matcher(t);
    Duration days = Duration.ZERO;
    if (m.matches()) {
      days = Duration.ofDays(Long.parseLong(m.group(1)));
      t = m.group(2);
      if (t.isEmpty()) {
        return Optional.of(days);
      }
    }
    Duration base = days;
    return GoDuration.parse(t).filter(x -> !x.isNegative()).map(base::plus);
  }

  /**
   * A duration as docs/bump.md writes them: {@code 14d}, {@code 48h}, {@code 1d12h}, {@code 90m}.
   */
  public static String format(Duration d) {
    long days = d.toDays();
    Duration rest = d.minusDays(days);
    if (rest.isZero()) {
      return days + "d";
    }
    return (days > 0 ? days + "d" : "") + GoDuration.human(rest);
  }

  private static Map<String, Object> bumpBlock(Optional<Resource> r) {
    return r.map(x -> Values.map(x.spec(), KEY)).orElse(null);
  }

  private static String first(String a, String b) {
    return a.isEmpty() ? b : a;
  }

  private static Duration duration(
      Map<String, Object> own, Map<String, Object> defaults, String key, Duration fallback) {
    return parseAge(Values.string(own, key))
        .or(() -> parseAge(Values.string(defaults, key)))
        .orElse(fallback);
  }
}
