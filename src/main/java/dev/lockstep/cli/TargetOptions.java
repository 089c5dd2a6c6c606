package dev.lockstep.cli;

import dev.lockstep.cluster.ClusterTarget;
import dev.lockstep.cluster.FileTarget;
import dev.lockstep.cluster.KubernetesSettings;
import dev.lockstep.cluster.KubernetesTarget;
import dev.lockstep.cluster.ProcessCommandRunner;
import dev.lockstep.cluster.ProxyClient;
import dev.lockstep.cluster.ProxyException;
import dev.lockstep.cluster.RolloutObserver;
import dev.lockstep.cluster.TargetException;
import dev.lockstep.cluster.TargetKind;
import dev.lockstep.cluster.TctlSettings;
import dev.lockstep.cluster.TctlTarget;
import dev.lockstep.model.GoDuration;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --target} option and the options of each target, shared by {@code diff} and {@code
 * apply}.
 */
final class TargetOptions implements AutoCloseable {

  String target;
  Path dir;
  String tctl;
  String authServer;
  Path identity;
  Path tctlConfig;
  String tctlTimeout;
  String namespace;
  String kubeContext;
  String waitTimeout;

  /** Adds this group's options to {@code spec}, bound to this group. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        CommandModel.option("--target", v -> target = v)
            .paramLabel("TARGET")
            .defaultValue("file")
            .description(
                "Where the resources live: kubernetes (Teleport operator CRs), tctl, or file (a directory; default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--dir", Path.class, v -> dir = v)
            .paramLabel("DIR")
            .defaultValue(".lockstep/applied")
            .description(
                "file target: directory of the applied YAML files (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("--tctl", v -> tctl = v)
            .paramLabel("PATH")
            .defaultValue("tctl")
            .description("tctl target: the tctl binary (default: ${DEFAULT-VALUE} on PATH).")
            .build());
    spec.addOption(
        CommandModel.option("--auth-server", v -> authServer = v)
            .paramLabel("HOST:PORT")
            .description("tctl target: Auth Service or Proxy address (tctl --auth-server).")
            .build());
    spec.addOption(
        CommandModel.option("-i", Path.class, v -> identity = v)
            .names("-i", "--identity")
            .paramLabel("FILE")
            .description(
                "tctl target: identity file from `tctl auth sign` or Machine ID, passed to tctl by path.")
            .build());
    spec.addOption(
        CommandModel.option("--tctl-config", Path.class, v -> tctlConfig = v)
            .paramLabel("FILE")
            .description(
                "tctl target: a teleport.yaml, when tctl runs on an Auth host (tctl --config).")
            .build());
    spec.addOption(
        CommandModel.option("--tctl-timeout", v -> tctlTimeout = v)
            .paramLabel("DURATION")
            .defaultValue("30s")
            .description("tctl target: timeout of one tctl call (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        CommandModel.option("-n", v -> namespace = v)
            .names("-n", "--namespace")
            .paramLabel("NAMESPACE")
            .description(
                "kubernetes target: namespace the Teleport operator watches (default: the kubeconfig context's, else default).")
            .build());
    spec.addOption(
        CommandModel.option("--kube-context", v -> kubeContext = v)
            .paramLabel("CONTEXT")
            .description(
                "kubernetes target: kubeconfig context (default: the current one, or the in-cluster service account).")
            .build());
    spec.addOption(
        CommandModel.option("--wait-timeout", v -> waitTimeout = v)
            .paramLabel("DURATION")
            .defaultValue("2m")
            .description(
                "kubernetes target: how long to wait for the operator's SuccessfullyReconciled (default: ${DEFAULT-VALUE}).")
            .build());
  }

  private KubernetesClient client;

  /** The target kind; an unknown name is a usage error (exit 2), never a fallback. */
  TargetKind kind(CommandSpec spec) {
    try {
      return TargetKind.fromLabel(target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--target: " + e.getMessage());
    }
  }

  /**
   * Builds the target; the kubernetes client is closed by {@link #close()}.
   *
   * @throws ParameterException (exit 2) for bad target options, e.g. a context the kubeconfig lacks
   * @throws TargetException (exit 3) when no Kubernetes configuration is found at all
   */
  ClusterTarget build(CommandSpec spec, String revision) throws TargetException {
    return switch (kind(spec)) {
      case FILE -> new FileTarget(dir);
      case TCTL -> {
        requireTctlCredentials(spec);
        yield tctlTarget(spec);
      }
      case KUBERNETES -> {
        Duration wait = duration(spec, "--wait-timeout", waitTimeout);
        Config config = kubernetesConfig(spec);
        String ns =
            namespace != null
                ? namespace
                : (config.getNamespace() != null ? config.getNamespace() : "default");
        // Named, not looked up: the Quarkus layout the CLI's jars come from drops the Vert.x
        // factory's ServiceLoader entry (Quarkus supplies its own to serve), and fabric8 would
        // find no HTTP client.
        client =
            new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new VertxHttpClientFactory())
                .build();
        yield new KubernetesTarget(
                client,
                new KubernetesSettings(ns, wait, Duration.ofMillis(500), Duration.ofSeconds(1)))
            .forRevision(revision);
      }
    };
  }

