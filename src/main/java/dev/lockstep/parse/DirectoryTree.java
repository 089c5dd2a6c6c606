package dev.lockstep.parse;

import dev.lockstep.model.SourceTree;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SourceTree} over a directory on disk (the CLI's {@code validate PATH}). Paths are the
 * names {@link ShownPaths} gives the files, so findings name files as the user wrote them. Hidden
 * folders ({@code .git}, {@code .github}) and symbolic links inside the folder are skipped: a link
 * could point outside the repository. The folder itself may be reached through a link.
 */
public final class DirectoryTree implements SourceTree {
  private final Path root;
  private final ShownPaths names;
  private final String revision;

  /**
   * @param root the folder to read
   * @param names how files are named, from their path under {@code root}
   * @param revision the label of what is read
   */
  public DirectoryTree(Path root, ShownPaths names, String revision) {
    this.root = root;
    this.names = names;
    this.revision = revision;
  }

  /**
   * @param root the folder to read
   * @param prefix prepended to every path as shown in findings (e.g. {@code sample-repo/}), or ""
   * @param revision the label of what is read
   */
  public DirectoryTree(Path root, String prefix, String revision) {
    this(root, ShownPaths.prefix(prefix), revision);
  }

  /** A tree over {@code root} whose paths are shown relative to it. */
  public static DirectoryTree of(Path root) {
    return new DirectoryTree(root, "", "working tree");
  }

  @Override
  public String revision() {
    return revision;
  }

  @Override
  public List<String> paths() throws IOException {
    List<String> out = new ArrayList<>();
    Path start = root.toRealPath();
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(start) && dir.getFileName().toString().startsWith(".")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
              out.add(names.shown(start.relativize(file).toString().replace('\\', '/')));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    out.sort(null);
    return out;
  }

  @Override
  public long size(String path) throws IOException {
    return Files.size(resolve(path));
  }

  @Override
  public byte[] read(String path) throws IOException {
    return Files.readAllBytes(resolve(path));
  }

  private Path resolve(String path) throws IOException {
    // relative() refuses names that climb out (..), so p stays under root
    String relative =
        names.relative(path).orElseThrow(() -> new IOException("not in this tree: " + path));
    Path p = root.resolve(relative);
    if (Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a regular file in this tree: " + path);
    }
    return p;
  }
}
