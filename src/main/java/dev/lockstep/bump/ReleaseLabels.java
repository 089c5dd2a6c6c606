package dev.lockstep.bump;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The labels of a Teleport release, read from its release notes exactly as Teleport's own version
 * checker reads them (lib/versioncontrol/github, {@code parseReleaseNoteLabels}): every line that,
 * trimmed and lower-cased, starts with {@code labels:} holds comma-separated {@code key=value}
 * pairs; keys match {@code [a-z0-9./-]+}, values {@code [a-z0-9./|-]+}; anything else is skipped,
 * so a future label format stays readable. A later line's pair wins over an earlier one.
 */
public final class ReleaseLabels {
  /** {@code security-patch=yes} marks a release that carries a security fix. */
  public static final String SECURITY_PATCH = "security-patch";

  /**
   * {@code security-patch-alts=v1.2.3|v1.2.4}: other versions that carry the same fix (Teleport
   * lib/versioncontrol {@code LabelSecurityPatchAlts}).
   */
  public static final String SECURITY_PATCH_ALTS = "security-patch-alts";

  private static final String PREFIX = "labels:";
  private static final Pattern KEY = Pattern.compile("[a-z0-9./-]+");
  private static final Pattern VALUE = Pattern.compile("[a-z0-9./|-]+");

  private ReleaseLabels() {}

  /** The labels of a release body, in the order they appear. */
  public static Map<String, String> parse(String notes) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (notes == null) {
      return labels;
    }
    for (String raw : notes.split("\r?\n|\r", -1)) {
      String line = raw.strip().toLowerCase(java.util.Locale.ROOT);
      if (!line.startsWith(PREFIX)) {
        continue;
      }
      for (String pair : line.substring(PREFIX.length()).split(",", -1)) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (KEY.matcher(key).matches() && VALUE.matcher(value).matches()) {
          labels.put(key, value);
        }
      }
    }
    return labels;
  }
}
