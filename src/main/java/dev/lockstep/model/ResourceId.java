package dev.lockstep.model;

import java.util.Objects;

/** Identity of a Teleport resource in one cluster: its kind and {@code metadata.name}. */
public record ResourceId(ResourceKind kind, String name) implements Comparable<ResourceId> {

  public ResourceId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The id of a singleton kind, named as Teleport requires. */
  public static ResourceId singleton(ResourceKind kind) {
    return new ResourceId(kind, kind.singletonName());
  }

  /** Apply order first (the kind's declaration order), then name. */
  @Override
  public int compareTo(ResourceId o) {
    int c = kind.compareTo(o.kind);
    return c != 0 ? c : name.compareTo(o.name);
  }

  /** {@code kind/name}, as tctl writes it. */
  @Override
  public String toString() {
    return kind.kind() + "/" + name;
  }
}
