package dev.lockstep.docs;

import java.nio.file.Path;

/**
 * A generated region of a Markdown page: the lines between {@code <!-- BEGIN GENERATED: name -->}
 * and the next {@code <!-- END GENERATED -->}. Everything outside the marks is written by hand.
 */
record GeneratedBlock(Path page, String name) {

  static final String END = "<!-- END GENERATED -->";

  String begin() {
    return "<!-- BEGIN GENERATED: " + name + " -->";
  }

  /**
   * The page with the region's content replaced by {@code content}, set off by blank lines so
   * Markdown ends the table before the closing mark.
   *
   * @throws IllegalStateException when the page lacks either mark
   */
  String fill(String text, String content) {
    int begin = text.indexOf(begin());
    if (begin < 0) {
      throw new IllegalStateException(
          page + " has no line " + begin() + "; add it where the table goes");
    }
    int from = begin + begin().length();
    int end = text.indexOf(END, from);
    if (end < 0) {
      throw new IllegalStateException(page + " has no " + END + " after " + begin());
    }
    return text.substring(0, from) + "\n\n" + content.strip() + "\n\n" + text.substring(end);
  }
}
