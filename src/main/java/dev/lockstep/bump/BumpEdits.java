package dev.lockstep.bump;

import dev.lockstep.edit.EditException;
import dev.lockstep.edit.EditedFile;
import dev.lockstep.edit.ScalarEdit;
import dev.lockstep.edit.YamlEdit;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.SourceTree;
import dev.lockstep.model.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a bump of one cluster to version V changes, byte for byte elsewhere ({@link YamlEdit}):
 *
 * <ul>
 *   <li>{@code autoupdate_version}: {@code spec.agents.start_version} becomes the old target,
 *       {@code spec.agents.target_version} and, when {@code spec.tools} is there, {@code
 *       spec.tools.target_version} become V;
 *   <li>each channel the cluster follows whose followers all target V after this run (moving to V
 *       now, or there already) becomes V, keeping its file's leading {@code v} and white space; a
 *       channel that says {@code none} is left alone.
 * </ul>
 *
 * <p>Pure apart from reading the tree.
 */
final class BumpEdits {
  private BumpEdits() {}

  /**
   * @param targetsAfter every cluster's agents target after this run (its proposal, else its
   *     current target)
   * @throws EditException when the YAML cannot be edited in place (see {@link YamlEdit})
   */
  static List<FileChange> of(
      DesiredState state,
      SourceTree tree,
      ClusterSource cluster,
      Version target,
      Map<String, Version> targetsAfter)
      throws EditException, IOException {
    List<FileChange> out = new ArrayList<>();
    Resource version = cluster.find(ResourceKind.AUTOUPDATE_VERSION).orElseThrow();
    String file = version.file();
    byte[] bytes = tree.read(file);
    int document =
        YamlEdit.documentAt(file, bytes, version.origin().line(), version.origin().column())
            .orElseThrow(
                () ->
                    new EditException(
                        EditException.Reason.NO_SUCH_DOCUMENT,
                        version.origin(),
                        "",
                        "the autoupdate_version document could not be found again in the file"));
    String oldTarget = version.at("spec.agents.target_version").map(String::valueOf).orElse("");
    List<ScalarEdit> edits = new ArrayList<>();
    edits.add(new ScalarEdit(document, "spec.agents.start_version", oldTarget));
    edits.add(new ScalarEdit(document, "spec.agents.target_version", target.toString()));
    if (version.at("spec.tools").filter(Map.class::isInstance).isPresent()) {
      edits.add(new ScalarEdit(document, "spec.tools.target_version", target.toString()));
    }
    EditedFile edited = YamlEdit.apply(file, bytes, edits);
    out.add(
        new FileChange(
            file,
            new String(edited.before(), StandardCharsets.UTF_8),
            new String(edited.after(), StandardCharsets.UTF_8),
            edited.changes().stream()
                .filter(EditedFile.Change::changed)
                .map(c -> c.edit().path() + ": " + c.from() + " -> " + c.to())
                .toList()));

    List<String> followed = cluster.cluster().map(LockstepCluster::channels).orElse(List.of());
    for (String name : followed) {
      Optional<Channel> channel = state.channel(name);
      if (channel.isEmpty() || channel.get().versionLocation() == null) {
        continue;
      }
      boolean allAtTarget =
          state.clusters().stream()
              .filter(c -> c.cluster().map(l -> l.channels().contains(name)).orElse(false))
              .allMatch(c -> target.equals(targetsAfter.get(c.name())));
      if (allAtTarget) {
        channelFile(tree, channel.get().versionLocation(), target).ifPresent(out::add);
      }
    }
    return out;
  }

  /** The channel's version file with its content replaced, or empty when it already says so. */
  private static Optional<FileChange> channelFile(
      SourceTree tree, SourceLocation location, Version target) throws IOException {
    byte[] bytes = tree.read(location.file());
    String text = new String(bytes, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    int end = text.length();
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    String content = text.substring(start, end);
    String wanted = (content.startsWith("v") ? "v" : "") + target;
    if (content.equals(wanted) || content.equals("none")) {
      return Optional.empty();
    }
    String after = text.substring(0, start) + wanted + text.substring(end);
    return Optional.of(
        new FileChange(
            location.file(), text, after, List.of("version: " + content + " -> " + wanted)));
  }
}
