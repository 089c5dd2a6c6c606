package dev.lockstep.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A semantic version parsed exactly as Teleport's {@code checkVersion} parses it with go-semver
 * (teleport-semantics §3.2): build metadata split off at the first {@code +}, pre-release at the
 * first {@code -}, then exactly {@code MAJOR.MINOR.PATCH}, each a base-10 integer. A leading {@code
 * v} is rejected by {@link #parse}; {@link #parseLenient} strips one, as Teleport's {@code
 * EnsureSemver} does for channel files and {@code /webapi/find} answers (teleport-semantics §3.4,
 * §13.1).
 *
 * <p>Ordering is semver precedence: build metadata is ignored, a pre-release sorts before its
 * release (go-semver {@code Compare}).
 */
public record Version(long major, long minor, long patch, String preRelease, String build)
    implements Comparable<Version> {

  // go-semver's identifier rule: dot-separated runs of [0-9A-Za-z-]; the empty string is allowed.
  private static final Pattern IDENTIFIER = Pattern.compile("[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*");

  public Version {
    Objects.requireNonNull(preRelease, "preRelease");
    Objects.requireNonNull(build, "build");
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version parts cannot be negative");
    }
  }

  /** A release version without pre-release or build parts. */
  public static Version of(long major, long minor, long patch) {
    return new Version(major, minor, patch, "", "");
  }

  /**
   * Parses as Teleport's {@code checkVersion} does.
   *
   * @throws InvalidVersionException with Teleport's wording ("version is unset", "version %q is not
   *     a valid semantic version") plus a hint that says what is wrong
   */
  public static Version parse(String text) throws InvalidVersionException {
    if (text == null || text.isEmpty()) {
      throw new InvalidVersionException("version is unset");
    }
    String rest = text;
    String build = "";
    int plus = rest.indexOf('+');
    if (plus >= 0) {
      build = rest.substring(plus + 1);
      rest = rest.substring(0, plus);
    }
    String pre = "";
    int dash = rest.indexOf('-');
    if (dash >= 0) {
      pre = rest.substring(dash + 1);
      rest = rest.substring(0, dash);
    }
    String[] parts = rest.split("\\.", 3);
    if (parts.length != 3) {
      throw invalid(text, "expected MAJOR.MINOR.PATCH");
    }
    if (!pre.isEmpty() && !IDENTIFIER.matcher(pre).matches()) {
      throw invalid(text, "pre-release may hold only letters, digits, '-' and '.'");
    }
    if (!build.isEmpty() && !IDENTIFIER.matcher(build).matches()) {
      throw invalid(text, "build metadata may hold only letters, digits, '-' and '.'");
    }
    long[] numbers = new long[3];
    for (int i = 0; i < 3; i++) {
      String p = parts[i];
      if (p.isEmpty() || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        String hint =
            i == 0 && p.startsWith("v")
                ? "remove the leading 'v': Teleport rejects it here"
                : "expected MAJOR.MINOR.PATCH with decimal numbers";
        throw invalid(text, hint);
      }
      try {
        numbers[i] = Long.parseLong(p);
      } catch (NumberFormatException e) {
        throw invalid(text, "number out of range");
      }
    }
    return new Version(numbers[0], numbers[1], numbers[2], pre, build);
  }

  /** Like {@link #parse} after trimming white space and one leading {@code v} (EnsureSemver). */
  public static Version parseLenient(String text) throws InvalidVersionException {
    String t = text == null ? "" : text.strip();
    if (t.startsWith("v")) {
      t = t.substring(1);
    }
    return parse(t);
  }

  /** {@link #parse} without an exception. */
  public static Optional<Version> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (InvalidVersionException e) {
      return Optional.empty();
    }
  }

  private static InvalidVersionException invalid(String text, String hint) {
    return new InvalidVersionException(
        "version \"" + text + "\" is not a valid semantic version (" + hint + ")");
  }

  /** True for a version with a pre-release part. */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  @Override
  public int compareTo(Version o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c != 0) {
      return c;
    }
    return comparePreRelease(preRelease, o.preRelease);
  }

  /** Semver equality: build metadata is ignored (teleport-semantics §16). */
  public boolean sameAs(Version other) {
    return compareTo(other) == 0;
  }

  private static int comparePreRelease(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty()) {
      return 1;
    }
    if (b.isEmpty()) {
      return -1;
    }
    List<String> x = split(a);
    List<String> y = split(b);
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      String p = x.get(i);
      String q = y.get(i);
      boolean pn = isNumeric(p);
      boolean qn = isNumeric(q);
      int c;
      if (pn && qn) {
        c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
      } else if (pn) {
        c = -1;
      } else if (qn) {
        c = 1;
      } else {
        c = p.compareTo(q);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  private static List<String> split(String s) {
    return new ArrayList<>(List.of(s.split("\\.", -1)));
  }

  private static boolean isNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** {@code MAJOR.MINOR.PATCH[-pre][+build]}, without a leading {@code v}. */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
    if (!preRelease.isEmpty()) {
      sb.append('-').append(preRelease);
    }
    if (!build.isEmpty()) {
      sb.append('+').append(build);
    }
    return sb.toString();
  }
}
