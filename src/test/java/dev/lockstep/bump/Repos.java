package dev.lockstep.bump;

import dev.lockstep.parse.MemoryTree;

/** A small GitOps repository for bump tests: prod and staging following stable/rolling. */
final class Repos {
  private Repos() {}

  static String cluster(String name, String auth, String extra) {
    return "kind: lockstep_cluster\n"
        + "metadata:\n"
        + "  name: "
        + name
        + "\n"
        + "spec:\n"
        + "  auth_version: "
        + auth
        + "\n"
        + "  channels: [stable/rolling]\n"
        + extra;
  }

  static String version(String start, String target) {
    return "# agents and tools move together\n"
        + "kind: autoupdate_version\n"
        + "version: v1\n"
        + "metadata:\n"
        + "  name: autoupdate-version\n"
        + "spec:\n"
        + "  tools:\n"
        + "    target_version: \""
        + target
        + "\"  # clients\n"
        + "  agents:\n"
        + "    start_version: "
        + start
        + "\n"
        + "    target_version: "
        + target
        + "\n"
        + "    schedule: regular\n"
        + "    mode: enabled\n";
  }

  static final String CONFIG =
      "kind: autoupdate_config\n"
          + "metadata:\n"
          + "  name: autoupdate-config\n"
          + "spec:\n"
          + "  agents:\n"
          + "    mode: enabled\n"
          + "    strategy: halt-on-error\n"
          + "    schedules:\n"
          + "      regular:\n"
          + "        - {name: dev, days: [Mon, Tue, Wed, Thu], start_hour: 4}\n"
          + "        - {name: prod, days: [Mon, Tue, Wed, Thu], start_hour: 6, wait_hours: 24}\n";

  /** prod and staging at 17.2.1, both following stable/rolling (v17.2.1), auth 17.4.2. */
  static MemoryTree twoClusters() {
    return MemoryTree.of(
        "clusters/prod/cluster.yaml",
        cluster("prod", "17.4.2", ""),
        "clusters/prod/autoupdate_version.yaml",
        version("17.2.0", "17.2.1"),
        "clusters/prod/autoupdate_config.yaml",
        CONFIG,
        "clusters/staging/cluster.yaml",
        cluster("staging", "17.4.2", ""),
        "clusters/staging/autoupdate_version.yaml",
        version("17.2.0", "17.2.1"),
        "clusters/staging/autoupdate_config.yaml",
        CONFIG,
        "channels/stable/rolling/version",
        "v17.2.1\n",
        "channels/stable/rolling/critical",
        "no\n");
  }
}
