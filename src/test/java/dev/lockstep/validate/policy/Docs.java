package dev.lockstep.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.SourceLocation;
import java.util.List;

/** Builds policies and resources from YAML text, with real positions, for the policy tests. */
final class Docs {
  private Docs() {}

  /** The single document of {@code yaml} as a resource read from {@code file}. */
  static Resource resource(String file, String yaml) {
    PolicyYaml.Result result = PolicyYaml.read(file, yaml);
    assertThat(result.findings()).as("fixture YAML").isEmpty();
    assertThat(result.documents()).hasSize(1);
    return result.documents().get(0).toResource().orElseThrow();
  }

  /** A policy document named {@code name} with the given rules (YAML list items, indented by 4). */
  static Resource policy(String name, String rules) {
    return resource(
        "policies/" + name + ".yaml",
        """
        kind: lockstep_policy
        metadata:
          name: %s
        spec:
          rules:
        %s"""
            .formatted(name, rules.indent(2)));
  }

  /** One cluster holding {@code resources}. */
  static ClusterSource cluster(String name, Resource descriptor, Resource... resources) {
    return new ClusterSource(name, "clusters/" + name, descriptor, List.of(resources));
  }

  /** A revision of clusters and channels. */
  static DesiredState state(List<ClusterSource> clusters, Channel... channels) {
    return new DesiredState("test", clusters, List.of(channels), List.of());
  }

  /** A channel with both files. */
  static Channel channel(String name, String version, String critical) {
    return new Channel(
        name,
        version,
        new SourceLocation("channels/" + name + "/version", 1, 1),
        critical,
        new SourceLocation("channels/" + name + "/critical", 1, 1));
  }
}
