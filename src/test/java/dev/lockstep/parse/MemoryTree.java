package dev.lockstep.parse;

import dev.lockstep.model.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link SourceTree} held in memory, for parser tests: {@code MemoryTree.of("a.yaml", "kind:
 * x")}.
 */
public final class MemoryTree implements SourceTree {
  private final Map<String, byte[]> files = new TreeMap<>();
  private final Map<String, Special> specials = new TreeMap<>();

  /** A tree of path/content pairs; String contents are stored as UTF-8, byte[] as given. */
  public static MemoryTree of(Object... pathContentPairs) {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < pathContentPairs.length; i += 2) {
      tree.put((String) pathContentPairs[i], pathContentPairs[i + 1]);
    }
    return tree;
  }

  /** Adds or replaces a file. */
  public MemoryTree put(String path, Object content) {
    files.put(
        path,
        content instanceof byte[] b ? b : content.toString().getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * Adds a symbolic link to {@code target}, a tree path (inside the tree) or null (a link that
   * leads out of it).
   */
  public MemoryTree link(String path, String target) {
    boolean folder =
        target != null && files.keySet().stream().anyMatch(p -> p.startsWith(target + "/"));
    specials.put(
        path,
        new Special(
            path, SpecialKind.SYMBOLIC_LINK, java.util.Optional.ofNullable(target), folder));
    return this;
  }

  /** Adds an empty folder. */
  public MemoryTree emptyFolder(String path) {
    specials.put(
        path, new Special(path, SpecialKind.EMPTY_FOLDER, java.util.Optional.empty(), false));
    return this;
  }

  @Override
  public List<Special> specials() {
    return new ArrayList<>(specials.values());
  }

  @Override
  public String revision() {
    return "test";
  }

  @Override
  public List<String> paths() {
    return new ArrayList<>(files.keySet());
  }

  @Override
  public long size(String path) throws IOException {
    return bytes(path).length;
  }

  @Override
  public byte[] read(String path) throws IOException {
    return bytes(path).clone();
  }

  private byte[] bytes(String path) throws IOException {
    byte[] b = files.get(path);
    if (b == null) {
      throw new IOException("no such file: " + path);
    }
    return b;
  }
}
