package dev.lockstep.cluster;

import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A {@link ClusterTarget} that keeps resources as YAML files in a directory, one file per resource
 * ({@code <kind>.yaml}, the shape {@code tctl create -f} accepts, spec in canonical form). No
 * cluster at all: the default for a first run and for trying {@code diff}/{@code apply} locally.
 * Writes are atomic (temporary file, then rename) so a reader never sees half a file.
 */
public final class FileTarget implements ClusterTarget {
  private final Path dir;

  /** A target over {@code dir}; the directory is created on the first write. */
  public FileTarget(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  @Override
  public String name() {
    return TargetKind.FILE.label();
  }

  /** The file that holds a resource. */
  public Path fileOf(ResourceId id) {
    return dir.resolve(id.kind().kind() + ".yaml");
  }

  @Override
  public Map<ResourceId, Resource> observe(Set<ResourceId> ids) throws TargetException {
    Map<ResourceId, Resource> out = new TreeMap<>();
    for (ResourceId id : ids) {
      Path file = fileOf(id);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Object doc;
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        doc =
            new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
      } catch (IOException | YamlEngineException | IllegalArgumentException e) {
        throw new TargetException(
            TargetException.Reason.UNREACHABLE, "cannot read " + file + ": " + e.getMessage(), e);
      }
      if (!(doc instanceof Map<?, ?> m) || !id.name().equals(nameOf(m))) {
        continue;
      }
      Object spec = m.get("spec");
      out.put(
          id,
          Observed.resource(
              id, spec instanceof Map<?, ?> s ? stringKeys(s) : Map.of(), file.toString()));
    }
    return out;
  }

  private static String nameOf(Map<?, ?> doc) {
    return doc.get("metadata") instanceof Map<?, ?> meta && meta.get("name") instanceof String n
        ? n
        : "";
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  @Override
  public ApplyOutcome apply(Resource desired, boolean dryRun) throws TargetException {
    Resource observed = observe(Set.of(desired.id())).get(desired.id());
    ResourceDiff diff = SpecDiff.of(desired, observed);
    if (!diff.isChange() || dryRun) {
      return ApplyOutcome.of(diff, false);
    }
    String yaml =
        new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
            .dumpToString(Observed.document(desired));
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".lockstep-", ".tmp");
      Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
      try {
        Files.move(
            tmp,
            fileOf(desired.id()),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, fileOf(desired.id()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new TargetException(
          TargetException.Reason.UNREACHABLE,
          "cannot write " + fileOf(desired.id()) + ": " + e.getMessage(),
          e);
    }
    return ApplyOutcome.of(diff, true);
  }

  @Override
  public void delete(ResourceId id) throws TargetException {
    try {
      Files.deleteIfExists(fileOf(id));
    } catch (IOException e) {
      throw new TargetException(
          TargetException.Reason.UNREACHABLE,
          "cannot delete " + fileOf(id) + ": " + e.getMessage(),
          e);
    }
  }
}
