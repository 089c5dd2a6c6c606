package dev.lockstep.cluster;

/** What a write does to one live resource. */
public enum ChangeKind {
  /** The resource is not live yet. */
  CREATE,
  /** The live resource differs from the desired one. */
  UPDATE,
  /** The live resource is no longer in Git and pruning is on. */
  DELETE,
  /** Desired and live are equal: nothing to write. */
  NOOP;

  /** Lower-case label used in rendered output. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
