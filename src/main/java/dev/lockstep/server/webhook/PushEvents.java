package dev.lockstep.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads what a push webhook says was pushed, so pushes to other branches (Lockstep's own status
 * branch among them) do not cause a reconcile. GitHub and GitLab push events carry the full ref
 * ({@code "ref": "refs/heads/main"}); a payload without one (a generic sender, a form post) says
 * nothing and triggers as before.
 */
public final class PushEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PushEvents() {}

  /** The {@code ref} of a JSON push payload, if it has one. Never throws. */
  public static Optional<String> pushedRef(byte[] body) {
    if (body.length == 0 || body[0] != '{') {
      return Optional.empty();
    }
    try {
      JsonNode ref = JSON.readTree(body).get("ref");
      return ref != null && ref.isTextual() && !ref.asText().isBlank()
          ? Optional.of(ref.asText())
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a pushed ref is the one Lockstep follows ({@code lockstep.git.ref}: a branch or tag
   * name, a full ref, or a commit). A commit id cannot be told from a push event, so it always
   * matches.
   */
  public static boolean concerns(String pushedRef, String followed) {
    if (followed.matches("[0-9a-fA-F]{7,64}")) {
      return true;
    }
    if (followed.startsWith("refs/")) {
      return pushedRef.equals(followed);
    }
    return pushedRef.equals("refs/heads/" + followed) || pushedRef.equals("refs/tags/" + followed);
  }
}
