package dev.lockstep.bump;

import dev.lockstep.source.FileHistory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the status files Lockstep commits ({@code kind: lockstep_status}, see the README's "Status
 * written back") into what promotion needs: when, the live rollout's state and target, and whether
 * it shows a halt. Every committed version of the file is one snapshot, because the status is
 * committed only when it changes.
 */
public final class StatusFiles {
  /** The condition a halt sets (issue 19's auto-halt); {@code status: 'True'} while it stands. */
  public static final String HALTED = "Halted";

  /** How many committed versions of a status file are read. */
  public static final int HISTORY_LIMIT = 200;

  private StatusFiles() {}

  /** The snapshots of a file's committed versions, oldest first; unreadable versions skipped. */
  public static List<StatusSnapshot> history(List<FileHistory.Version> versions) {
    List<StatusSnapshot> out = new ArrayList<>();
    for (FileHistory.Version v : versions) {
      snapshot(new String(v.content(), StandardCharsets.UTF_8), v.commit(), v.committed())
          .ifPresent(out::add);
    }
    return out;
  }

  /**
   * One status text as a snapshot; empty when it is not a {@code lockstep_status} document.
   *
   * @param fallback the time used when the file has no readable {@code updatedAt}
   */
  public static Optional<StatusSnapshot> snapshot(String text, String commit, Instant fallback) {
    Object doc;
    try {
      doc =
          new Load(
                  LoadSettings.builder()
                      .setSchema(new CoreSchema())
                      .setCodePointLimit(4 << 20)
                      .build())
              .loadFromString(text);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (!(doc instanceof Map<?, ?> root) || !"lockstep_status".equals(root.get("kind"))) {
      return Optional.empty();
    }
    Instant at = fallback;
    try {
      if (root.get("updatedAt") instanceof String s) {
        at = Instant.parse(s);
      }
    } catch (DateTimeParseException e) {
      // keep the commit time
    }
    boolean halted = false;
    if (root.get("conditions") instanceof List<?> conditions) {
      for (Object c : conditions) {
        if (c instanceof Map<?, ?> m
            && HALTED.equals(m.get("type"))
            && "True".equals(String.valueOf(m.get("status")))) {
          halted = true;
        }
      }
    }
    String state = "";
    String target = "";
    if (root.get("rollout") instanceof Map<?, ?> rollout) {
      state = String.valueOf(rollout.get("state") == null ? "" : rollout.get("state"));
      target =
          String.valueOf(rollout.get("targetVersion") == null ? "" : rollout.get("targetVersion"));
      halted |= state.equals("rolledback");
      if (rollout.get("groups") instanceof List<?> groups) {
        for (Object g : groups) {
          if (g instanceof Map<?, ?> gm && "rolledback".equals(gm.get("state"))) {
            halted = true;
          }
        }
      }
    }
    return Optional.of(new StatusSnapshot(at, state, target, halted, commit));
  }
}
