package dev.lockstep.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@code ## } section of a Markdown page, for tests that read what a page promises. */
public final class MarkdownSection {
  private MarkdownSection() {}

  /**
   * The non-blank lines of the fenced blocks (indented ones too) of the section headed {@code ##
   * section} of {@code page}, stripped, in order. Fails the test when the page has no such section
   * or the section no fenced line.
   */
  public static List<String> fencedLines(Path page, String section) throws IOException {
    String text = Files.readString(page);
    int start = text.indexOf("\n## " + section + "\n");
    assertThat(start).as("%s: a section '## %s'", page, section).isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    String body = text.substring(start, end < 0 ? text.length() : end);
    List<String> lines = new ArrayList<>();
    boolean fenced = false;
    for (String line : body.split("\n")) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
      } else if (fenced && !line.isBlank()) {
        lines.add(line.strip());
      }
    }
    assertThat(lines).as("%s: commands in '## %s'", page, section).isNotEmpty();
    return lines;
  }
}
