package dev.lockstep.validate;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Rule;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.AutoupdateVersion;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.InvalidVersionException;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceKind;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.model.Version;
import java.util.List;
import java.util.Optional;

/**
 * Compatibility of what a cluster is told to run with its control plane (see README and
 * teleport-semantics §16).
 *
 * <p>The control-plane version of a cluster is, in order: {@code --auth-version} ({@link
 * ValidationContext#authVersion()}), else the version read live from the cluster's Proxy ({@link
 * ValidationContext#liveAuthVersions()}), else {@code spec.auth_version} of its {@code
 * lockstep_cluster}. With a version known, every agents {@code start_version} and {@code
 * target_version}, the tools {@code target_version} and the version of every channel the cluster
 * lists must be at or below it and at most one major version behind it.
 *
 * <p>These rules are STRICTER than Teleport (teleport-semantics §16): Teleport documents that
 * agents newer than Auth are unsupported and that servers support at most one major version behind,
 * but it checks neither when {@code autoupdate_version} is written. Lockstep also treats a newer
 * minor or patch as an error, since an agent must never run ahead of the Auth Service it connects
 * to.
 */
public final class CompatRules {
  private CompatRules() {}

  /** spec.auth_version of Lockstep's own cluster.yaml. */
  public static final Rule INVALID_AUTH_VERSION =
      new Rule(
          "compat/invalid-auth-version",
          Severity.ERROR,
          "spec.auth_version in cluster.yaml is not a semantic version.");

  /** The live version wins over the declared one. */
  public static final Rule DECLARED_DIFFERS_FROM_LIVE =
      new Rule(
          "compat/declared-differs-from-live",
          Severity.WARNING,
          "spec.auth_version in cluster.yaml differs from the version the cluster's Proxy reports.");

  /** teleport-semantics §16. */
  public static final Rule NEWER_THAN_AUTH =
      new Rule(
          "compat/newer-than-auth",
          Severity.ERROR,
          "An agent, tools or channel version is above the control-plane (Auth Service) version.");

  /** teleport-semantics §16. */
  public static final Rule MAJOR_BEHIND =
      new Rule(
          "compat/major-behind",
          Severity.ERROR,
          "An agent, tools or channel version is more than one major version behind the control plane.");

  /** spec.channels lists the channels a cluster follows. */
  public static final Rule UNKNOWN_CHANNEL =
      new Rule(
          "compat/unknown-channel",
          Severity.ERROR,
          "cluster.yaml lists a channel that has no folder under channels/.");

  /** Without a control-plane version the compat rules cannot run. */
  public static final Rule NOT_CHECKED =
      new Rule(
          "compat/not-checked",
          Severity.WARNING,
          "No control-plane version is known for a cluster, so the compatibility rules did not run.");

  /** Every rule of this class. */
  public static final List<Rule> ALL =
      List.of(
          INVALID_AUTH_VERSION,
          DECLARED_DIFFERS_FROM_LIVE,
          NEWER_THAN_AUTH,
          MAJOR_BEHIND,
          UNKNOWN_CHANNEL,
          NOT_CHECKED);

  /** The control-plane version in use for a cluster and where it came from. */
  record ControlPlane(Version version, String source) {}

