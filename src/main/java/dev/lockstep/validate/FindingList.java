package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Rule;
import dev.lockstep.model.Resource;
import dev.lockstep.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the findings of one validation pass. Each finding names the field path it is about and
 * stands at the most specific position the parser recorded for it ({@link Resource#locate}).
 */
final class FindingList {
  private final List<Finding> items = new ArrayList<>();

  /**
   * A finding about {@code path} of {@code resource}, at the rule's default severity; none when the
   * resource misspelt that field ({@link Resource#isMisspelt}): the parser's unknown-field finding
   * already says what to write, and a second finding about the same typo on another line would send
   * the reader after a problem that is not there.
   */
  void add(Rule rule, Resource resource, String path, String message) {
    if (resource.isMisspelt(path)) {
      return;
    }
    items.add(Finding.of(rule, message, resource.locate(path), path));
  }

  /** A finding at an explicit location (channel files have no field paths). */
  void add(Rule rule, SourceLocation location, String path, String message) {
    items.add(Finding.of(rule, message, location, path));
  }

  /** What was collected, in the order it was added. */
  List<Finding> items() {
    return List.copyOf(items);
  }
}
