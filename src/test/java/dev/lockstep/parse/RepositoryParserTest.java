package dev.lockstep.parse;

import static dev.lockstep.parse.ParseRulesTest.CLUSTER;
import static dev.lockstep.parse.ParseRulesTest.CONFIG;
import static dev.lockstep.parse.ParseRulesTest.VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.finding.Finding;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Repository layouts, naming, positions and the values documents become. */
class RepositoryParserTest {

  private final RepositoryParser parser = new RepositoryParser();

  private static String names(DesiredState state) {
    return String.join(
        ",",
        state.clusters().stream()
            .map(
                c ->
                    c.name()
                        + "@"
                        + c.folder()
                        + ":"
                        + c.resources().stream().map(r -> r.kind().kind()).toList()
                        + (c.descriptor() == null ? "" : "+cluster"))
            .toList());
  }

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of(
            named(
                "clusters/ folders, named by cluster.yaml or by folder",
                MemoryTree.of(
                    "clusters/prod-eu/cluster.yaml",
                    CLUSTER,
                    "clusters/prod-eu/resources.yaml",
                    VERSION + "---\n" + CONFIG,
                    "clusters/staging/nested/config.yml",
                    CONFIG,
                    "clusters/README.md",
                    "# clusters")),
            "prod@clusters/prod-eu:[autoupdate_config, autoupdate_version]+cluster,"
                + "staging@clusters/staging:[autoupdate_config]"),
        Arguments.of(
            named(
                "one cluster at the root, YAML in any folder but channels/policies/status/hidden",
                MemoryTree.of(
                    "config.yaml",
                    CONFIG,
                    "teleport/version.yaml",
                    VERSION,
                    "status/prod.yaml",
                    CONFIG,
                    ".github/ci.yaml",
                    "on: push",
                    "policies/p.yaml",
                    "kind: lockstep_policy\n",
                    "channels/stable/version",
                    "17.2.1")),
            "default@:[autoupdate_config, autoupdate_version]"),
        Arguments.of(
            named(
                "one cluster at the root named by its cluster.yaml",
                MemoryTree.of("config.yaml", CONFIG, "cluster.yaml", CLUSTER)),
            "prod@:[autoupdate_config]+cluster"),
        Arguments.of(
            named(
                "a tree of one YAML file is the cluster \"default\"",
                MemoryTree.of("autoupdate_version.yaml", VERSION)),
            "default@:[autoupdate_version]"),
        Arguments.of(
            named(
                "channels only: no cluster at all",
                MemoryTree.of("channels/stable/cloud/version", "17.2.1", "README.md", "# x")),
            ""),
        Arguments.of(
            named(
                "a cluster folder with no resources still is a cluster",
                MemoryTree.of("clusters/empty/cluster.yaml", "kind: lockstep_cluster\n")),
            "empty@clusters/empty:[]+cluster"));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void readsTheRepositoryLayout(MemoryTree tree, String expected) {
    ParseResult result = parser.parse(tree);
    assertThat(result.findings().items()).isEmpty();
    assertThat(names(result.state())).isEqualTo(expected);
  }

  @Test
  void channelsKeepSlashesInTheirNamesAndTrimmedContents() {
    DesiredState state =
        parser
            .parse(
                MemoryTree.of(
                    "channels/stable/rolling/version", "\n  v17.2.1 \n",
                    "channels/stable/rolling/critical", "yes\n",
                    "channels/stable/cloud/v15/critical", "no",
                    "channels/edge/version", ""))
            .state();
    assertThat(state.channels())
        .extracting(Channel::name)
        .containsExactly("edge", "stable/cloud/v15", "stable/rolling");
    Channel rolling = state.channel("stable/rolling").orElseThrow();
    assertThat(rolling.version()).isEqualTo("v17.2.1");
    assertThat(rolling.versionLocation())
        .isEqualTo(new SourceLocation("channels/stable/rolling/version", 2, 3));
    assertThat(rolling.critical()).isEqualTo("yes");
    assertThat(rolling.isCritical()).isTrue();
    Channel v15 = state.channel("stable/cloud/v15").orElseThrow();
    assertThat(v15.version()).isNull();
    assertThat(v15.versionLocation()).isNull();
    assertThat(state.channel("edge").orElseThrow().version()).isEmpty();
  }

  @Test
  void anUnreadableChannelFileKeepsItsLocationButNoValue() {
    ParseResult result =
        parser.parse(MemoryTree.of("channels/stable/version", ParseRulesTest.bytes("1", 0xC3)));
    Channel c = result.state().channel("stable").orElseThrow();
    assertThat(c.version()).isNull();
    assertThat(c.versionLocation()).isEqualTo(new SourceLocation("channels/stable/version", 1, 1));
    assertThat(result.findings().items())
        .extracting(Finding::rule)
        .containsExactly("parse/encoding");
  }

  @Test
  void policiesBecomeResourcesWithPositionsAndNoSchemaCheck() {
    DesiredState state =
        parser
            .parse(
                MemoryTree.of(
                    "config.yaml",
                    CONFIG,
                    "policies/team.yaml",
                    """
            kind: lockstep_policy
            metadata:
              name: team-rules
            spec:
              anything: [goes, {here: 1}]
            ---
            kind: lockstep_policy
            spec: {}
            """))
            .state();
    assertThat(state.policies())
        .extracting(Resource::kind)
        .containsOnly(ResourceKind.LOCKSTEP_POLICY);
    assertThat(state.policies()).extracting(Resource::name).containsExactly("team-rules", "team");
    Resource first = state.policies().get(0);
    assertThat(first.wellFormed()).isTrue();
    assertThat(first.locate("spec.anything[1].here"))
        .isEqualTo(new SourceLocation("policies/team.yaml", 5, 21));
    assertThat(state.policies().get(1).origin())
        .isEqualTo(new SourceLocation("policies/team.yaml", 7, 1));
  }

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of(
            named(
                "missing metadata.name -> singleton name (tctl defaulting, teleport-semantics §1)",
                "kind: autoupdate_config\nspec: {}\n"),
            ResourceKind.AUTOUPDATE_CONFIG,
            "autoupdate-config"),
        Arguments.of(
            named(
                "empty metadata.name -> singleton name",
                "kind: autoupdate_version\nmetadata: {name: \"\"}\nspec: {}\n"),
            ResourceKind.AUTOUPDATE_VERSION,
            "autoupdate-version"),
        Arguments.of(
            named(
                "a wrong name is kept as written for the validator",
                "kind: autoupdate_config\nmetadata: {name: my-config}\nspec: {}\n"),
            ResourceKind.AUTOUPDATE_CONFIG,
            "my-config"),
        Arguments.of(
            named(
                "cluster-maintenance-config as kind -> cluster_maintenance_config (teleport-semantics §1)",
                "kind: cluster-maintenance-config\nspec: {}\n"),
            ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
            "cluster-maintenance-config"),
        Arguments.of(
            named(
                "cluster_maintenance_config as name -> cluster-maintenance-config (teleport-semantics §1)",
                "kind: cluster_maintenance_config\nmetadata: {name: cluster_maintenance_config}\nspec: {}\n"),
            ResourceKind.CLUSTER_MAINTENANCE_CONFIG,
            "cluster-maintenance-config"),
        Arguments.of(
            named(
                "lockstep_cluster without a name -> the cluster folder's name",
                "kind: lockstep_cluster\nspec: {}\n"),
            ResourceKind.LOCKSTEP_CLUSTER,
            "prod"));
  }

  @ParameterizedTest
  @MethodSource("names")
  void namesResourcesAsTeleportWould(String yaml, ResourceKind kind, String name) {
    ParseResult result = parser.parse(MemoryTree.of("clusters/prod/r.yaml", yaml));
    assertThat(result.findings().items()).isEmpty();
    ClusterSource cluster = result.state().cluster("prod").orElseThrow();
    Resource r =
        kind == ResourceKind.LOCKSTEP_CLUSTER
            ? cluster.descriptor()
            : cluster.find(kind).orElseThrow();
    assertThat(r.name()).isEqualTo(name);
    assertThat(r.kind()).isEqualTo(kind);
  }

  @Test
  void keepsPositionsOfKeysAndListItemsAcrossDocuments() {
    ParseResult result =
        parser.parse(
            MemoryTree.of(
                "clusters/prod/all.yaml", "# two documents\n" + VERSION + "---\n" + CONFIG));
    ClusterSource prod = result.state().cluster("prod").orElseThrow();
    Resource version = prod.find(ResourceKind.AUTOUPDATE_VERSION).orElseThrow();
    Resource config = prod.find(ResourceKind.AUTOUPDATE_CONFIG).orElseThrow();
    String f = "clusters/prod/all.yaml";
    assertThat(version.origin()).isEqualTo(new SourceLocation(f, 2, 1));
    assertThat(version.locate("spec.agents.target_version")).isEqualTo(new SourceLocation(f, 9, 5));
    assertThat(config.origin()).isEqualTo(new SourceLocation(f, 13, 1));
    // a list item stands where its value starts: the group's first key, after the "- "
    assertThat(config.locate("spec.agents.schedules.regular[1]"))
        .isEqualTo(new SourceLocation(f, 26, 11));
    assertThat(config.locate("spec.agents.schedules.regular[1].days"))
        .isEqualTo(new SourceLocation(f, 27, 11));
    assertThat(config.locate("spec.agents.schedules.regular[1].days[0]"))
        .isEqualTo(new SourceLocation(f, 27, 18));
    assertThat(config.locate("spec.agents.schedules.regular[0].start_hour"))
        .isEqualTo(new SourceLocation(f, 25, 11));
    // an absent field locates at its nearest present parent
    assertThat(config.locate("spec.agents.schedules.regular[0].canary_count"))
        .isEqualTo(new SourceLocation(f, 23, 11));
    assertThat(config.locate("spec.tools.mode")).isEqualTo(new SourceLocation(f, 17, 1));
  }

  @Test
  void documentsBecomeFrozenPlainValues() {
    ParseResult result =
        parser.parse(
            MemoryTree.of(
                "policies/p.yaml",
                """
        kind: lockstep_policy
        spec:
          int: 42
          hex: 0x1F
          quoted: "42"
          float: 17.2
          bool: true
          empty:
          tilde: ~
          text: hello
          list: [1, two, {three: 3}]
        """));
    Resource p = result.state().policies().get(0);
    Map<String, Object> spec = p.spec();
    assertThat(spec.get("int")).isEqualTo(42L);
    assertThat(spec.get("hex")).isEqualTo(31L);
    assertThat(spec.get("quoted")).isEqualTo("42");
    assertThat(spec.get("float")).isEqualTo(17.2);
    assertThat(spec.get("bool")).isEqualTo(true);
    assertThat(spec).containsEntry("empty", null).containsEntry("tilde", null);
    assertThat(spec.get("text")).isEqualTo("hello");
    assertThat(spec.get("list")).isEqualTo(List.of(1L, "two", Map.of("three", 3L)));
    assertThat(spec.keySet())
        .containsExactly("int", "hex", "quoted", "float", "bool", "empty", "tilde", "text", "list");
    assertThatThrownBy(() -> spec.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) spec.get("list");
    assertThatThrownBy(() -> list.add(1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aResourceWithAShapeErrorIsNotWellFormedButStillRead() {
    ParseResult result =
        parser.parse(
            MemoryTree.of(
                "clusters/a/c.yaml", CONFIG.replace("start_hour: 4", "start_hour: [4]"),
                "clusters/b/c.yaml", CONFIG.replace("start_hour: 4", "start_hours: 4")));
    Resource bad =
        result
            .state()
            .cluster("a")
            .orElseThrow()
            .find(ResourceKind.AUTOUPDATE_CONFIG)
            .orElseThrow();
    Resource typo =
        result
            .state()
            .cluster("b")
            .orElseThrow()
            .find(ResourceKind.AUTOUPDATE_CONFIG)
            .orElseThrow();
    assertThat(bad.wellFormed()).isFalse();
    assertThat(bad.at("spec.agents.schedules.regular[0].start_hour")).contains(List.of(4L));
    // an unknown field is an error finding, but the typed view is still right: spec rules run
    assertThat(typo.wellFormed()).isTrue();
    assertThat(typo.at("spec.agents.schedules.regular[0].start_hours")).contains(4L);
    assertThat(result.findings().stream().filter(f -> f.rule().equals("schema/unknown-field")))
        .hasSize(1);
  }

  @Test
  void documentsBeforeASyntaxErrorAreKept() {
    ParseResult result =
        parser.parse(MemoryTree.of("c.yaml", VERSION + "---\nkind: autoupdate_config\nspec: [\n"));
    assertThat(
            result.state().cluster("default").orElseThrow().find(ResourceKind.AUTOUPDATE_VERSION))
        .isPresent();
    assertThat(result.findings().items())
        .extracting(Finding::rule)
        .containsExactly("parse/invalid-yaml");
  }

  @Test
  void parsePathNamesFilesAsTheUserGaveThePath(@TempDir Path dir) throws IOException {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("clusters/prod"));
    Files.createDirectories(repo.resolve("channels/stable/rolling"));
    Files.writeString(
        repo.resolve("clusters/prod/config.yaml"),
        CONFIG.replace("start_hour: 4", "start_hours: 4"));
    Files.writeString(repo.resolve("channels/stable/rolling/version"), "17.2.1\n");

    ParseResult result = parser.parsePath(repo);
    String shown = repo.toString().replace('\\', '/');
    assertThat(result.findings().items())
        .extracting(f -> f.location().file())
        .containsExactly(shown + "/clusters/prod/config.yaml");
    assertThat(result.state().cluster("prod").orElseThrow().folder()).isEqualTo("clusters/prod");
    assertThat(result.state().channel("stable/rolling").orElseThrow().versionLocation().file())
        .isEqualTo(shown + "/channels/stable/rolling/version");
  }

  @Test
  void parsePathOfOneFileIsOneClusterWhateverItsName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("clusters/prod/my-resources.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, CLUSTER + "---\n" + VERSION);
    ParseResult result = parser.parsePath(file);
    assertThat(result.findings().items()).isEmpty();
    assertThat(names(result.state())).isEqualTo("prod@:[autoupdate_version]+cluster");
    assertThat(result.state().clusters().get(0).descriptor().file())
        .isEqualTo(file.toString().replace('\\', '/'));

    Files.writeString(file, VERSION);
    assertThat(names(parser.parsePath(file).state())).isEqualTo("default@:[autoupdate_version]");
  }

  @Test
  void parsePathOfAChannelFileIsThatChannel(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("channels/stable/rolling/version");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "17.2.1");
    DesiredState state = parser.parsePath(file).state();
    assertThat(state.clusters()).isEmpty();
    assertThat(state.channel("stable/rolling").orElseThrow().version()).isEqualTo("17.2.1");

    Path outside = dir.resolve("edge/critical");
    Files.createDirectories(outside.getParent());
    Files.writeString(outside, "yes");
    assertThat(parser.parsePath(outside).state().channel("edge").orElseThrow().isCritical())
        .isTrue();
  }

  @Test
  void parsePathOfAMissingPathIsAFinding(@TempDir Path dir) {
    ParseResult result = parser.parsePath(dir.resolve("nope"));
    assertThat(result.findings().items())
        .extracting(Finding::rule)
        .containsExactly(ParseRules.UNREADABLE.id());
    assertThat(result.state().clusters()).isEmpty();
  }

  @Test
  void clustersDefaultsIsTheRepositoryDefaultsNotACluster() {
    ParseResult r =
        parser.parse(
            MemoryTree.of(
                "clusters/prod/cluster.yaml",
                CLUSTER,
                "clusters/_defaults/cluster.yaml",
                "kind: lockstep_cluster\n"
                    + "spec:\n"
                    + "  bump:\n"
                    + "    minimum_release_age: {patch: 1d, minr: 2d}\n"
                    + "    promote_from: staging\n",
                "clusters/_defaults/extra.yaml",
                VERSION));

    assertThat(names(r.state())).isEqualTo("prod@clusters/prod:[]+cluster");
    Resource defaults = r.state().clusterDefaults().orElseThrow();
    assertThat(defaults.file()).isEqualTo("clusters/_defaults/cluster.yaml");
    assertThat(defaults.at("spec.bump.promote_from")).contains("staging");
    assertThat(r.findings().stream().map(Finding::toString))
        .containsExactly(
            "clusters/_defaults/cluster.yaml:4:38: error [schema/unknown-field] unknown field"
                + " \"minr\" in spec.bump.minimum_release_age; did you mean \"minor\"?",
            "clusters/_defaults/extra.yaml:1:7: warning [layout/unexpected-file] clusters/_defaults/"
                + " holds only the repository defaults (a lockstep_cluster document), not"
                + " autoupdate_version; this one is ignored");
  }

  @Test
  void aRepositoryWithoutDefaultsHasNone() {
    assertThat(
            parser
                .parse(MemoryTree.of("clusters/prod/cluster.yaml", CLUSTER))
                .state()
                .clusterDefaults())
        .isEmpty();
  }
}
