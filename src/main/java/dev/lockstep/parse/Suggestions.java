package dev.lockstep.parse;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt field and kind names. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code written}, if it is close enough to be a likely typo: the same
   * name in another case or separator style ({@code startHour}, {@code start-hour}), a plural or
   * truncation ({@code start_hours}), or at most a few edits away (a third of the name's length).
   */
  static Optional<String> closest(String written, Collection<String> candidates) {
    String w = normalise(written);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      String c = normalise(candidate);
      if (c.equals(w)) {
        return Optional.of(candidate);
      }
      int d = distance(w, c);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int allowed = Math.max(1, Math.min(3, Math.max(w.length(), normalise(best).length()) / 3));
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /**
   * The managed kind {@code written} most likely means, if it is a misspelling of one: the same
   * name in another case or with {@code -} for {@code _} ({@code AutoupdateConfig}, {@code
   * autoupdate-version}), a plural ({@code autoupdate_configs}, {@code lockstep_policies}) or a
   * typo of a few letters ({@code autoupdate_cofnig}). Empty for a name that is simply another kind
   * ({@code role}, {@code Deployment}).
   */
  static Optional<String> misspeltKind(String written, Collection<String> kinds) {
    String singular = singular(normalise(written));
    for (String kind : kinds) {
      if (normalise(kind).equals(singular)) {
        return Optional.of(kind);
      }
    }
    return closest(written, kinds);
  }

  /** The singular of a normalised English plural: policies -> policy, configs -> config. */
  private static String singular(String s) {
    if (s.endsWith("ies")) {
      return s.substring(0, s.length() - 3) + "y";
    }
    if (s.endsWith("s") && !s.endsWith("ss")) {
      return s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
  }

  /**
   * Optimal string alignment distance (Levenshtein plus adjacent transposition). Names are short;
   * the input is capped so a hostile 1 MiB key cannot make this quadratic in the file size.
   */
  static int distance(String a, String b) {
    if (a.length() > 64 || b.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
