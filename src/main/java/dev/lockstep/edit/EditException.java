package dev.lockstep.edit;

import dev.lockstep.model.SourceLocation;
import java.util.Objects;

/**
 * An edit Lockstep refuses to make: the message names the file, line and field, says why, and how
 * to make the edit possible. The file is never partly edited: an edit set is applied whole or not
 * at all.
 */
public final class EditException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the edit was refused. */
  public enum Reason {
    /** The file is not UTF-8 YAML that composes. */
    INVALID_YAML,
    /** The file has fewer documents than the edit names. */
    NO_SUCH_DOCUMENT,
    /** The field is not in the file; Lockstep edits existing values only. */
    MISSING_FIELD,
    /** The field holds a mapping or a list, not a scalar. */
    NOT_A_SCALAR,
    /** The scalar is shared through an anchor and alias with a place the edit set leaves alone. */
    SHARED_ANCHOR,
    /** The scalar is a block scalar ({@code |} or {@code >}) or spans several lines. */
    MULTI_LINE,
    /** The same scalar is set twice to different values. */
    CONFLICTING_EDITS,
    /** The edited text did not read back as intended (a safety net; reports a Lockstep bug). */
    VERIFICATION_FAILED
  }

  private final Reason reason;
  private final SourceLocation location;
  private final String path;

  /**
   * @param reason why
   * @param location file and line (line 0 when the whole file is concerned)
   * @param path the field path, or ""
   * @param message a human sentence with the hint that fixes it
   */
  public EditException(Reason reason, SourceLocation location, String path, String message) {
    super(location + ": " + message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.location = Objects.requireNonNull(location, "location");
    this.path = Objects.requireNonNull(path, "path");
  }

  /** Why the edit was refused. */
  public Reason reason() {
    return reason;
  }

  /** Where. */
  public SourceLocation location() {
    return location;
  }

  /** The field path, or "". */
  public String path() {
    return path;
  }
}
