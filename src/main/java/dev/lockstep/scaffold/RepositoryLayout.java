package dev.lockstep.scaffold;

import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.Resource;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.parse.ParseResult;
import dev.lockstep.parse.RepositoryParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a cluster folder can be added to a repository as it is on disk ({@code lockstep import}
 * into a new or an existing repository). Reads the repository; writes nothing.
 */
public final class RepositoryLayout {
  private RepositoryLayout() {}

  /**
   * Why {@code files} (the folder {@code clusters/<cluster>/} of an import) cannot be written under
   * {@code root}, in words that say what to do; empty when they can. Refused whatever {@code
   * overwrite} says: a root that is not a folder; a single-cluster repository (Teleport resources
   * at its root, no {@code clusters/}), which a cluster folder would turn into something else; the
   * same cluster name declared by another folder; and another file of the folder holding a kind the
   * import writes, which would then be defined twice. Without {@code overwrite}, also any of {@code
   * files} that exists.
   *
   * @param shownRoot the root as the user wrote it, for messages
   */
  public static Optional<String> problem(
      Path root, String shownRoot, String cluster, List<RepositoryFile> files, boolean overwrite) {
    if (!Files.exists(root)) {
      return Optional.empty();
    }
    if (!Files.isDirectory(root)) {
      return Optional.of(shownRoot + " is not a folder: give the repository's folder");
    }
    String folder = "clusters/" + cluster;
    if (Files.exists(root.resolve("clusters")) || holdsYaml(root)) {
      ParseResult parsed = new RepositoryParser().parsePath(LocalPath.of(root, "."));
      for (ClusterSource c : parsed.state().clusters()) {
        if (c.folder().isEmpty()) {
          return Optional.of(
              shownRoot
                  + " is a single-cluster repository (Teleport resources at its root, no"
                  + " clusters/ folder): move its files into clusters/"
                  + c.name()
                  + "/ first, or import into another folder");
        }
        if (c.name().equals(cluster) && !c.folder().equals(folder)) {
          return Optional.of(
              "cluster "
                  + cluster
                  + " is already declared by "
                  + c.folder()
                  + "/ in "
                  + shownRoot
                  + ": choose another name with --cluster");
        }
        if (c.folder().equals(folder)) {
          Optional<String> twice = definedTwice(c, files);
          if (twice.isPresent()) {
            return twice;
          }
        }
      }
    }
    return overwriting(root, shownRoot, files, overwrite);
  }

  /**
   * Why {@code files} cannot be written under {@code root} ({@code lockstep init}): a root that is
   * not a folder or, without {@code overwrite}, any of the files that exists; empty when they can.
   */
  public static Optional<String> problem(
      Path root, String shownRoot, List<RepositoryFile> files, boolean overwrite) {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      return Optional.of(shownRoot + " is not a folder: give the repository's folder");
    }
    return overwriting(root, shownRoot, files, overwrite);
  }

  private static Optional<String> overwriting(
      Path root, String shownRoot, List<RepositoryFile> files, boolean overwrite) {
    List<String> existing = RepositoryWriter.existing(root, files);
    if (!overwrite && !existing.isEmpty()) {
      return Optional.of(
          "refusing to overwrite "
              + existing.stream().map(p -> prefixed(shownRoot, p)).collect(Collectors.joining(", "))
              + ": pass --force to replace "
              + (existing.size() == 1 ? "it" : "them"));
    }
    return Optional.empty();
  }

  private static Optional<String> definedTwice(ClusterSource c, List<RepositoryFile> files) {
    Set<String> written = files.stream().map(RepositoryFile::path).collect(Collectors.toSet());
    List<Resource> docs = new ArrayList<>(c.resources());
    if (c.descriptor() != null) {
      docs.add(c.descriptor());
    }
    for (Resource r : docs) {
      String file =
          c.folder() + "/" + (r.kind().isTeleport() ? r.kind().kind() + ".yaml" : "cluster.yaml");
      if (written.contains(file) && !r.file().equals(file)) {
        return Optional.of(twice(r));
      }
    }
    return Optional.empty();
  }

  private static String twice(Resource r) {
    return r.file()
        + " already holds the "
        + r.kind().kind()
        + " that the import writes, which would then be defined twice: move it out of the"
        + " folder, or import into another repository";
  }

  private static String prefixed(String shownRoot, String path) {
    return shownRoot.equals(".") || shownRoot.isEmpty() ? path : shownRoot + "/" + path;
  }

  private static boolean holdsYaml(Path root) {
    try (var files = Files.list(root)) {
      return files.anyMatch(
          p -> {
            String n = p.getFileName().toString();
            return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
          });
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