  private void requireTctlCredentials(CommandSpec spec) {
    if (identity == null && tctlConfig == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--target tctl needs --identity FILE with --auth-server HOST:PORT, or --tctl-config FILE");
    }
  }

  private TctlTarget tctlTarget(CommandSpec spec) {
    if (identity != null && authServer == null) {
      throw new ParameterException(spec.commandLine(), "--identity needs --auth-server HOST:PORT");
    }
    return new TctlTarget(
        new TctlSettings(
            tctl,
            Optional.ofNullable(authServer),
            Optional.ofNullable(identity),
            Optional.ofNullable(tctlConfig),
            duration(spec, "--tctl-timeout", tctlTimeout)),
        new ProcessCommandRunner());
  }

  /**
   * How to observe the live rollout: with tctl on the tctl target, and on the Kubernetes target
   * when {@code --identity} (or {@code --tctl-config}) is given, else through the Proxy's {@code
   * /webapi/find} when {@code proxy} is known. Never uses the Kubernetes API: the operator has no
   * resource for the rollout (teleport-semantics §14), so no kubeconfig is needed.
   *
   * @throws ParameterException (exit 2) for the file target, tctl without credentials, or a
   *     Kubernetes target with neither an identity nor a Proxy
   */
  RolloutObserver observer(CommandSpec spec, Optional<ProxyClient.Settings> proxy) {
    switch (kind(spec)) {
      case FILE ->
          throw new ParameterException(
              spec.commandLine(),
              "--target file holds no live rollout: observe with --target tctl or --target kubernetes");
      case TCTL -> {
        requireTctlCredentials(spec);
        return RolloutObserver.tctl(tctlTarget(spec));
      }
      case KUBERNETES -> {
        if (identity != null || tctlConfig != null) {
          return RolloutObserver.tctl(tctlTarget(spec));
        }
        if (proxy.isPresent()) {
          try {
            return RolloutObserver.proxyFind(ProxyClient.of(proxy.get()));
          } catch (ProxyException e) {
            throw new ParameterException(spec.commandLine(), "--proxy-ca: " + e.getMessage());
          }
        }
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "--target kubernetes reads the rollout with tctl (--identity FILE with --auth-server"
            + " HOST:PORT, e.g. a Machine ID identity) or, without credentials, from the Proxy"
            + " (--proxy HOST:PORT, or spec.proxy in cluster.yaml)");
  }

  /**
   * The kubeconfig (KUBECONFIG, else ~/.kube/config) or, inside a pod, the service account. fabric8
   * alone would fall back to https://kubernetes.default.svc without a word, and to the current
   * context for a context it does not know.
   */
  private Config kubernetesConfig(CommandSpec spec) throws TargetException {
    Config config = Config.autoConfigure(kubeContext);
    // fabric8 retries a refused connection ten times with backoff (half a minute): a command line
    // says what is wrong sooner
    config.setRequestRetryBackoffLimit(2);
    boolean inPod = Files.isReadable(Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH));
    if (config.getFile() == null && !inPod) {
      throw new TargetException(
          TargetException.Reason.UNREACHABLE,
          "--target kubernetes: no kubeconfig found (KUBECONFIG is unset or names no file, and "
              + "~/.kube/config does not exist) and not running in a pod with a service account: "
              + "set KUBECONFIG to your kubeconfig file");
    }
    if (kubeContext != null
        && (config.getCurrentContext() == null
            || !kubeContext.equals(config.getCurrentContext().getName()))) {
      String known =
          config.getContexts() == null
              ? "none"
              : config.getContexts().stream()
                  .map(NamedContext::getName)
                  .collect(Collectors.joining(", "));
      throw new ParameterException(
          spec.commandLine(),
          "--kube-context: no context \""
              + kubeContext
              + "\" in "
              + (config.getFile() != null ? config.getFile() : "the kubeconfig")
              + " (contexts: "
              + known
              + ")");
    }
    return config;
  }

  private static Duration duration(CommandSpec spec, String option, String value) {
    return GoDuration.parse(value)
        .filter(d -> !d.isNegative() && !d.isZero())
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    option + ": \"" + value + "\" is not a positive duration such as 30s or 2m"));
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
