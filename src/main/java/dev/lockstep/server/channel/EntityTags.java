package dev.lockstep.server.channel;

/** {@code If-None-Match} matching (RFC 9110 §13.1.2): weak comparison, lists and {@code *}. */
final class EntityTags {
  private EntityTags() {}

  /** True when the header value names {@code etag} (a quoted strong tag) or is {@code *}. */
  static boolean matches(String ifNoneMatch, CharSequence etag) {
    String tag = etag.toString();
    int i = 0;
    int n = ifNoneMatch.length();
    while (i < n) {
      while (i < n
          && (ifNoneMatch.charAt(i) == ' '
              || ifNoneMatch.charAt(i) == ','
              || ifNoneMatch.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        return false;
      }
      if (ifNoneMatch.charAt(i) == '*') {
        return true;
      }
      if (ifNoneMatch.startsWith("W/", i)) {
        i += 2;
      }
      int end = ifNoneMatch.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      if (ifNoneMatch.substring(i, end).strip().equals(tag)) {
        return true;
      }
      i = end;
    }
    return false;
  }
}
