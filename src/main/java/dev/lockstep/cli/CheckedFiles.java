package dev.lockstep.cli;

import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import java.util.TreeSet;

/** The files a check looked at: every file that produced a document, a channel or a finding. */
final class CheckedFiles {
  private CheckedFiles() {}

  static java.util.List<String> of(DesiredState state, Findings findings) {
    TreeSet<String> files = new TreeSet<>();
    for (ClusterSource c : state.clusters()) {
      if (c.descriptor() != null) {
        files.add(c.descriptor().file());
      }
      c.resources().stream().map(Resource::file).forEach(files::add);
    }
    for (Channel ch : state.channels()) {
      if (ch.versionLocation() != null) {
        files.add(ch.versionLocation().file());
      }
      if (ch.criticalLocation() != null) {
        files.add(ch.criticalLocation().file());
      }
    }
    state.policies().stream().map(Resource::file).forEach(files::add);
    findings.stream().map(f -> f.location().file()).forEach(files::add);
    return java.util.List.copyOf(files);
  }
}
