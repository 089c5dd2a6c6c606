package dev.lockstep.parse;

import dev.lockstep.model.SourceTree;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SourceTree} over a directory on disk (the CLI's {@code validate PATH}). Paths are the
 * names {@link ShownPaths} gives the files, so findings name files as the user wrote them. Hidden
 * folders and files ({@code .git}, {@code .github}) are skipped. The folder itself may be reached
 * through a link. Symbolic links inside the tree are never followed or read (a link could point
 * outside the repository): they are listed by {@link #specials}, with where they point when that is
 * inside the tree, as are empty folders and entries that are not files (pipes, sockets, devices).
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
    return walk().files();
  }

  @Override
  public List<Special> specials() throws IOException {
    return walk().specials();
  }

  /** What one walk of the folder finds. */
  private record Listing(List<String> files, List<Special> specials) {}

  private Listing walk() throws IOException {
    List<String> files = new ArrayList<>();
    List<Special> specials = new ArrayList<>();
    // the folder itself may be a link (or reached through one); everything under it is not followed
    Path start = root.toRealPath();
    // Files.walkFileTree without FOLLOW_LINKS reports a link (to a file or a folder) as a file
    // with the link's own attributes and never enters it
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          private final Deque<Boolean> empty = new ArrayDeque<>();

          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(start) && dir.getFileName().toString().startsWith(".")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (!empty.isEmpty()) {
              empty.pop();
              empty.push(false);
            }
            empty.push(true);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (Boolean.TRUE.equals(empty.pop()) && !dir.equals(start)) {
              specials.add(
                  new Special(
                      shown(start, dir), SpecialKind.EMPTY_FOLDER, Optional.empty(), false));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (file.getFileName() == null || file.getFileName().toString().startsWith(".")) {
              return FileVisitResult.CONTINUE;
            }
            if (!empty.isEmpty()) {
              empty.pop();
              empty.push(false);
            }
            if (attrs.isRegularFile()) {
              files.add(shown(start, file));
            } else if (attrs.isSymbolicLink()) {
              specials.add(link(start, file));
            } else {
              specials.add(
                  new Special(shown(start, file), SpecialKind.OTHER, Optional.empty(), false));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (file.equals(start)) {
              throw e;
            }
            // an unreadable entry inside the tree: listed, so reading it gives a finding
            files.add(shown(start, file));
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    specials.sort(java.util.Comparator.comparing(Special::path));
    return new Listing(files, specials);
  }

  private String shown(Path start, Path p) {
    return names.shown(slashed(start.relativize(p)));
  }

  /**
   * A relative path's names joined with {@code /}: the platform's separator is replaced, and a
   * backslash that is part of a file name (legal on Linux) is kept.
   */
  private static String slashed(Path relative) {
    StringBuilder sb = new StringBuilder();
    for (Path name : relative) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(name);
    }
    return sb.toString();
  }

  /** A link, resolved by name only: where it points is given only when that is inside the tree. */
  private Special link(Path start, Path link) {
    Optional<String> inside = Optional.empty();
    boolean folder = false;
    try {
      Path target = Files.readSymbolicLink(link);
      Path resolved = link.getParent().resolve(target).normalize();
      if (resolved.startsWith(start) && !resolved.equals(start)) {
        inside = Optional.of(shown(start, resolved));
        folder = Files.isDirectory(resolved, LinkOption.NOFOLLOW_LINKS);
      } else if (resolved.equals(start)) {
        inside = Optional.of(names.shown(""));
        folder = true;
      }
    } catch (IOException | UnsupportedOperationException e) {
      // unreadable link: named without a target
    }
    return new Special(shown(start, link), SpecialKind.SYMBOLIC_LINK, inside, folder);
  }

  @Override
  public long size(String path) throws IOException {
    return Files.size(resolve(path));
  }

  @Override
  public byte[] read(String path) throws IOException {
    // NOFOLLOW_LINKS: a file swapped for a link after listing is refused, not followed
    try (java.nio.channels.SeekableByteChannel channel =
            Files.newByteChannel(resolve(path), LinkOption.NOFOLLOW_LINKS);
        java.io.InputStream in = java.nio.channels.Channels.newInputStream(channel)) {
      return in.readAllBytes();
    }
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
