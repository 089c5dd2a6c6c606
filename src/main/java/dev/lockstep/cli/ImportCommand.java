package dev.lockstep.cli;

import dev.lockstep.check.LiveVersions;
import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.cluster.ProxyClient;
import dev.lockstep.cluster.TargetException;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.Version;
import dev.lockstep.parse.LocalPath;
import dev.lockstep.scaffold.ClusterImport;
import dev.lockstep.scaffold.ImportSource;
import dev.lockstep.scaffold.RepositoryFile;
import dev.lockstep.scaffold.RepositoryLayout;
import dev.lockstep.scaffold.RepositoryWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code lockstep import [DIR] --cluster NAME --target ...}: reads a live cluster's Managed Updates
 * resources through a target ({@link ClusterTarget#observe}) and its control-plane version from its
 * Proxy, and writes {@code DIR/clusters/NAME/} in the repository format ({@link ClusterImport}).
 * Exit 0 written, 2 usage error or a file it will not overwrite, 3 cluster, Proxy or disk
 * unreachable. Reads the cluster; never writes to it.
 */
public final class ImportCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  LocalPath dir;
  String cluster;
  String authVersion;
  boolean force;
  final TargetOptions targetOptions = new TargetOptions();
  final ProxyOptions proxyOptions = new ProxyOptions();
  CommandSpec spec;

  /**
   * The model of {@code import}, bound to this command's fields, with path arguments resolved by
   * {@code paths}; picocli runs this command on it.
   */
  CommandSpec model(PathArgument paths) {
    spec =
        CommandModel.command(
            this,
            "import",
            "Write a live cluster's autoupdate_config, autoupdate_version and cluster_maintenance_config into DIR/clusters/NAME/, with a cluster.yaml.");
    spec.addPositional(
        CommandModel.folder(
            v -> dir = v,
            paths,
            "The repository to write into (default: the current folder); created when missing."));
    spec.addOption(
        CommandModel.option("--cluster", v -> cluster = v)
            .paramLabel("NAME")
            .description(
                "The cluster's name: its folder under clusters/ and its cluster.yaml name (default: the cluster_name the Proxy reports).")
            .build());
    spec.addOption(
        CommandModel.option("--auth-version", v -> authVersion = v)
            .paramLabel("VERSION")
            .description(
                "The control-plane version to write as auth_version, when the Proxy is not given (--proxy reads it live).")
            .build());
    spec.addOption(
        CommandModel.option("--force", boolean.class, v -> force = v)
            .description("Replace files of the cluster folder that already exist.")
            .build());
    targetOptions.addTo(spec);
    proxyOptions.addTo(spec);
    return CommandModel.withStandardHelp(spec);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!spec.commandLine().getParseResult().hasMatchedOption("--target")) {
      throw new ParameterException(
          spec.commandLine(),
          "import needs --target tctl, kubernetes or file: where to read the cluster from");
    }
    TargetKind kind = targetOptions.kind(spec);
    Optional<Version> declared = Options.version(spec, "--auth-version", authVersion);
    if (proxyOptions.proxy == null && declared.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "import needs --proxy HOST:PORT (the control-plane version and cluster name are read"
              + " from it) or --auth-version VERSION");
    }
    if (proxyOptions.proxy != null && declared.isPresent()) {
      throw new ParameterException(
          spec.commandLine(),
          "--auth-version and --proxy: give one; with --proxy the version is read from the Proxy");
    }
    if (proxyOptions.proxy == null && cluster == null) {
      throw new ParameterException(spec.commandLine(), "--cluster NAME is needed without --proxy");
    }
    try {
      Version version;
      String name = cluster;
      if (proxyOptions.proxy != null) {
        ProxyClient.Find find = proxyOptions.find(spec, "--proxy", proxyOptions.proxy);
        version = find.serverVersion();
        if (name == null) {
          name = find.clusterName();
        }
      } else {
        version = declared.get();
      }
      if (!NAME.matcher(name).matches()) {
        throw new ParameterException(
            spec.commandLine(),
            (cluster == null ? "the Proxy's cluster name" : "--cluster")
                + " \""
                + name
                + "\" cannot be a folder name (letters, digits, '.', '_', '-'): pass --cluster NAME");
      }
      ImportSource source =
          new ImportSource(
              name,
              proxyOptions.proxy == null ? "" : proxyOptions.proxy,
              version,
              kind.label(),
              kind.supports(ResourceKind.CLUSTER_MAINTENANCE_CONFIG));
      Map<ResourceId, Resource> observed = targetOptions.build(spec, "").observe(kind.managedIds());
      List<RepositoryFile> files = ClusterImport.files(source, observed);
      Optional<String> problem =
          RepositoryLayout.problem(dir.location(), dir.toString(), name, files, force);
      if (problem.isPresent()) {
        err.println("lockstep: " + problem.get());
        return ExitCodes.USAGE;
      }
      RepositoryWriter.write(dir.location(), files);
      for (RepositoryFile f : files) {
        out.println("wrote " + dir.shownPrefix() + f.path());
      }
      ClusterImport.notes(source, observed).forEach(out::println);
      String folder = dir.shownPrefix() + "clusters/" + name;
      out.println(
          "Imported cluster "
              + name
              + " from the "
              + kind.label()
              + " target. Next: lockstep validate "
              + folder
              + ", then lockstep diff "
              + folder
              + " --target "
              + kind.label()
              + " (no change expected).");
      out.flush();
      return ExitCodes.OK;
    } catch (LiveVersions.Unreachable | TargetException e) {
      err.println("lockstep: " + e.getMessage());
      return ExitCodes.UNAVAILABLE;
    } catch (IOException e) {
      err.println("lockstep: cannot write into " + dir + ": " + Options.reason(e));
      return ExitCodes.UNAVAILABLE;
    } finally {
      targetOptions.close();
    }
  }
}
