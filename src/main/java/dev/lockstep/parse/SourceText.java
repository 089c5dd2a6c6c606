package dev.lockstep.parse;

import dev.lockstep.finding.Finding;
import dev.lockstep.model.SourceLocation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8 decoding of a repository file. Teleport reads resources and channel files as UTF-8;
 * a file that is not (a binary file, a UTF-16 export from an editor) is a finding that names the
 * first offending line, never a decoding exception.
 */
final class SourceText {
  /** The largest file the parser reads (issue 2: files over 1 MiB are findings). */
  static final long MAX_BYTES = 1024 * 1024;

  private SourceText() {}

  /** The decoded text without a leading byte-order mark, or empty after adding a finding. */
  static Optional<String> decode(String file, byte[] bytes, FindingSink sink) {
    return decode(file, bytes, sink, false);
  }

  /**
   * The decoded text, or empty after adding a finding.
   *
   * @param keepBom true to keep a leading UTF-8 byte-order mark as U+FEFF (channel files: Go's
   *     updaters read it as part of the text); false to drop it, as YAML readers do
   */
  static Optional<String> decode(String file, byte[] bytes, FindingSink sink, boolean keepBom) {
    if (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
            || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      sink.add(
          Finding.of(
              ParseRules.ENCODING,
              "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8",
              new SourceLocation(file, 1, 1),
              ""));
      return Optional.empty();
    }
    int start =
        !keepBom
                && bytes.length >= 3
                && bytes[0] == (byte) 0xEF
                && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF
            ? 3
            : 0;
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        sink.add(
            Finding.of(
                ParseRules.ENCODING,
                "the file is binary (it contains a NUL byte), not UTF-8 text",
                locationOfByte(file, bytes, start, i),
                ""));
        return Optional.empty();
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length - start + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      sink.add(
          Finding.of(
              ParseRules.ENCODING,
              "the file is not valid UTF-8 (invalid byte sequence); save it as UTF-8",
              locationOfByte(file, bytes, start, in.position()),
              ""));
      return Optional.empty();
    }
    out.flip();
    return Optional.of(out.toString());
  }

  /** Line and column (in characters) of a byte offset; the bytes before it decode cleanly. */
  private static SourceLocation locationOfByte(String file, byte[] bytes, int start, int offset) {
    int line = 1;
    int lineStart = start;
    for (int i = start; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = 1;
    for (int i = lineStart; i < offset && i < bytes.length; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        column++;
      }
    }
    return new SourceLocation(file, line, column);
  }

  /**
   * {@code text} without the leading and trailing white space Go's {@code strings.TrimSpace}
   * removes (Unicode White_Space: ASCII space and controls \t \n \v \f \r, U+0085, U+00A0, the
   * U+2000 spaces...). Unlike Java's {@code strip}, it removes no-break spaces; like it, it keeps a
   * byte-order mark (U+FEFF is not white space), which is what makes a BOM fatal in a channel file.
   */
  static String goTrimSpace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isGoSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isGoSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** The index of the first character {@link #goTrimSpace} keeps. */
  static int goTrimStart(String text) {
    int start = 0;
    while (start < text.length() && isGoSpace(text.charAt(start))) {
      start++;
    }
    return start;
  }

  // unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0, and category Z spaces
  private static boolean isGoSpace(char c) {
    return switch (c) {
      case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0' -> true;
      default -> c > 0xFF && Character.isSpaceChar(c);
    };
  }

  /** Line and column of a character index of decoded text. */
  static SourceLocation locationOfIndex(String file, String text, int index) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(index, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourceLocation(file, line, text.codePointCount(lineStart, end) + 1);
  }
}
