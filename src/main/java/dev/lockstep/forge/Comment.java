package dev.lockstep.forge;

import java.util.Objects;

/**
 * A comment on a pull request.
 *
 * @param id the platform's comment id
 * @param body the text
 */
public record Comment(long id, String body) {
  public Comment {
    Objects.requireNonNull(body, "body");
  }
}
