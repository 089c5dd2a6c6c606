package dev.lockstep.source;

import java.util.Collection;
import java.util.regex.Pattern;

/** Removes credentials from URLs and secrets from free text before either reaches a message. */
final class Urls {
  // scheme://user:password@host -> scheme://host ; keeps scp-style git@host:path (no secret there)
  private static final Pattern USER_INFO =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@");

  private Urls() {}

  /** The URL with any {@code user:password@} of a {@code scheme://} URL removed. */
  static String redact(String url) {
    return USER_INFO.matcher(url).replaceAll("$1");
  }

  /** Free text with URL user info removed and every known secret value replaced by {@code ***}. */
  static String scrub(String text, Collection<String> secrets) {
    if (text == null) {
      return "";
    }
    String out = redact(text);
    for (String s : secrets) {
      if (s != null && s.length() >= 3) {
        out = out.replace(s, "***");
      }
    }
    return out;
  }
}
