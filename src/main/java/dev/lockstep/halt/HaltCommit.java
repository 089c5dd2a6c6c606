package dev.lockstep.halt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message of a halt commit, and its trailers read back (what {@code lockstep resume} quotes).
 * Pure.
 */
public final class HaltCommit {
  /** Trailer: the halt's key, {@code <cluster>/<target>@<start>}. */
  public static final String HALT = "Lockstep-Halt";

  /** Trailer: the check that asked. */
  public static final String CHECK = "Lockstep-Check";

  /** Trailer: the group it failed on. */
  public static final String GROUP = "Lockstep-Group";

  /** Trailer: the rollout, {@code target <version>, started <time>}. */
  public static final String ROLLOUT = "Lockstep-Rollout";

  /** Trailer: what the check saw. */
  public static final String EVIDENCE = "Lockstep-Evidence";

  private HaltCommit() {}

  /** The commit message: a subject, a paragraph for people, then the trailers. */
  public static String message(HaltRequest r, String file) {
    String group = r.group().isEmpty() ? "" : " on group " + r.group();
    return "lockstep: halt the rollout of "
        + r.cluster()
        + " to "
        + r.targetVersion()
        + " ("
        + r.check()
        + group
        + ")\n\n"
        + "The "
        + r.check()
        + " check failed"
        + group
        + " at "
        + r.at()
        + "; "
        + file
        + " sets spec.agents.mode to suspended, which stops every group at once.\n"
        + "Lockstep never resumes on its own: `lockstep resume` opens the pull request that does.\n\n"
        + HALT
        + ": "
        + oneLine(r.key())
        + "\n"
        + CHECK
        + ": "
        + oneLine(r.check())
        + "\n"
        + GROUP
        + ": "
        + oneLine(r.group().isEmpty() ? "(all)" : r.group())
        + "\n"
        + ROLLOUT
        + ": target "
        + oneLine(r.targetVersion())
        + ", started "
        + r.rolloutStart()
        + "\n"
        + EVIDENCE
        + ": "
        + oneLine(r.evidence())
        + "\n";
  }

  /** The {@code Lockstep-*} trailers of a commit message, in order; empty when it has none. */
  public static Map<String, String> trailers(String message) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : message.split("\n")) {
      int colon = line.indexOf(": ");
      if (line.startsWith("Lockstep-") && colon > 0) {
        out.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    return out;
  }

  /** A value from the cluster must not break the trailer block or forge another trailer. */
  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\p{Cntrl}]+", " ").strip();
  }
}
