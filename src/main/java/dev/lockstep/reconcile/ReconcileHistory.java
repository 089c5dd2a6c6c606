package dev.lockstep.reconcile;

import dev.lockstep.reconcile.StatusDocument.ReconcileRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The "last reconciles" list of the status. A reconcile that ends exactly like the newest entry
 * (same revision, Ready status, reason and message) is not added: otherwise every poll tick would
 * change the status file and commit a heartbeat to Git.
 */
public final class ReconcileHistory {
  /** How many reconciles the status keeps. */
  public static final int LIMIT = 5;

  private ReconcileHistory() {}

  /**
   * {@code history} (newest first) with {@code latest} added in front, unless it repeats the
   * newest; at most {@link #LIMIT}.
   */
  public static List<ReconcileRecord> append(
      List<ReconcileRecord> history, ReconcileRecord latest) {
    if (!history.isEmpty() && history.get(0).sameOutcome(latest)) {
      return List.copyOf(history.subList(0, Math.min(LIMIT, history.size())));
    }
    List<ReconcileRecord> out = new ArrayList<>(LIMIT);
    out.add(latest);
    for (ReconcileRecord r : history) {
      if (out.size() == LIMIT) {
        break;
      }
      out.add(r);
    }
    return List.copyOf(out);
  }
}