  /**
   * Every finding of these rules for one cluster. Pure. The cluster's {@code lockstep_cluster} is
   * read even when it has shape errors elsewhere: a wrongly typed field reads as unset.
   */
  static List<Finding> check(ClusterSource cluster, DesiredState state, ValidationContext context) {
    FindingList out = new FindingList();
    Resource descriptor = cluster.descriptor();
    Optional<LockstepCluster> declared = cluster.cluster();

    Optional<Version> declaredVersion = Optional.empty();
    boolean declaredInvalid = false;
    if (declared.isPresent() && !declared.get().authVersion().isEmpty()) {
      String text = declared.get().authVersion();
      try {
        // Our own field: a leading v (as `teleport version` prints it) is fine.
        declaredVersion = Optional.of(Version.parseLenient(text));
      } catch (InvalidVersionException e) {
        declaredInvalid = true;
        out.add(
            INVALID_AUTH_VERSION,
            descriptor,
            "spec.auth_version",
            "spec.auth_version: "
                + e.getMessage()
                + " (write the Auth Service version, e.g. 17.2.1)");
      }
    }
    Optional<Version> live = Optional.ofNullable(context.liveAuthVersions().get(cluster.name()));
    if (live.isPresent()
        && declaredVersion.isPresent()
        && !live.get().sameAs(declaredVersion.get())) {
      out.add(
          DECLARED_DIFFERS_FROM_LIVE,
          descriptor,
          "spec.auth_version",
          "spec.auth_version is "
              + declaredVersion.get()
              + " but the cluster's Proxy reports "
              + live.get()
              + "; the live version is used (update cluster.yaml)");
    }

    List<String> channels = declared.map(LockstepCluster::channels).orElse(List.of());
    for (int i = 0; i < channels.size(); i++) {
      if (state.channel(channels.get(i)).isEmpty()) {
        out.add(
            UNKNOWN_CHANNEL,
            descriptor,
            "spec.channels[" + i + "]",
            "cluster "
                + quote(cluster.name())
                + " follows channel "
                + quote(channels.get(i))
                + ", which the repository does not have (add channels/"
                + channels.get(i)
                + "/version)");
      }
    }

    Optional<Version> declaredForLambda = declaredVersion;
    Optional<ControlPlane> controlPlane =
        context
            .authVersion()
            .map(v -> new ControlPlane(v, "--auth-version"))
            .or(() -> live.map(v -> new ControlPlane(v, "the cluster's Proxy")))
            .or(() -> declaredForLambda.map(v -> new ControlPlane(v, "spec.auth_version")));

    Optional<Resource> versionResource =
        cluster.find(ResourceKind.AUTOUPDATE_VERSION).filter(Resource::wellFormed);
    AutoupdateVersion version = versionResource.map(AutoupdateVersion::from).orElse(null);
    boolean hasVersions = version != null && (version.agents() != null || version.tools() != null);
    boolean hasChannels = channels.stream().anyMatch(c -> state.channel(c).isPresent());

    if (controlPlane.isEmpty()) {
      if ((hasVersions || hasChannels) && !declaredInvalid) {
        SourceLocation where =
            descriptor != null ? descriptor.origin() : versionResource.get().origin();
        out.add(
            NOT_CHECKED,
            where,
            "",
            "compatibility rules did not run for cluster "
                + quote(cluster.name())
                + ": no control-plane version is known (pass --auth-version or set spec.auth_version in "
                + "its cluster.yaml)");
      }
      return out.items();
    }

    ControlPlane cp = controlPlane.get();
    if (version != null) {
      Resource r = versionResource.get();
      if (version.agents() != null) {
        compare(
            r,
            "spec.agents.start_version",
            version.agents().startVersion(),
            "agents start_version",
            cp,
            out);
        compare(
            r,
            "spec.agents.target_version",
            version.agents().targetVersion(),
            "agents target_version",
            cp,
            out);
      }
      if (version.tools() != null) {
        compare(
            r,
            "spec.tools.target_version",
            version.tools().targetVersion(),
            "tools target_version",
            cp,
            out);
      }
    }
    for (String name : channels) {
      Optional<Channel> channel = state.channel(name);
      // "none" and unreadable versions advertise nothing; ChannelRules reports the unreadable ones.
      Optional<Version> advertised = channel.flatMap(Channel::parsedVersion);
      if (advertised.isPresent() && channel.get().versionLocation() != null) {
        String what =
            "channel " + quote(name) + " (followed by cluster " + quote(cluster.name()) + ")";
        checkSkew(advertised.get(), what, cp)
            .ifPresent(f -> out.add(f.rule, channel.get().versionLocation(), "", f.message));
      }
    }
    return out.items();
  }

  private record Skew(Rule rule, String message) {}

  private static void compare(
      Resource r, String path, String text, String what, ControlPlane cp, FindingList out) {
    // Invalid versions are reported by teleport/version-syntax; nothing to compare.
    Version.tryParse(text)
        .flatMap(v -> checkSkew(v, what, cp))
        .ifPresent(s -> out.add(s.rule, r, path, s.message));
  }

  private static Optional<Skew> checkSkew(Version v, String what, ControlPlane cp) {
    Version auth = cp.version();
    String control = "the control plane runs " + auth + " (from " + cp.source() + ")";
    if (v.compareTo(auth) > 0) {
      return Optional.of(
          new Skew(
              NEWER_THAN_AUTH,
              what
                  + " "
                  + v
                  + " is newer than the Auth Service: "
                  + control
                  + "; agents newer than Auth are not supported (upgrade the control plane first)"));
    }
    if (v.major() < auth.major() - 1) {
      return Optional.of(
          new Skew(
              MAJOR_BEHIND,
              what
                  + " "
                  + v
                  + " is more than one major version behind: "
                  + control
                  + "; Teleport supports agents and clients at most one major version behind (use "
                  + (auth.major() - 1)
                  + ".x or later)"));
    }
    return Optional.empty();
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
