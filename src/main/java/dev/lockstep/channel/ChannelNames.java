package dev.lockstep.channel;

/**
 * Which channel names Lockstep serves and exports. A name is one or more segments joined by {@code
 * /} (teleport-semantics §13.2: {@code stable/cloud}); a segment is 1 to 64 characters of {@code
 * A-Z a-z 0-9 . _ -} and not {@code .} or {@code ..}. Names are at most 256 characters. Anything
 * else can never be a channel, so a request for it is malformed rather than unknown, and an export
 * never builds a path from it.
 */
public final class ChannelNames {
  private ChannelNames() {}

  /** The longest name accepted. */
  public static final int MAX_LENGTH = 256;

  /** The longest segment accepted. */
  public static final int MAX_SEGMENT = 64;

  /** True when {@code name} is a well-formed channel name. */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    int start = 0;
    while (true) {
      int end = name.indexOf('/', start);
      int stop = end < 0 ? name.length() : end;
      if (!isValidSegment(name, start, stop)) {
        return false;
      }
      if (end < 0) {
        return true;
      }
      start = end + 1;
    }
  }

  private static boolean isValidSegment(String s, int from, int to) {
    int n = to - from;
    if (n == 0 || n > MAX_SEGMENT) {
      return false;
    }
    if (s.charAt(from) == '.' && (n == 1 || (n == 2 && s.charAt(from + 1) == '.'))) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
