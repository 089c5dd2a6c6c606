package dev.lockstep.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.lockstep.finding.Finding;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which repository a folder on the command line belongs to, how its files are named, and what a
 * cluster folder reports ({@link PathScope}, {@link ShownPaths}, {@link
 * RepositoryParser#parsePath(LocalPath)}).
 */
class PathScopeTest {
  @TempDir Path root;
  Path repo;

  static final String CLUSTER =
      "kind: lockstep_cluster\nmetadata:\n  name: %s\nspec:\n  auth_version: 17.5.2\n"
          + "  channels: [%s]\n";
  static final String VERSION =
      "kind: autoupdate_version\nversion: v1\nmetadata:\n  name: autoupdate-version\nspec:\n"
          + "  agents:\n    start_version: 17.5.2\n    target_version: %s\n    schedule: regular\n"
          + "    mode: enabled\n";

  @BeforeEach
  void twoClustersTwoChannels() throws IOException {
    repo = root.resolve("repo");
    write("clusters/prod/cluster.yaml", CLUSTER.formatted("prod", "stable"));
    write("clusters/prod/autoupdate_version.yaml", VERSION.formatted("17.5.2"));
    // staging is broken: a validate of prod alone must not report it
    write("clusters/staging/cluster.yaml", CLUSTER.formatted("staging", "edge"));
    write("clusters/staging/autoupdate_version.yaml", "kind: [\n");
    write("channels/stable/version", "17.5.2\n");
    write("channels/stable/critical", "no\n");
    // edge is broken too, and prod does not follow it
    write("channels/edge/version", "seventeen\n");
    write("channels/edge/critical", "no\n");
  }

  void write(String path, String content) throws IOException {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  static Stream<Arguments> names() {
    return Stream.of(
        arguments(
            named("prefix: every file after it", ShownPaths.prefix("sample-repo/")),
            "clusters/prod/a.yaml",
            "sample-repo/clusters/prod/a.yaml"),
        arguments(
            named("no prefix", ShownPaths.prefix("")),
            "clusters/prod/a.yaml",
            "clusters/prod/a.yaml"),
        arguments(
            named(
                "inside the folder named: from there",
                new ShownPaths("clusters/prod", "", "../../")),
            "clusters/prod/a.yaml",
            "a.yaml"),
        arguments(
            named("outside it: the way up", new ShownPaths("clusters/prod", "", "../../")),
            "channels/stable/version",
            "../../channels/stable/version"),
        arguments(
            named("outside, folded", new ShownPaths("clusters/prod", "r/clusters/prod/", "r/")),
            "channels/stable/version",
            "r/channels/stable/version"),
        arguments(
            named("outside, absolute", new ShownPaths("clusters/prod", "link/", "/srv/repo/")),
            "policies/p.yaml",
            "/srv/repo/policies/p.yaml"));
  }

  @ParameterizedTest
  @MethodSource("names")
  void aNameMapsBackToItsFile(ShownPaths names, String relative, String shown) {
    assertThat(names.shown(relative)).isEqualTo(shown);
    assertThat(names.relative(shown)).contains(relative);
  }

  @Test
  void namesThatClimbOutAreNotFilesOfTheTree() {
    ShownPaths names = ShownPaths.prefix("");
    assertThat(names.relative("../secret.yaml")).isEmpty();
    assertThat(names.relative("clusters/../../secret.yaml")).isEmpty();
    assertThat(names.relative("/etc/passwd")).isEmpty();
    assertThat(new ShownPaths("clusters/prod", "", "../../").relative("../../../x")).isEmpty();
  }

  @Test
  void aClusterFolderReportsOnlyItsClusterAndTheChannelsItFollows() {
    ParseResult r = parse("repo/clusters/prod");

    assertThat(r.state().clusters()).extracting(ClusterSource::name).containsExactly("prod");
    assertThat(r.state().channels()).extracting(Channel::name).containsExactly("stable");
    assertThat(r.findings().items()).as("staging's broken YAML is not prod's").isEmpty();
    assertThat(r.state().channel("stable").orElseThrow().versionLocation().file())
        .isEqualTo("repo/channels/stable/version");
  }

  @Test
  void theWholeRepositoryStillReportsEverything() {
    ParseResult r = parse("repo");

    assertThat(r.state().clusters()).hasSize(2);
    assertThat(r.findings().items())
        .extracting(f -> f.location().file())
        .contains("repo/clusters/staging/autoupdate_version.yaml");
  }

  @Test
  void theClusterFolderOfABrokenClusterReportsItsOwnFindings() {
    ParseResult r = parse("repo/clusters/staging");

    assertThat(r.findings().items())
        .extracting(Finding::rule)
        .contains(ParseRules.INVALID_YAML.id());
    assertThat(r.findings().items())
        .extracting(f -> f.location().file())
        .containsOnly("repo/clusters/staging/autoupdate_version.yaml");
    assertThat(r.state().channels()).extracting(Channel::name).containsExactly("edge");
  }

  @Test
  void withoutChannelsOrPoliciesAClusterFolderIsReadAlone() throws IOException {
    Path bare = root.resolve("bare/clusters/prod");
    Files.createDirectories(bare);
    Files.writeString(bare.resolve("v.yaml"), VERSION.formatted("17.5.2"));

    PathScope scope = PathScope.of(LocalPath.of(root, "bare/clusters/prod"));

    assertThat(scope.isWholeRepository()).isTrue();
    assertThat(scope.root()).isEqualTo(bare.toRealPath());
  }

  @Test
  void aFolderWithItsOwnGitRepositoryIsNotPartOfTheOneAroundIt() throws IOException {
    Path own = repo.resolve("clusters/own");
    Files.createDirectories(own.resolve(".git"));
    Files.writeString(own.resolve("v.yaml"), VERSION.formatted("17.5.2"));

    assertThat(PathScope.of(LocalPath.of(root, "repo/clusters/own")).isWholeRepository()).isTrue();
  }

  @Test
  void aLinkToAClusterFolderNamesTheOtherFilesByTheirRealPath() throws IOException {
    Files.createSymbolicLink(root.resolve("prod"), repo.resolve("clusters/prod"));

    PathScope scope = PathScope.of(LocalPath.of(root, "prod"));

    assertThat(scope.names().shown("clusters/prod/cluster.yaml")).isEqualTo("prod/cluster.yaml");
    assertThat(scope.names().shown("channels/stable/version"))
        .isEqualTo(repo.toRealPath() + "/channels/stable/version");
  }

  @Test
  void theWorkingDirectoryIsTheOneGiven() {
    LocalPath dot = LocalPath.of(repo.resolve("clusters/prod"), ".");

    assertThat(dot.shown()).isEmpty();
    assertThat(dot.toString()).isEqualTo(".");
    ParseResult r = new RepositoryParser().parsePath(dot);
    assertThat(r.state().cluster("prod").map(c -> c.descriptor().file()))
        .isEqualTo(Optional.of("cluster.yaml"));
    assertThat(r.state().channel("stable").orElseThrow().versionLocation().file())
        .isEqualTo("../../channels/stable/version");
  }

  ParseResult parse(String path) {
    return new RepositoryParser().parsePath(LocalPath.of(root, path));
  }

  @Test
  void aFileOfAClusterStandsForItsCluster() {
    ParseResult r = parse("repo/clusters/prod/cluster.yaml");

    assertThat(r.state().clusters()).extracting(ClusterSource::name).containsExactly("prod");
    assertThat(r.state().channels()).extracting(Channel::name).containsExactly("stable");
    assertThat(r.findings().items()).isEmpty();
  }

  @Test
  void aChannelFolderReportsItsChannelsAndNoCluster() {
    ParseResult r = parse("repo/channels/edge");

    assertThat(r.state().clusters()).isEmpty();
    assertThat(r.state().channels()).extracting(Channel::name).containsExactly("edge");
    assertThat(parse("repo/channels/stable/version").state().channels())
        .extracting(Channel::name)
        .containsExactly("stable");
  }

  @Test
  void aFolderNamedChannelsOutsideARepositoryIsReadAlone() throws IOException {
    // e.g. a home folder that happens to hold channels/: never read whole
    Path home = root.resolve("home");
    Files.createDirectories(home.resolve("channels/stable"));
    Files.writeString(home.resolve("channels/stable/version"), "17.5.2\n");
    Files.writeString(home.resolve("notes.yaml"), "kind: [\n");

    PathScope scope = PathScope.of(LocalPath.of(root, "home/channels/stable"));

    assertThat(scope.isWholeRepository()).isTrue();
    assertThat(scope.root()).isEqualTo(home.resolve("channels/stable").toRealPath());
  }
}
