package dev.lockstep.channel;

import dev.lockstep.model.Channel;
import dev.lockstep.model.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Channel documents as files: {@code <dir>/<channel>/version} and {@code <dir>/<channel>/critical},
 * the layout static hosts (S3, GCS, nginx) serve under a version-server base URL
 * (teleport-semantics §13.1).
 */
public final class ChannelExport {
  private ChannelExport() {}

  /** Largest channel file {@link #read} accepts; real ones are a dozen bytes. */
  public static final int MAX_FILE_BYTES = 1024;

  /**
   * Writes every channel's two files under {@code dir} (created when missing) and returns the
   * written files, relative to {@code dir}, sorted. Every name is checked before anything is
   * written; each file is written to a temporary file and moved into place, so a reader never sees
   * half a file. Never writes outside {@code dir} and never follows a symbolic link inside it;
   * files of other channels already in {@code dir} are left alone.
   *
   * @throws IllegalArgumentException when a channel name is not a valid name ({@link ChannelNames})
   * @throws IOException when the folder cannot be written, or a symbolic link is in the way
   */
  public static List<String> write(List<ChannelDocuments> channels, Path dir) throws IOException {
    for (ChannelDocuments c : channels) {
      if (!ChannelNames.isValid(c.name())) {
        throw new IllegalArgumentException("not a valid channel name: \"" + c.name() + "\"");
      }
    }
    Files.createDirectories(dir);
    Path root = dir.toRealPath();
    List<String> written = new ArrayList<>();
    for (ChannelDocuments c : channels) {
      Path folder = root;
      for (String segment : c.name().split("/")) {
        folder = folder.resolve(segment);
        if (Files.isSymbolicLink(folder)) {
          throw new IOException(folder + ": is a symbolic link; refusing to write through it");
        }
        Files.createDirectories(folder);
      }
      for (String type : List.of(ChannelDocuments.VERSION, ChannelDocuments.CRITICAL)) {
        Path target = folder.resolve(type);
        if (Files.isSymbolicLink(target)) {
          throw new IOException(target + ": is a symbolic link; refusing to write through it");
        }
        Path tmp = Files.createTempFile(folder, "." + type, ".tmp");
        try {
          Files.writeString(tmp, c.body(type).orElseThrow(), StandardCharsets.UTF_8);
          Files.move(
              tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
        written.add(c.name() + "/" + type);
      }
    }
    written.sort(null);
    return List.copyOf(written);
  }

  /**
   * Reads channels back from a folder laid out as {@link #write} writes it: every regular file
   * named {@code version} or {@code critical} below {@code dir} belongs to the channel named by its
   * folder. Hidden entries and symbolic links are skipped, as are folders that are not valid
   * channel names; contents are trimmed, files over {@link #MAX_FILE_BYTES} are refused.
   *
   * @return the channels, sorted by name
   * @throws IOException when the folder cannot be read or a file is too large
   */
  public static List<Channel> read(Path dir) throws IOException {
    Map<String, String[]> found = new TreeMap<>();
    Path root = dir.toRealPath();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            return !d.equals(root) && d.getFileName().toString().startsWith(".")
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String type = file.getFileName().toString();
            if (!attrs.isRegularFile()
                || Files.isSymbolicLink(file)
                || file.getParent().equals(root)
                || !(type.equals(ChannelDocuments.VERSION)
                    || type.equals(ChannelDocuments.CRITICAL))) {
              return FileVisitResult.CONTINUE;
            }
            String name = root.relativize(file.getParent()).toString().replace('\\', '/');
            if (!ChannelNames.isValid(name)) {
              return FileVisitResult.CONTINUE;
            }
            if (attrs.size() > MAX_FILE_BYTES) {
              throw new IOException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            String content = Files.readString(file, StandardCharsets.UTF_8).strip();
            String[] slot = found.computeIfAbsent(name, k -> new String[2]);
            slot[type.equals(ChannelDocuments.VERSION) ? 0 : 1] = content;
            return FileVisitResult.CONTINUE;
          }
        });
    List<Channel> channels = new ArrayList<>();
    found.forEach(
        (name, slot) ->
            channels.add(
                new Channel(
                    name,
                    slot[0],
                    slot[0] == null
                        ? null
                        : SourceLocation.ofFile(name + "/" + ChannelDocuments.VERSION),
                    slot[1],
                    slot[1] == null
                        ? null
                        : SourceLocation.ofFile(name + "/" + ChannelDocuments.CRITICAL))));
    return List.copyOf(channels);
  }
}
