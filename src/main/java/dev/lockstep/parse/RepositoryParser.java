package dev.lockstep.parse;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.Frozen;
import dev.lockstep.model.Quoting;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads one revision of a GitOps repository (README, "What Lockstep reads") into a {@link
 * DesiredState}. Never throws for bad input: every problem is a finding with a file and, where the
 * input has one, a line, column and field path.
 *
 * <p>Layout: with a {@code clusters/} folder, each {@code clusters/<cluster>/} holds one cluster's
 * YAML files ({@code *.yaml}, {@code *.yml}, multi-document, nested folders included); the cluster
 * is named by the {@code metadata.name} of its {@code lockstep_cluster} document, else by its
 * folder. Without one, the whole repository (outside {@code channels/}, {@code policies/}, {@code
 * status/} and hidden folders) is one cluster named by its {@code lockstep_cluster} document, else
 * {@code default}. {@code channels/<channel path>/version} and {@code .../critical} are release
 * channels; {@code policies/*.yaml} holds {@code lockstep_policy} documents. A tree of one YAML
 * file at its root is therefore one cluster, {@code default} unless the file names it.
 *
 * <p>Resources keep their documents as written (frozen plain values) and their positions; their
 * {@link Resource#kind()} and {@link Resource#name()} follow Teleport's defaulting: an empty {@code
 * metadata.name} of a singleton becomes the singleton name, and {@code
 * cluster_maintenance_config}'s kind and name mix-ups are normalised (teleport-semantics §1).
 *
 * <p>Findings: every {@code parse/*}, {@code schema/*} and {@code layout/*} rule of {@link
 * ParseRules}. Does not check Teleport's value rules (the validator does) and never writes
 * anything.
 */
public final class RepositoryParser {
  private static final String CLUSTERS = "clusters/";
  private static final String CHANNELS = "channels/";
  private static final String POLICIES = "policies/";
  private static final String STATUS = "status/";
  private static final String DEFAULT_CLUSTER = "default";

  /**
   * The folder under {@code clusters/} that holds the repository defaults ({@code cluster.yaml}, a
   * {@code lockstep_cluster} whose {@code spec.bump} every cluster inherits), not a cluster.
   */
  public static final String DEFAULTS_FOLDER = "_defaults";

  /** Parses every file of the tree; paths in findings are the tree's paths. */
  public ParseResult parse(SourceTree tree) {
    return new Run(tree, ShownPaths.prefix(""), false).run();
  }

  /**
   * Parses the files under {@code folder} of the tree as a repository rooted there (for example the
   * {@code sample-repo/} folder of a Git revision); findings keep the tree's full paths.
   */
  public ParseResult parse(SourceTree tree, String folder) {
    String f = folder.replace('\\', '/').replaceAll("/+$", "");
    return new Run(tree, ShownPaths.prefix(f.isEmpty() || f.equals(".") ? "" : f + "/"), false)
        .run();
  }

  /**
   * Parses a path given relative to the process's working directory; see {@link
   * #parsePath(LocalPath)}.
   */
  public ParseResult parsePath(Path path) {
    return parsePath(LocalPath.of(Path.of(""), path.toString()));
  }

  /**
   * Parses a repository folder, a cluster folder or one file, naming files as the user wrote the
   * path ({@code sample-repo/clusters/prod/version.yaml} for {@code sample-repo}, {@code
   * clusters/prod/version.yaml} for {@code .}). A folder or file inside a repository's {@code
   * clusters/} or {@code channels/} is read with its repository and reports only its clusters or
   * channels ({@link PathScope}). Any other single file is one cluster whatever its name or
   * extension, except a file named {@code version} or {@code critical}, which is a channel file. A
   * path that does not exist is a {@code parse/unreadable} finding.
   */
  public ParseResult parsePath(LocalPath path) {
    String shown = path.toString();
    if (!path.isDirectory() && !Files.isRegularFile(path.location())) {
      return unreadable(shown, "no such file or folder: " + shown);
    }
    PathScope scope;
    try {
      scope = PathScope.of(path);
    } catch (IOException | RuntimeException e) {
      return unreadable(shown, "cannot read " + shown + ": " + e.getMessage());
    }
    if (!path.isDirectory() && scope.isWholeRepository()) {
      return new Run(new SingleFileTree(path.location(), shown), ShownPaths.prefix(""), true).run();
    }
    SourceTree tree = new DirectoryTree(scope.root(), scope.names(), "working tree");
    return scope.restrict(new Run(tree, scope.names(), false).run());
  }

  private static ParseResult unreadable(String shown, String message) {
    return new ParseResult(
        new DesiredState("working tree", List.of(), List.of(), List.of()),
        Findings.of(Finding.of(ParseRules.UNREADABLE, message, SourceLocation.ofFile(shown), "")));
  }

  /**
   * True for a file of test cases beside the policies ({@code *_test.yaml}): read by {@code
   * lockstep policy test}, not as policy documents.
   */
  public static boolean isPolicyTestFile(String path) {
    return path.endsWith("_test.yaml") || path.endsWith("_test.yml");
  }

  static boolean isYaml(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static boolean isHidden(String relative) {
    return Arrays.stream(relative.split("/")).anyMatch(s -> s.startsWith("."));
  }

  /** A file as findings name it, and its path inside the repository. */
  private record Entry(String path, String relative) {}

  /** Where a YAML file's documents belong. */
  private enum Place {
    CLUSTER,
    POLICIES,
    DEFAULTS
  }

  /** A one-file tree for {@code validate FILE}; the path is shown as the user gave it. */
  private static final class SingleFileTree implements SourceTree {
    private final Path file;
    private final String display;

    SingleFileTree(Path file, String display) {
      this.file = file;
      this.display = display;
    }

    @Override
    public String revision() {
      return "working tree";
    }

    @Override
    public List<String> paths() {
      return List.of(display);
    }

    @Override
    public long size(String path) throws IOException {
      return Files.size(file);
    }

    @Override
    public byte[] read(String path) throws IOException {
      return Files.readAllBytes(file);
    }
  }

  /**
   * One cluster being assembled; kinds are singletons, so a second document of a kind is reported.
   */
  private static final class ClusterBuilder {
    final String folder;
    final String defaultName;
    Resource descriptor;
    final Map<ResourceKind, Resource> byKind = new EnumMap<>(ResourceKind.class);

    ClusterBuilder(String folder, String defaultName) {
      this.folder = folder;
      this.defaultName = defaultName;
    }
  }

  /** One channel being assembled from its two files. */
  private static final class ChannelBuilder {
    String version;
    SourceLocation versionLocation;
    String critical;
    SourceLocation criticalLocation;
  }

  /** The state of one parse; not shared between calls, so the parser itself is thread-safe. */
  private static final class Run {
    private final SourceTree tree;
    private final ShownPaths names;
    private final boolean explicitFile;
    private final List<Finding> findings = new ArrayList<>();
    private final FindingSink sink = findings::add;
    private final Map<String, ClusterBuilder> clusters = new LinkedHashMap<>();
    private final Map<String, ChannelBuilder> channels = new LinkedHashMap<>();
    private final List<Resource> policies = new ArrayList<>();
    private final java.util.Set<String> channelFolders = new java.util.HashSet<>();
    private final ClusterBuilder defaults =
        new ClusterBuilder(CLUSTERS + DEFAULTS_FOLDER, DEFAULTS_FOLDER);

    Run(SourceTree tree, ShownPaths names, boolean explicitFile) {
      this.tree = tree;
      this.names = names;
      this.explicitFile = explicitFile;
    }

    ParseResult run() {
      List<String> paths;
      List<SourceTree.Special> specials;
      try {
        paths = tree.paths();
        specials = explicitFile ? List.of() : tree.specials();
      } catch (IOException | RuntimeException e) {
        String shown = names.shown("");
        findings.add(
            Finding.of(
                ParseRules.UNREADABLE,
                "could not list the files: " + e.getMessage(),
                SourceLocation.ofFile(shown),
                ""));
        return result();
      }
      List<Entry> entries = new ArrayList<>();
      for (String path : paths) {
        // one file named on the command line is read as written, even ../x.yaml or .hidden.yaml
        Optional<String> relative = explicitFile ? Optional.of(path) : names.relative(path);
        if (relative.isPresent() && (explicitFile || !isHidden(relative.get()))) {
          entries.add(new Entry(path, relative.get()));
        }
      }
      if (explicitFile) {
        entries.forEach(e -> readSingleFile(e.path(), e.relative()));
      } else {
        boolean multiCluster = entries.stream().anyMatch(e -> e.relative().startsWith(CLUSTERS));
        entries.forEach(e -> classify(e.path(), e.relative(), multiCluster));
        for (SourceTree.Special special : specials) {
          Optional<String> relative = names.relative(special.path());
          if (relative.isPresent()
              && !isHidden(relative.get())
              && !relative.get().startsWith(STATUS)) {
            reportSpecial(special, relative.get());
          }
        }
      }
      return result();
    }

    /**
     * A link, an empty folder or another non-file where Lockstep would read a file or a folder of
     * files: a {@code parse/not-a-file} finding naming it (and, for a link inside the repository,
     * what it names). Never reads or follows it. Anything else is skipped like any file Lockstep
     * does not read.
     */
    private void reportSpecial(SourceTree.Special special, String relative) {
      String name = fileName(relative);
      boolean channelFile =
          relative.startsWith(CHANNELS) && (name.equals("version") || name.equals("critical"));
      boolean inputName = channelFile || (isYaml(relative) && !isPolicyTestFile(relative));
      String what;
      switch (special.kind()) {
        case EMPTY_FOLDER -> {
          if (channelFile) {
            folderWhereChannelFileBelongs(special.path(), relative);
          }
          return;
        }
        case OTHER -> {
          if (!inputName) {
            return;
          }
          what =
              " is not a regular file (a pipe, a socket, a device or a Git submodule), so it is"
                  + " not read: replace it with a regular file";
        }
        default -> {
          // a link whose target is unknown (outside the tree) may be a folder of inputs unless its
          // name says it is some other file (README.md)
          boolean folder =
              special.insideTarget().isPresent() ? special.targetIsFolder() : name.indexOf('.') < 0;
          if (!inputName && !folder) {
            return;
          }
          what =
              special
                  .insideTarget()
                  .map(
                      t ->
                          " is a symbolic link to "
                              + (t.isEmpty() || t.equals(".")
                                  ? "the repository's root folder"
                                  : Quoting.path(t))
                              + "; Lockstep never follows links (one could lead out of the"
                              + " repository), so it is not read: replace the link with a copy of"
                              + (special.targetIsFolder() ? " the folder" : " the file"))
                  .orElse(
                      " is a symbolic link that points outside the repository; Lockstep never"
                          + " reads outside the repository, so it is not read: put the "
                          + (folder ? "folder" : "file")
                          + " itself in the repository");
        }
      }
      findings.add(
          Finding.of(
              ParseRules.NOT_A_FILE,
              Quoting.path(special.path()) + what,
              SourceLocation.ofFile(special.path()),
              ""));
      if (channelFile) {
        markUnreadable(special.path(), channelOf(relative), name);
      }
    }

    /** The channel of a {@code channels/<channel>/version} or {@code .../critical} path. */
    private static String channelOf(String relative) {
      return relative.substring(CHANNELS.length(), relative.lastIndexOf('/'));
    }

    /**
     * A channel file that exists but cannot be read: its finding is already reported, and the
     * channel must not also be reported as missing it.
     */
    private void markUnreadable(String path, String channel, String which) {
      ChannelBuilder builder = channels.computeIfAbsent(channel, c -> new ChannelBuilder());
      if (which.equals("version")) {
        builder.versionLocation = SourceLocation.ofFile(path);
      } else {
        builder.criticalLocation = SourceLocation.ofFile(path);
      }
    }

    /**
     * {@code channels/<channel>/version} (or {@code critical}) is a folder: one finding for the
     * folder, whatever it holds.
     */
    private void folderWhereChannelFileBelongs(String path, String relative) {
      if (!channelFolders.add(path)) {
        return;
      }
      String name = fileName(relative);
      findings.add(
          Finding.of(
              ParseRules.NOT_A_FILE,
              Quoting.path(path)
                  + " is a folder, but a channel's "
                  + name
                  + " must be a file holding "
                  + (name.equals("version")
                      ? "the version to advertise (for example 17.2.1, or none)"
                      : "yes or no")
                  + ": replace the folder with that file",
              SourceLocation.ofFile(path),
              ""));
      if (relative.lastIndexOf('/') > CHANNELS.length()) {
        markUnreadable(path, channelOf(relative), name);
      }
    }

    private void readSingleFile(String path, String relative) {
      String name = fileName(relative);
      if (name.equals("version") || name.equals("critical")) {
        // the channel is what follows a "channels" folder, else the file's own folder
        String[] parts = relative.split("/");
        int start = Math.max(0, parts.length - 2);
        for (int i = 0; i < parts.length - 1; i++) {
          if (parts[i].equals("channels")) {
            start = i + 1;
          }
        }
        String channel =
            start < parts.length - 1
                ? String.join("/", Arrays.copyOfRange(parts, start, parts.length - 1))
                : DEFAULT_CLUSTER;
        readChannelFile(path, channel, name);
        return;
      }
      readYaml(path, Place.CLUSTER, cluster("", DEFAULT_CLUSTER));
    }

    private void classify(String path, String relative, boolean multiCluster) {
      if (relative.startsWith(STATUS)) {
        return;
      }
      if (relative.startsWith(CHANNELS)) {
        String inChannels = relative.substring(CHANNELS.length());
        // a file inside channels/<channel>/version/ (or critical/): the folder stands where the
        // channel's file belongs
        String[] parts = inChannels.split("/");
        for (int i = 1; i < parts.length - 1; i++) {
          if (parts[i].equals("version") || parts[i].equals("critical")) {
            String folder = CHANNELS + String.join("/", Arrays.copyOfRange(parts, 0, i + 1));
            folderWhereChannelFileBelongs(names.shown(folder), folder);
            return;
          }
        }
        String name = fileName(inChannels);
        int slash = inChannels.lastIndexOf('/');
        if (name.equals("version") || name.equals("critical")) {
          if (slash <= 0) {
            findings.add(
                Finding.of(
                    ParseRules.LAYOUT,
                    "a channel file needs a channel folder: channels/<channel>/"
                        + name
                        + "; this file is ignored",
                    SourceLocation.ofFile(path),
                    ""));
          } else {
            readChannelFile(path, inChannels.substring(0, slash), name);
          }
        } else if (!name.toLowerCase(Locale.ROOT).endsWith(".md")) {
          findings.add(
              Finding.of(
                  ParseRules.LAYOUT,
                  "channel folders hold only \"version\" and \"critical\" files; this file is ignored",
                  SourceLocation.ofFile(path),
                  ""));
        }
        return;
      }
      if (relative.startsWith(POLICIES)) {
        // *_test.yaml beside the policies are test cases for `lockstep policy test`, not documents
        if (isYaml(relative) && !isPolicyTestFile(relative)) {
          readYaml(path, Place.POLICIES, null);
        }
        return;
      }
      if (!isYaml(relative)) {
        return;
      }
      if (!multiCluster) {
        readYaml(path, Place.CLUSTER, cluster("", DEFAULT_CLUSTER));
        return;
      }
      if (relative.startsWith(CLUSTERS)) {
        String inClusters = relative.substring(CLUSTERS.length());
        int slash = inClusters.indexOf('/');
        if (slash > 0) {
          String folderName = inClusters.substring(0, slash);
          if (folderName.equals(DEFAULTS_FOLDER)) {
            readYaml(path, Place.DEFAULTS, defaults);
            return;
          }
          readYaml(path, Place.CLUSTER, cluster(CLUSTERS + folderName, folderName));
          return;
        }
        findings.add(
            Finding.of(
                ParseRules.LAYOUT,
                "YAML files go in a cluster folder (clusters/<cluster>/); this file is not read",
                SourceLocation.ofFile(path),
                ""));
        return;
      }
      findings.add(
          Finding.of(
              ParseRules.LAYOUT,
              "this repository keeps clusters under clusters/; this file is outside it and is not read",
              SourceLocation.ofFile(path),
              ""));
    }

    private ClusterBuilder cluster(String folder, String defaultName) {
      return clusters.computeIfAbsent(folder, f -> new ClusterBuilder(f, defaultName));
    }

    /** The file's bytes when it is small enough and readable; otherwise empty after a finding. */
    private Optional<byte[]> readBytes(String path) {
      try {
        long size = tree.size(path);
        if (size > SourceText.MAX_BYTES) {
          findings.add(
              Finding.of(
                  ParseRules.FILE_TOO_LARGE,
                  "the file is "
                      + size
                      + " bytes, more than the 1 MiB ("
                      + SourceText.MAX_BYTES
                      + " bytes) Lockstep reads",
                  SourceLocation.ofFile(path),
                  ""));
          return Optional.empty();
        }
        byte[] bytes = tree.read(path);
        if (bytes.length > SourceText.MAX_BYTES) {
          // the file grew between size() and read()
          findings.add(
              Finding.of(
                  ParseRules.FILE_TOO_LARGE,
                  "the file is larger than the 1 MiB Lockstep reads",
                  SourceLocation.ofFile(path),
                  ""));
          return Optional.empty();
        }
        return Optional.of(bytes);
      } catch (IOException | RuntimeException e) {
        findings.add(
            Finding.of(
                ParseRules.UNREADABLE,
                "could not read the file: " + e.getMessage(),
                SourceLocation.ofFile(path),
                ""));
        return Optional.empty();
      }
    }

    private void readChannelFile(String path, String channel, String which) {
      ChannelBuilder builder = channels.computeIfAbsent(channel, c -> new ChannelBuilder());
      // an unreadable file keeps a location with a null value: it exists, and its finding is
      // reported
      String value = null;
      SourceLocation location = new SourceLocation(path, 1, 1);
      // read as Teleport's Go updaters read it: a byte-order mark is kept, and only what Go's
      // TrimSpace removes is trimmed (teleport-semantics §13.1)
      Optional<String> text = readBytes(path).flatMap(b -> SourceText.decode(path, b, sink, true));
      if (text.isPresent()) {
        String t = text.get();
        value = SourceText.goTrimSpace(t);
        location = SourceText.locationOfIndex(path, t, SourceText.goTrimStart(t));
      }
      if (which.equals("version")) {
        builder.version = value;
        builder.versionLocation = location;
      } else {
        builder.critical = value;
        builder.criticalLocation = location;
      }
    }

    private void readYaml(String path, Place place, ClusterBuilder cluster) {
      Optional<String> text = readBytes(path).flatMap(b -> SourceText.decode(path, b, sink));
      if (text.isEmpty()) {
        return;
      }
      List<Node> documents = YamlFile.compose(path, text.get(), sink);
      DocumentWalker.Budget budget = new DocumentWalker.Budget();
      try {
        for (Node document : documents) {
          readDocument(path, document, place, cluster, budget);
        }
      } catch (YamlFile.LimitExceeded e) {
        findings.add(Finding.of(ParseRules.LIMITS, e.getMessage(), e.location(path), ""));
      }
    }

    private void readDocument(
        String path, Node node, Place place, ClusterBuilder cluster, DocumentWalker.Budget budget) {
      if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
        return; // an empty document (only comments, or "---" alone)
      }
      DocumentWalker walker = new DocumentWalker(path, null, budget, sink);
      if (!(node instanceof MappingNode root)) {
        findings.add(
            Finding.of(
                ParseRules.WRONG_TYPE,
                "a document must be a mapping with kind, metadata and spec",
                walker.at(node),
                ""));
        return;
      }
      Optional<Node> kindNode = DocumentWalker.topLevelNode(root, "kind");
      // the kind as tctl reads it: a tagged value (kind: !!binary ...) resolved as go-yaml does
      String kindText =
          kindNode
              .filter(ScalarNode.class::isInstance)
              .map(n -> DocumentWalker.resolve((ScalarNode) n))
              .filter(GoYaml.Value.class::isInstance)
              .map(r -> ((GoYaml.Value) r).value())
              .filter(String.class::isInstance)
              .map(String.class::cast)
              .orElseGet(
                  () ->
                      kindNode
                          .filter(ScalarNode.class::isInstance)
                          .map(n -> ((ScalarNode) n).getValue())
                          .orElse(""));
      if (kindText.isEmpty()
          || kindNode.get() instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
        String why =
            kindNode.isPresent() && !(kindNode.get() instanceof ScalarNode)
                ? "kind must be a string"
                : "the document has no kind";
        findings.add(
            Finding.of(
                ParseRules.MISSING_KIND,
                why + "; it is ignored",
                walker.at(kindNode.orElse(root)),
                kindNode.isPresent() ? "kind" : ""));
        return;
      }
      // teleport-semantics §1: cluster_maintenance_config tolerates its kind written with dashes
      String normalisedKind =
          kindText.equals("cluster-maintenance-config") ? "cluster_maintenance_config" : kindText;
      Optional<ResourceKind> known = ResourceKind.fromKind(normalisedKind);
      if (known.isEmpty()) {
        // tctl finds a kind's handler by its exact spelling: a near miss of a managed kind is
        // refused there, and read as foreign here it would silently drop the resource (and let a
        // pruning apply delete the live one)
        List<String> kinds = Arrays.stream(ResourceKind.values()).map(ResourceKind::kind).toList();
        Optional<String> meant = Suggestions.misspeltKind(kindText, kinds);
        String written = Quoting.quote(kindText);
        SourceLocation at = walker.at(kindNode.get());
        if (meant.isPresent()) {
          findings.add(
              Finding.of(
                  ParseRules.MISSPELT_KIND,
                  "kind "
                      + written
                      + " is a misspelling; did you mean \""
                      + meant.get()
                      + "\"? (kinds are exact: lower case with underscores; this document is not"
                      + " read until the kind is fixed)",
                  at,
                  "kind"));
        } else {
          findings.add(
              Finding.of(
                  ParseRules.UNKNOWN_KIND,
                  "kind "
                      + written
                      + " is not one Lockstep manages; Lockstep ignores this document",
                  at,
                  "kind"));
        }
        return;
      }
      ResourceKind kind = known.get();
      if (place == Place.POLICIES && kind != ResourceKind.LOCKSTEP_POLICY) {
        findings.add(
            Finding.of(
                ParseRules.LAYOUT,
                kind.kind()
                    + " documents belong in a cluster folder, not in policies/; this one is ignored",
                walker.at(kindNode.get()),
                "kind"));
        return;
      }
      if (place == Place.DEFAULTS && kind != ResourceKind.LOCKSTEP_CLUSTER) {
        findings.add(
            Finding.of(
                ParseRules.LAYOUT,
                "clusters/"
                    + DEFAULTS_FOLDER
                    + "/ holds only the repository defaults (a lockstep_cluster document), not "
                    + kind.kind()
                    + "; this one is ignored",
                walker.at(kindNode.get()),
                "kind"));
        return;
      }
      if (place == Place.CLUSTER && kind == ResourceKind.LOCKSTEP_POLICY) {
        findings.add(
            Finding.of(
                ParseRules.LAYOUT,
                "lockstep_policy documents belong in policies/; this one is ignored",
                walker.at(kindNode.get()),
                "kind"));
        return;
      }
      // the document's findings count only if it is read to the end: past a limit, one limits
      // finding
      List<Finding> local = new ArrayList<>();
      walker = new DocumentWalker(path, kind, budget, local::add);
      Map<String, Object> document = walker.walkDocument(root, Schemas.of(kind).orElse(null));
      findings.addAll(local);
      String defaultName =
          switch (kind) {
            case LOCKSTEP_CLUSTER -> cluster.defaultName;
            case LOCKSTEP_POLICY -> baseName(path);
            default -> kind.singletonName();
          };
      Resource resource =
          new Resource(
              kind,
              nameOf(kind, document, defaultName),
              Frozen.map(document),
              walker.at(root),
              walker.positions(),
              !walker.hasShapeErrors(),
              walker.misspelt());
      if (place == Place.POLICIES) {
        policies.add(resource);
      } else {
        addToCluster(cluster, resource);
      }
    }

    private static String baseName(String path) {
      String name = fileName(path);
      int dot = name.lastIndexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * {@code metadata.name} with tctl's defaulting of an empty name (teleport-semantics §1, §22).
     */
    private static String nameOf(
        ResourceKind kind, Map<String, Object> document, String defaultName) {
      Object metadata = document.get("metadata");
      Object name = metadata instanceof Map<?, ?> m ? m.get("name") : null;
      String written = name == null ? "" : String.valueOf(name);
      if (written.isEmpty()) {
        return defaultName;
      }
      // teleport-semantics §1: the easy mix-up of cluster_maintenance_config's name with its kind
      if (kind == ResourceKind.CLUSTER_MAINTENANCE_CONFIG
          && written.equals("cluster_maintenance_config")) {
        return kind.singletonName();
      }
      return written;
    }

    private void addToCluster(ClusterBuilder cluster, Resource resource) {
      Resource first =
          resource.kind() == ResourceKind.LOCKSTEP_CLUSTER
              ? cluster.descriptor
              : cluster.byKind.get(resource.kind());
      if (first != null) {
        findings.add(
            Finding.of(
                ParseRules.DUPLICATE_RESOURCE,
                "a second "
                    + resource.kind().kind()
                    + " in this cluster (the first is at "
                    + first.origin()
                    + "); a cluster has only one",
                resource.origin(),
                ""));
        return;
      }
      if (resource.kind() == ResourceKind.LOCKSTEP_CLUSTER) {
        cluster.descriptor = resource;
      } else {
        cluster.byKind.put(resource.kind(), resource);
      }
    }

    private ParseResult result() {
      List<ClusterSource> clusterSources = new ArrayList<>();
      Map<String, ClusterSource> byName = new HashMap<>();
      for (ClusterBuilder b : clusters.values()) {
        String name = b.descriptor != null ? b.descriptor.name() : b.defaultName;
        ClusterSource source =
            new ClusterSource(name, b.folder, b.descriptor, List.copyOf(b.byKind.values()));
        ClusterSource other = byName.putIfAbsent(name, source);
        if (other != null) {
          SourceLocation at =
              b.descriptor != null
                  ? b.descriptor.locate("metadata.name")
                  : SourceLocation.ofFile(names.shown(b.folder));
          findings.add(
              Finding.of(
                  ParseRules.DUPLICATE_CLUSTER,
                  "cluster name \""
                      + name
                      + "\" is already used by "
                      + names.shown(other.folder())
                      + "; give each cluster its own metadata.name",
                  at,
                  b.descriptor != null ? "metadata.name" : ""));
        }
        clusterSources.add(source);
      }
      List<Channel> channelList = new ArrayList<>();
      channels.forEach(
          (name, c) ->
              channelList.add(
                  new Channel(name, c.version, c.versionLocation, c.critical, c.criticalLocation)));
      return new ParseResult(
          new DesiredState(
              tree.revision(),
              clusterSources,
              channelList,
              policies,
              Optional.ofNullable(defaults.descriptor)),
          Findings.of(findings));
    }
  }
}
