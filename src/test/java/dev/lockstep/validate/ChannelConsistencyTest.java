package dev.lockstep.validate;

import static dev.lockstep.model.TestResources.list;
import static dev.lockstep.model.TestResources.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.TestResources;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelConsistencyTest {

  static ClusterSource cluster(String name, List<String> follows, String target) {
    Resource descriptor =
        TestResources.of(
            ResourceKind.LOCKSTEP_CLUSTER,
            map("auth_version", "17.2.1", "channels", list(follows.toArray())),
            "clusters/" + name + "/cluster.yaml");
    List<Resource> resources = new ArrayList<>();
    if (target != null) {
      resources.add(
          TestResources.of(
              ResourceKind.AUTOUPDATE_VERSION,
              map(
                  "agents",
                  map(
                      "start_version",
                      target,
                      "target_version",
                      target,
                      "schedule",
                      "regular",
                      "mode",
                      "enabled")),
              "clusters/" + name + "/version.yaml"));
    }
    return new ClusterSource(name, "clusters/" + name, descriptor, resources);
  }

  static Channel channel(String name, String version) {
    return new Channel(
        name,
        version,
        SourceLocation.ofFile("channels/" + name + "/version"),
        "no",
        SourceLocation.ofFile("channels/" + name + "/critical"));
  }

  static DesiredState state(ClusterSource cluster, Channel... channels) {
    return new DesiredState("test", List.of(cluster), List.of(channels), List.of());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            Named.named(
                "same version -> no finding",
                state(
                    cluster("prod", List.of("stable/rolling"), "17.2.1"),
                    channel("stable/rolling", "17.2.1"))),
            0),
        Arguments.of(
            Named.named(
                "a leading v on either side is the same version",
                state(
                    cluster("prod", List.of("stable/rolling"), "v17.2.1"),
                    channel("stable/rolling", "v17.2.1"))),
            0),
        Arguments.of(
            Named.named(
                "channel behind the target -> warning",
                state(
                    cluster("prod", List.of("stable/rolling"), "17.3.0"),
                    channel("stable/rolling", "17.2.1"))),
            1),
        Arguments.of(
            Named.named(
                "channel advertising none while the cluster has a target -> warning",
                state(
                    cluster("prod", List.of("stable/rolling"), "17.3.0"),
                    channel("stable/rolling", "none"))),
            1),
        Arguments.of(
            Named.named(
                "a channel nobody follows -> no finding",
                state(cluster("prod", List.of(), "17.3.0"), channel("stable/rolling", "17.2.1"))),
            0),
        Arguments.of(
            Named.named(
                "a followed channel the revision lacks -> not this rule's business",
                state(
                    cluster("prod", List.of("beta"), "17.3.0"),
                    channel("stable/rolling", "17.2.1"))),
            0),
        Arguments.of(
            Named.named(
                "no autoupdate_version -> nothing to compare",
                state(
                    cluster("prod", List.of("stable/rolling"), null),
                    channel("stable/rolling", "17.2.1"))),
            0),
        Arguments.of(
            Named.named(
                "an unparseable channel version is reported by other rules",
                state(
                    cluster("prod", List.of("stable/rolling"), "17.3.0"),
                    channel("stable/rolling", "17.x"))),
            0),
        Arguments.of(
            Named.named(
                "two followed channels, one off -> one warning",
                state(
                    cluster("prod", List.of("a", "b"), "17.3.0"),
                    channel("a", "17.3.0"),
                    channel("b", "17.2.0"))),
            1));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void targetMismatch(DesiredState state, int expected) {
    Findings findings = ChannelConsistency.check(state);
    assertThat(findings.size()).isEqualTo(expected);
    assertThat(findings.stream())
        .allSatisfy(
            f -> {
              assertThat(f.rule()).isEqualTo("channel/target-mismatch");
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
            });
  }

  @Test
  void theWarningNamesChannelClusterBothVersionsAndTheChannelFile() {
    Finding f =
        ChannelConsistency.check(
                state(
                    cluster("prod", List.of("stable/rolling"), "17.3.0"),
                    channel("stable/rolling", "17.2.1")))
            .items()
            .get(0);
    assertThat(f.toString())
        .isEqualTo(
            "channels/stable/rolling/version: warning [channel/target-mismatch] "
                + "channel \"stable/rolling\" advertises 17.2.1 but cluster \"prod\", which follows it, targets 17.3.0 "
                + "in autoupdate_version spec.agents.target_version");
    assertThat(
            ChannelConsistency.mismatches(
                state(
                    cluster("prod", List.of("stable/rolling"), "17.3.0"),
                    channel("stable/rolling", "17.2.1"))))
        .containsExactly(
            new ChannelConsistency.Mismatch(
                "prod",
                "stable/rolling",
                "17.2.1",
                "17.3.0",
                SourceLocation.ofFile("channels/stable/rolling/version")));
  }

  @Test
  void theRuleIsAWarningWithAStableId() {
    assertThat(ChannelConsistency.ALL)
        .extracting(Rule::id)
        .containsExactly("channel/target-mismatch");
    assertThat(ChannelConsistency.TARGET_MISMATCH.severity()).isEqualTo(Severity.WARNING);
  }
}
