package dev.lockstep.notify;

import dev.lockstep.forge.Forge;
import dev.lockstep.forge.ForgeException;
import java.util.Objects;

/**
 * The plan of a pull request's revision as one comment per cluster, edited in place on every new
 * push (found again by an invisible marker, {@code <!-- lockstep:plan:<cluster> -->}), never posted
 * twice. Only {@link EventKind#PLAN} events with a pull request are delivered.
 */
public final class PlanCommentSink implements Sink {
  private final String name;
  private final Forge forge;

  /**
   * @param name the sink's name
   * @param forge the platform client
   */
  public PlanCommentSink(String name, Forge forge) {
    this.name = Objects.requireNonNull(name, "name");
    this.forge = Objects.requireNonNull(forge, "forge");
  }

  @Override
  public String name() {
    return name;
  }

  /** The marker that finds a cluster's comment again. */
  static String marker(String cluster) {
    return "<!-- lockstep:plan:" + cluster.replace("--", "-") + " -->";
  }

  @Override
  public void deliver(Event event) throws SinkException {
    if (event.kind() != EventKind.PLAN || event.pullRequest().isEmpty()) {
      return;
    }
    try {
      forge.upsertComment(event.pullRequest().getAsLong(), marker(event.cluster()), event.body());
    } catch (ForgeException e) {
      throw Forges.failure(name, e);
    }
  }
}
