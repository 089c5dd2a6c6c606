package dev.lockstep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.model.Version;
import dev.lockstep.parse.MemoryTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which findings block which cluster and channel: one team's mistake blocks only its own cluster
 * and the channels it breaks; a repository-wide file blocks everyone. The sample repository has
 * prod (following stable/rolling) and staging (following stable/edge).
 */
class RevisionCheckTest {

  /** The sample repository in memory, with {@code edits} (path, text) applied. */
  static MemoryTree sample(String... edits) throws IOException {
    MemoryTree tree = MemoryTree.of();
    Path root = Path.of("sample-repo");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        tree.put(root.relativize(f).toString(), Files.readString(f));
      }
    }
    for (int i = 0; i < edits.length; i += 2) {
      tree.put(edits[i], edits[i + 1]);
    }
    return tree;
  }

  static String staging(String from, String to) throws IOException {
    String path = "sample-repo/clusters/staging/autoupdate_version.yaml";
    return Files.readString(Path.of(path)).replace(from, to);
  }

  /**
   * @param tree the revision
   * @param authVersion {@code --auth-version}, if given
   * @param blocked the clusters whose scope holds an error
   * @param dirty the channels that are not clean
   */
  record Case(
      MemoryTree tree, Optional<String> authVersion, Set<String> blocked, Set<String> dirty) {
    RevisionCheck check() {
      return new RevisionCheck(
          new CheckOptions(authVersion.flatMap(Version::tryParse), List.of(), Optional.empty()));
    }
  }

  static Stream<Arguments> cases() throws IOException {
    return Stream.of(
        Arguments.of(
            named(
                "a clean revision blocks nothing",
                new Case(sample(), Optional.empty(), Set.of(), Set.of()))),
        Arguments.of(
            named(
                "an error in staging's own file blocks staging only",
                new Case(
                    sample(
                        "clusters/staging/autoupdate_version.yaml",
                        staging("mode: enabled", "mode: paused")),
                    Optional.empty(),
                    Set.of("staging"),
                    Set.of()))),
        Arguments.of(
            named(
                "--auth-version 17.5.2 is below staging's 17.5.3 only",
                new Case(
                    sample(), Optional.of("17.5.2"), Set.of("staging"), Set.of("stable/edge")))),
        Arguments.of(
            named(
                "a broken channel blocks it and the cluster following it",
                new Case(
                    sample("channels/stable/edge/version", "seventeen\n"),
                    Optional.empty(),
                    Set.of("staging"),
                    Set.of("stable/edge")))),
        Arguments.of(
            named(
                "a policy that does not load is repository-wide: it blocks everyone",
                new Case(
                    sample(
                        "policies/broken.yaml",
                        "kind: lockstep_policy\nmetadata:\n  name: broken\nspec:\n  rules:\n"
                            + "    - name: x\n      expression: object.spec +\n      message: m\n"),
                    Optional.empty(),
                    Set.of("prod", "staging"),
                    Set.of("stable/edge", "stable/rolling")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdictPerClusterAndChannel(Case c) throws LiveVersions.Unreachable {
    CheckResult all =
        c.check().check(c.tree(), "", Optional.empty(), ClusterSelection.all(), LiveVersions.NONE);

    assertThat(
            all.clusters().values().stream().filter(v -> !v.clean()).map(ClusterVerdict::cluster))
        .as(all.findings().toString())
        .containsExactlyInAnyOrderElementsOf(c.blocked());
    assertThat(all.channels().keySet().stream().filter(n -> !all.cleanChannels().contains(n)))
        .as(all.findings().toString())
        .containsExactlyInAnyOrderElementsOf(c.dirty());
    assertThat(all.blocked()).as("the whole revision").isEqualTo(all.findings().hasErrors());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneClusterIsDecidedByItsScopeAndCountsTheOthers(Case c) throws LiveVersions.Unreachable {
    RevisionCheck check = c.check();
    for (String cluster : List.of("prod", "staging")) {
      CheckResult one =
          check.check(
              c.tree(),
              "",
              Optional.empty(),
              ClusterSelection.one(Optional.of(cluster), "repo", "--cluster NAME"),
              LiveVersions.NONE);

      assertThat(one.blocked()).as(cluster).isEqualTo(c.blocked().contains(cluster));
      assertThat(one.scope().size() + one.elsewhere().size()).isEqualTo(one.findings().size());
      assertThat(one.elsewhereLine())
          .isEqualTo(
              one.elsewhere().size() == 0
                  ? Optional.empty()
                  : Optional.of(one.elsewhere().size() + " finding(s) in other clusters"));
    }
  }

  @org.junit.jupiter.api.Test
  void anotherClustersErrorIsCountedNotListed() throws Exception {
    CheckResult prod =
        new RevisionCheck(CheckOptions.NONE)
            .check(
                sample(
                    "clusters/staging/autoupdate_version.yaml",
                    staging("mode: enabled", "mode: paused")),
                "",
                Optional.empty(),
                ClusterSelection.one(Optional.of("prod"), "repo", "--cluster NAME"),
                LiveVersions.NONE);

    assertThat(prod.blocked()).isFalse();
    assertThat(prod.scope().stream().map(Object::toString))
        .noneMatch(f -> f.contains("clusters/staging/"));
    assertThat(prod.elsewhere().stream().map(Object::toString))
        .anyMatch(
            f -> f.contains("clusters/staging/autoupdate_version.yaml") && f.contains("error"));
    assertThat(prod.elsewhereLine())
        .hasValueSatisfying(l -> assertThat(l).endsWith("finding(s) in other clusters"));
  }
}
