package dev.lockstep.cli;

import dev.lockstep.model.Version;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --auth-version VERSION}: the control plane's version for the compatibility rules. Every
 * command that validates adds it to its model ({@link #addTo}), so all take it the same way.
 */
public final class AuthVersionOption {

  String authVersion;

  /** Adds {@code --auth-version} to {@code spec}, bound to this group. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        CommandModel.option("--auth-version", v -> authVersion = v)
            .paramLabel("VERSION")
            .description(
                "Control-plane (Auth Service) version to check compatibility against; wins over cluster.yaml's auth_version (and --live).")
            .build());
  }

  /**
   * The version given, if any.
   *
   * @throws picocli.CommandLine.ParameterException (exit 2) for a value that is not a version
   */
  Optional<Version> value(CommandSpec spec) {
    return Options.version(spec, "--auth-version", authVersion);
  }
}
