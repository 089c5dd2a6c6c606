package dev.lockstep.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a new repository ({@code lockstep init}): {@code clusters/} with the example cluster
 * of the bundled sample repository (or a README saying how to add one), {@code channels/} with the
 * channel it follows (or a README), {@code policies/recommended.yaml} (Lockstep's recommended
 * pack), the GitHub Actions workflow of the sample repository, a {@code README.md} and a {@code
 * .gitignore}. The example, the channel, the pack and the workflow are the very files the project
 * tests (bundled in the jar at build time), so what {@code init} writes validates as they do.
 *
 * <p>Reads only the class path.
 */
public final class RepositoryTemplate {
  private static final String SAMPLE = "embedded/sample-repo/";
  private static final String PACK = "embedded/policies/recommended.yaml";

  /** The example cluster's files, from the sample repository. */
  static final List<String> EXAMPLE =
      List.of(
          "clusters/prod/cluster.yaml",
          "clusters/prod/autoupdate_config.yaml",
          "clusters/prod/autoupdate_version.yaml",
          "channels/stable/rolling/version",
          "channels/stable/rolling/critical");

  static final String WORKFLOW = ".github/workflows/lockstep.yaml";

  private RepositoryTemplate() {}

  /**
   * The files, in the order they are written.
   *
   * @param example true for the example cluster {@code prod} and its channel {@code
   *     stable/rolling}; false for empty {@code clusters/} and {@code channels/} folders (each with
   *     a README)
   */
  public static List<RepositoryFile> files(boolean example) {
    List<RepositoryFile> files = new ArrayList<>();
    files.add(new RepositoryFile("README.md", README));
    files.add(new RepositoryFile(".gitignore", GITIGNORE));
    if (example) {
      for (String path : EXAMPLE) {
        files.add(new RepositoryFile(path, resource(SAMPLE + path)));
      }
    } else {
      files.add(new RepositoryFile("clusters/README.md", CLUSTERS_README));
      files.add(new RepositoryFile("channels/README.md", CHANNELS_README));
    }
    files.add(new RepositoryFile("policies/recommended.yaml", resource(PACK)));
    files.add(new RepositoryFile(WORKFLOW, resource(SAMPLE + WORKFLOW)));
    return List.copyOf(files);
  }

  private static String resource(String name) {
    try (InputStream in = RepositoryTemplate.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the class path (a broken build)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String README =
      """
      # Teleport Managed Updates, kept in Git with Lockstep

      Each cluster's `autoupdate_config`, `autoupdate_version` and `cluster_maintenance_config`
      live here, checked on every pull request and applied by Lockstep.

      ```
      clusters/<cluster>/cluster.yaml     Lockstep's description of the cluster (Proxy, versions)
      clusters/<cluster>/*.yaml           Teleport resources, exactly as `tctl create -f` accepts them
      channels/<channel>/version          release channels for self-hosted updaters
      channels/<channel>/critical
      policies/*.yaml                     your rules in CEL (policies/recommended.yaml to start)
      .github/workflows/lockstep.yaml     validate and plan every pull request
      ```

      Add a running cluster with `lockstep import . --target tctl --auth-server HOST:PORT -i
      identity --proxy HOST:PORT` (or `--target kubernetes`), then check everything with
      `lockstep validate .`.
      """;

  private static final String GITIGNORE =
      """
      # what `lockstep diff` and `apply` write with the file target
      .lockstep/
      """;

  private static final String CLUSTERS_README =
      """
      # Clusters

      One folder per Teleport cluster: `clusters/<name>/cluster.yaml` and the cluster's
      `autoupdate_config`, `autoupdate_version` and `cluster_maintenance_config` as YAML files.
      `lockstep import . --cluster <name> --target tctl ...` writes one from a running cluster.
      """;

  private static final String CHANNELS_README =
      """
      # Release channels

      One folder per channel that self-hosted updaters follow: `channels/<channel>/version` (a
      version such as 17.5.2, or none) and `channels/<channel>/critical` (yes or no). A cluster
      lists the channels its agents follow in `spec.channels` of its `cluster.yaml`.
      """;
}
