package dev.lockstep.halt;

import dev.lockstep.edit.EditException;
import dev.lockstep.edit.EditedFile;
import dev.lockstep.edit.ScalarEdit;
import dev.lockstep.edit.YamlEdit;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceTree;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The file edit that halts or resumes a cluster: {@code spec.agents.mode} of its {@code
 * autoupdate_config}, changed in place (comments, quoting and every other byte kept). Pure over the
 * tree it is given.
 */
public final class HaltEdit {
  /** The field a halt sets. */
  public static final String MODE = "spec.agents.mode";

  private HaltEdit() {}

  /**
   * The edit setting the cluster's mode to {@code mode}.
   *
   * @return the edited file; empty when the mode is already {@code mode}
   * @throws EditException when the cluster has no {@code autoupdate_config}, or it cannot be edited
   *     in place (the mode is missing, an alias, a flow collection it cannot rewrite, ...)
   */
  public static Optional<EditedFile> setMode(
      DesiredState state, SourceTree tree, String cluster, String mode)
      throws EditException, IOException {
    ClusterSource c =
        state
            .cluster(cluster)
            .orElseThrow(
                () ->
                    new EditException(
                        EditException.Reason.NO_SUCH_DOCUMENT,
                        dev.lockstep.model.SourceLocation.ofFile("clusters/" + cluster),
                        "",
                        "the repository has no cluster " + cluster));
    Resource config =
        c.find(ResourceKind.AUTOUPDATE_CONFIG)
            .orElseThrow(
                () ->
                    new EditException(
                        EditException.Reason.NO_SUCH_DOCUMENT,
                        dev.lockstep.model.SourceLocation.ofFile("clusters/" + cluster),
                        MODE,
                        "cluster "
                            + cluster
                            + " has no autoupdate_config to suspend: add one with spec.agents.mode"));
    String file = config.file();
    byte[] bytes = tree.read(file);
    int document =
        YamlEdit.documentAt(file, bytes, config.origin().line(), config.origin().column())
            .orElseThrow(
                () ->
                    new EditException(
                        EditException.Reason.NO_SUCH_DOCUMENT,
                        config.origin(),
                        "",
                        "the autoupdate_config document could not be found again in the file"));
    EditedFile edited = YamlEdit.apply(file, bytes, List.of(new ScalarEdit(document, MODE, mode)));
    return edited.changed() ? Optional.of(edited) : Optional.empty();
  }
}
