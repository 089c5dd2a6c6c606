package dev.lockstep.forge;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/** The steps of opening and updating a pull request that every platform shares. */
final class PullRequestSteps {
  private PullRequestSteps() {}

  /** Reads a platform's pull request JSON. */
  @FunctionalInterface
  interface Reader {
    PullRequest read(JsonNode json) throws ForgeException;
  }

  /**
   * Posts a new pull request; after the platform's duplicate answer, returns the open pull request
   * of that exact head branch, else the answer as an error.
   */
  static Forge.Opened open(
      Forge forge,
      ApiClient api,
      URI pulls,
      JsonNode request,
      int duplicate,
      String head,
      Reader reader)
      throws ForgeException {
    ApiClient.Response r = api.send("POST", pulls, request, Map.of(), duplicate);
    if (r.status() != duplicate) {
      return new Forge.Opened(reader.read(r.json()), true);
    }
    for (PullRequest p : forge.openPullRequests(head)) {
      if (p.head().equals(head)) {
        return new Forge.Opened(p, false);
      }
    }
    throw api.failure(r, "POST " + pulls.getRawPath());
  }

  /**
   * Sends the fields that differ from {@code current} under the platform's names, or nothing when
   * none does.
   */
  static PullRequest update(
      ApiClient api,
      String method,
      URI pull,
      PullRequest current,
      Map<String, Object> changed,
      Reader reader)
      throws ForgeException {
    if (changed.isEmpty()) {
      return current;
    }
    return reader.read(
        api.send(method, pull, ApiClient.JSON.valueToTree(changed), Map.of()).json());
  }

  /** The fields to send, under the platform's names; empty when nothing differs. */
  static Map<String, Object> changed(
      PullRequest current,
      String title,
      String body,
      String base,
      String bodyField,
      String baseField) {
    Map<String, Object> changed = new LinkedHashMap<>();
    if (!current.title().equals(title)) {
      changed.put("title", title);
    }
    if (!current.body().equals(body)) {
      changed.put(bodyField, body);
    }
    if (!current.base().equals(base)) {
      changed.put(baseField, base);
    }
    return changed;
  }

  /** Comments, then sends the platform's close request. */
  static void closeWithComment(
      ApiClient api, URI comments, String comment, String closeMethod, URI pull, JsonNode close)
      throws ForgeException {
    api.send("POST", comments, ApiClient.object("body", comment), Map.of());
    api.send(closeMethod, pull, close, Map.of());
  }

  /**
   * The comment carrying the marker: left alone when it already reads {@code body} (plus the
   * marker), edited with {@code editMethod} when it differs, created when there is none.
   *
   * @param list the comments' first page
   * @param create where a new comment is posted
   * @param edit where an existing comment (by id) is edited
   * @param skipSystem true on GitLab, whose system notes ("changed the description") are skipped
   */
  static Comment upsert(
      ApiClient api,
      URI list,
      URI create,
      LongFunction<URI> edit,
      String editMethod,
      boolean skipSystem,
      String marker,
      String body)
      throws ForgeException {
    String text = Forge.withMarker(marker, body);
    for (JsonNode c : api.getAll(list)) {
      String existing = c.path("body").asText("");
      if (!(skipSystem && c.path("system").asBoolean(false)) && existing.contains(marker)) {
        long id = c.path("id").asLong();
        if (existing.equals(text)) {
          return new Comment(id, existing);
        }
        JsonNode edited =
            api.send(editMethod, edit.apply(id), ApiClient.object("body", text), Map.of()).json();
        return new Comment(edited.path("id").asLong(id), edited.path("body").asText(text));
      }
    }
    JsonNode created = api.send("POST", create, ApiClient.object("body", text), Map.of()).json();
    return new Comment(created.path("id").asLong(), created.path("body").asText(text));
  }

  /** A full lower-case 40-hex commit id, else a configuration error. */
  static void requireCommitId(String sha) throws ForgeException {
    if (!sha.matches("[0-9a-f]{40}")) {
      throw new ForgeException(
          ForgeException.Reason.CONFIGURATION,
          0,
          Optional.empty(),
          "not a commit id: \"" + sha + "\"");
    }
  }
}
