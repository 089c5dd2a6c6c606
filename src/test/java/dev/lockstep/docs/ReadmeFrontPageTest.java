package dev.lockstep.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README stays a front page: small enough to read in one go, with the two set-up commands as
 * they are promised. Everything else belongs on a page of {@code docs/}.
 */
class ReadmeFrontPageTest {

  static final Path README = Path.of("README.md");

  /** The front page's budget in bytes. */
  static final long LIMIT = 15 * 1024;

  @Test
  void theReadmeStaysUnderFifteenKilobytes() throws IOException {
    assertThat(Files.size(README))
        .as("README.md is the front page: move details to the docs/ page of their topic")
        .isLessThan(LIMIT);
  }

  @Test
  void theSetUpSectionHasExactlyTheTwoSetUpCommands() throws IOException {
    assertThat(MarkdownSection.fencedLines(README, "Set up"))
        .containsExactly(
            "./lockstep serve      # run Lockstep's service (builds itself on first use)",
            "./mvnw -B verify      # run the tests");
  }

  @Test
  void theReadmeLinksTheDocumentationIndex() throws IOException {
    List<String> targets =
        DocsLinksTest.links(README, Files.readString(README)).stream()
            .map(DocsLinksTest.Link::target)
            .toList();
    assertThat(targets).contains("docs/README.md");
  }
}
