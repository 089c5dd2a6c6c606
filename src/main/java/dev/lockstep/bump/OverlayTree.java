package dev.lockstep.bump;

import dev.lockstep.model.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A revision with some files replaced: the edited tree that is checked before it is proposed. */
final class OverlayTree implements SourceTree {
  private final SourceTree base;
  private final Map<String, byte[]> replaced;

  OverlayTree(SourceTree base, Map<String, byte[]> replaced) {
    this.base = base;
    this.replaced = Map.copyOf(replaced);
  }

  @Override
  public String revision() {
    return base.revision() + " (bumped)";
  }

  @Override
  public List<String> paths() throws IOException {
    TreeSet<String> all = new TreeSet<>(base.paths());
    all.addAll(replaced.keySet());
    return new ArrayList<>(all);
  }

  @Override
  public long size(String path) throws IOException {
    byte[] b = replaced.get(path);
    return b != null ? b.length : base.size(path);
  }

  @Override
  public byte[] read(String path) throws IOException {
    byte[] b = replaced.get(path);
    return b != null ? b.clone() : base.read(path);
  }
}
