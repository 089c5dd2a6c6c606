package dev.lockstep.parse;

import dev.lockstep.finding.Finding;

/** Where the parser's helpers put what they find; the parser sorts and freezes them at the end. */
@FunctionalInterface
interface FindingSink {
  /** Records one finding. */
  void add(Finding finding);
}
