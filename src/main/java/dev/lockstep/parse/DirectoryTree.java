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
 * A {@link SourceTree} over a directory on disk (the CLI's {@code validate PATH}). Paths are given
 * relative to {@code displayRoot}, so findings name files as the user wrote them. Hidden folders
 * ({@code .git}, {@code .github}) and symbolic links are skipped: a link could point outside the
 * repository.
 */
public final class DirectoryTree implements SourceTree {
  private final Path root;
  private final String prefix;
  private final String revision;

  /**
   * @param root the folder to read
   * @param prefix prepended to every path as shown in findings (e.g. {@code sample-repo/}), or ""
   * @param revision the label of what is read
   */
  public DirectoryTree(Path root, String prefix, String revision) {
    this.root = root;
    this.prefix = prefix;
    this.revision = revision;
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
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
              out.add(prefix + root.relativize(file).toString().replace('\\', '/'));
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
    if (!path.startsWith(prefix)) {
      throw new IOException("not in this tree: " + path);
    }
    Path p = root.resolve(path.substring(prefix.length())).normalize();
    if (!p.startsWith(root.normalize())
        || Files.isSymbolicLink(p)
        || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a regular file in this tree: " + path);
    }
    return p;
  }
}
