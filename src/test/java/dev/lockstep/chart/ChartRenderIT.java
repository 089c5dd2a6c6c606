package dev.lockstep.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Named.named;

import dev.lockstep.server.ConfigKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Renders charts/lockstep with helm for every values file under charts/lockstep/ci/ and checks the
 * manifests with fabric8's model: RBAC is exactly what Lockstep needs, no secret value is rendered,
 * the pod is hardened, probes hit the health endpoints, and every key of LockstepConfig reaches the
 * container as its LOCKSTEP_* variable. Needs helm (charts/install-helm.sh; .ci/run installs it).
 */
class ChartRenderIT {
  private static final String NAMESPACE = "teleport";
  private static final String RELEASE = "lockstep";
  private static final Path CI_VALUES = Helm.CHART.resolve("ci");
  private static final Path BAD_VALUES =
      Path.of("src", "test", "resources", "chart", "bad").toAbsolutePath();
  private static final String SECRETS_ROOT = "/var/run/secrets/lockstep/";
  private static final String DATA_DIR = "/var/lib/lockstep";

  /** Keys the chart sets itself: the data folder is the pod's emptyDir. */
  private static final Set<String> CHART_MANAGED = Set.of("lockstep.data-dir");

  /**
   * Where the chart's default differs from the application's, on purpose: the chart exists to drive
   * the Teleport operator, and leader election follows the replica count.
   */
  private static final Map<String, Object> CHART_DEFAULTS =
      Map.of(
          "lockstep.target.kind", "kubernetes",
          "lockstep.leader-election.enabled", "auto");

  /** Secret values: never from the chart; it provides the matching *-file keys instead. */
  private static final Set<String> NEVER_RENDERED =
      Set.of("lockstep.git.token", "lockstep.git.password");

  /** File keys fed from existing Secrets: property -> the entry of `secretFiles` in values.yaml. */
  private static final Map<String, String> SECRET_FILES =
      Map.ofEntries(
          Map.entry("lockstep.git.token-file", "gitToken"),
          Map.entry("lockstep.git.password-file", "gitPassword"),
          Map.entry("lockstep.git.ssh-key-file", "gitSshKey"),
          Map.entry("lockstep.git.ssh-key-passphrase-file", "gitSshKeyPassphrase"),
          Map.entry("lockstep.git.known-hosts-file", "gitKnownHosts"),
          Map.entry("lockstep.git.ca-file", "gitCa"),
          Map.entry("lockstep.git.trusted-keys-dir", "gitTrustedKeys"),
          Map.entry("lockstep.git.allowed-signers-file", "gitAllowedSigners"),
          Map.entry("lockstep.target.identity-file", "tctlIdentity"),
          Map.entry("lockstep.proxy.ca-file", "proxyCa"),
          Map.entry("lockstep.webhook.github-secret-file", "webhookGithub"),
          Map.entry("lockstep.webhook.gitlab-token-file", "webhookGitlab"),
          Map.entry("lockstep.webhook.hmac-secret-file", "webhookHmac"),
          Map.entry("lockstep.api.token-file", "apiToken"),
          Map.entry("lockstep.api.read-token-file", "apiReadToken"),
          Map.entry("lockstep.bump.token-file", "bumpToken"),
          Map.entry("lockstep.bump.releases-token-file", "bumpReleasesToken"));

  /** Environment names that would carry a secret if they held a value rather than a file path. */
  private static final Pattern SECRET_LIKE =
      Pattern.compile(".*(TOKEN|PASSWORD|SECRET|PASSPHRASE|IDENTITY|KEY|CREDENTIAL).*");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static Helm helm;

  @BeforeAll
  static void findHelm() {
    helm = Helm.locate().orElse(null);
    assumeTrue(
        helm != null,
        "helm not found: set HELM or run charts/install-helm.sh (.ci/run does); chart tests skipped");
  }

  static Stream<Named<Path>> valuesFiles() throws IOException {
    try (Stream<Path> files = Files.list(CI_VALUES)) {
      List<Path> list = files.filter(f -> f.toString().endsWith("-values.yaml")).sorted().toList();
      assertThat(list).hasSizeGreaterThanOrEqualTo(6);
      return list.stream().map(f -> named(f.getFileName().toString(), f));
    }
  }

  @ParameterizedTest(name = "helm lint --strict with {0}")
  @MethodSource("valuesFiles")
  void lintStrictPasses(Path values) {
    Helm.Result result =
        helm.run("lint", "--strict", Helm.CHART.toString(), "-f", values.toString());
    assertThat(result.exit()).as("helm lint --strict:\n%s%s", result.out(), result.err()).isZero();
  }

  @ParameterizedTest(name = "hardened pod, probes on health endpoints, no secret values: {0}")
  @MethodSource("valuesFiles")
  void podIsHardenedAndCarriesNoSecretValues(Path values) {
    Rendered rendered = render(values);
    assertThat(rendered.kinds())
        .doesNotContain("Secret", "ConfigMap", "ClusterRole", "ClusterRoleBinding");

    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
    Container container = rendered.container();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(container.getArgs()).containsExactly("serve");

    // An init container is as hardened as the main one.
    for (Container init : Optional.ofNullable(pod.getInitContainers()).orElse(List.of())) {
      assertThat(init.getSecurityContext()).isEqualTo(container.getSecurityContext());
      assertThat(init.getResources().getLimits()).containsKey("memory");
    }
    // The only writable places are emptyDirs: the data folder and /tmp.
    assertThat(emptyDirMounts(pod, container)).containsExactlyInAnyOrder(DATA_DIR, "/tmp");
    assertThat(rendered.env()).containsEntry("LOCKSTEP_DATA_DIR", DATA_DIR);

    // Probes: the SmallRye Health endpoints on Quarkus's management interface (9000), apart from
    // the channels' port (8080) that an ingress publishes.
    assertThat(container.getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            })
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("management");
              assertThat(p.getContainerPort()).isEqualTo(9000);
            });
    assertProbe(container.getStartupProbe(), "/q/health/started");
    assertProbe(container.getLivenessProbe(), "/q/health/live");
    assertProbe(container.getReadinessProbe(), "/q/health/ready");

    // Secrets only as files from Secret volumes, never as values or secretKeyRefs.
    for (EnvVar env : container.getEnv()) {
      assertThat(env.getValueFrom()).as("env %s comes from a reference", env.getName()).isNull();
      if (SECRET_LIKE.matcher(env.getName()).matches()) {
        assertThat(env.getName()).as("secret-like env var").matches(".*_(FILE|DIR|FILES)$");
        assertThat(env.getValue()).as("env %s", env.getName()).startsWith(SECRETS_ROOT);
        assertThat(secretBehind(pod, container, env.getValue()))
            .as("env %s points into a mounted Secret", env.getName())
            .isNotNull();
      }
    }
    for (Volume volume : pod.getVolumes()) {
      assertThat(volume.getConfigMap()).isNull();
      assertThat(volume.getProjected()).isNull();
    }

    Service service = rendered.one(Service.class);
    assertThat(service.getSpec().getPorts())
        .anySatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"))
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("management");
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("management");
            });
    for (Ingress ingress : rendered.all(Ingress.class)) {
      assertThat(ingress.getSpec().getRules())
          .flatExtracting(r -> r.getHttp().getPaths())
          .as("the ingress publishes the http port only, never health or metrics")
          .allSatisfy(
              p -> assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http"));
    }
    assertThat(service.getSpec().getSelector())
        .isEqualTo(rendered.deployment().getSpec().getSelector().getMatchLabels());
    assertThat(rendered.one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels())
        .isEqualTo(rendered.deployment().getSpec().getSelector().getMatchLabels());
  }

  /** One grant of a Role: in this namespace, on this group/resource, this verb. */
  record Grant(String namespace, String group, String resource, String verb)
      implements Comparable<Grant> {
    @Override
    public int compareTo(Grant o) {
      return toString().compareTo(o.toString());
    }
  }

  private static Set<Grant> teleportCrs(String namespace) {
    Set<Grant> grants = new TreeSet<>();
    for (String resource : List.of("teleportautoupdateconfigsv1", "teleportautoupdateversionsv1")) {
      for (String verb : List.of("get", "list", "watch", "create", "patch", "update")) {
        grants.add(new Grant(namespace, "resources.teleport.dev", resource, verb));
      }
      grants.add(new Grant(namespace, "resources.teleport.dev", resource + "/status", "get"));
    }
    return grants;
  }

  private static Set<Grant> events(String namespace) {
    return Set.of(
        new Grant(namespace, "", "events", "create"), new Grant(namespace, "", "events", "patch"));
  }

  private static Set<Grant> leases(String namespace) {
    return Set.of(
        new Grant(namespace, "coordination.k8s.io", "leases", "get"),
        new Grant(namespace, "coordination.k8s.io", "leases", "create"),
        new Grant(namespace, "coordination.k8s.io", "leases", "update"));
  }

  @SafeVarargs
  private static Set<Grant> union(Set<Grant>... sets) {
    Set<Grant> all = new TreeSet<>();
    for (Set<Grant> set : sets) {
      all.addAll(set);
    }
    return all;
  }

  static Stream<Arguments> rbacCases() {
    return Stream.of(
        Arguments.of(
            named(
                "kubernetes target, one replica: the two CR kinds and events",
                "default-values.yaml"),
            union(teleportCrs(NAMESPACE), events(NAMESPACE))),
        Arguments.of(
            named("SSH auth changes nothing in RBAC", "ssh-auth-values.yaml"),
            union(teleportCrs(NAMESPACE), events(NAMESPACE))),
        Arguments.of(
            named("tctl target: no Teleport CRs at all", "tctl-target-values.yaml"),
            events(NAMESPACE)),
        Arguments.of(
            named("ingress with TLS", "ingress-tls-values.yaml"),
            union(teleportCrs(NAMESPACE), events(NAMESPACE))),
        Arguments.of(
            named(
                "three replicas: CRs in the target namespace, leases in the release namespace",
                "three-replicas-values.yaml"),
            union(
                teleportCrs("teleport-operator"), events("teleport-operator"), leases(NAMESPACE))),
        Arguments.of(
            named("every key: leases in the configured lease namespace", "all-keys-values.yaml"),
            union(
                teleportCrs("teleport-operator"),
                events("teleport-operator"),
                leases("lockstep-system"))));
  }

  @ParameterizedTest(name = "RBAC: {0}")
  @MethodSource("rbacCases")
  void rbacIsExactlyWhatLockstepNeeds(String valuesFile, Set<Grant> expected) {
    Rendered rendered = render(CI_VALUES.resolve(valuesFile));
    Set<Grant> granted = new TreeSet<>();
    Map<String, Role> roles = new TreeMap<>();
    for (Role role : rendered.all(Role.class)) {
      roles.put(role.getMetadata().getNamespace() + "/" + role.getMetadata().getName(), role);
      for (PolicyRule rule : role.getRules()) {
        assertThat(rule.getResourceNames()).as("resourceNames").isNullOrEmpty();
        assertThat(rule.getNonResourceURLs()).as("nonResourceURLs").isNullOrEmpty();
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String verb : rule.getVerbs()) {
              assertThat(List.of(group, resource, verb)).doesNotContain("*");
              granted.add(new Grant(role.getMetadata().getNamespace(), group, resource, verb));
            }
          }
        }
      }
    }
    assertThat(granted).containsExactlyInAnyOrderElementsOf(expected);

    List<RoleBinding> bindings = rendered.all(RoleBinding.class);
    assertThat(bindings).hasSameSizeAs(roles.values());
    String serviceAccount =
        rendered.deployment().getSpec().getTemplate().getSpec().getServiceAccountName();
    for (RoleBinding binding : bindings) {
      assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(roles)
          .containsKey(binding.getMetadata().getNamespace() + "/" + binding.getRoleRef().getName());
      assertThat(binding.getSubjects())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getName()).isEqualTo(serviceAccount);
                assertThat(s.getNamespace()).isEqualTo(NAMESPACE);
              });
    }
  }

  @Test
  void valuesMirrorEveryConfigKeyWithTheSameDefaults() {
    Map<String, Object> config =
        flatten(asMap(readYaml(Helm.CHART.resolve("values.yaml")).get("config")));
    Map<String, Object> secretFiles =
        asMap(readYaml(Helm.CHART.resolve("values.yaml")).get("secretFiles"));

    Set<String> expectedConfigPaths = new TreeSet<>();
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      String property = key.property();
      if (CHART_MANAGED.contains(property) || NEVER_RENDERED.contains(property) || key.perName()) {
        continue;
      }
      if (SECRET_FILES.containsKey(property)) {
        assertThat(secretFiles)
            .as("values.yaml secretFiles for %s", property)
            .containsKey(SECRET_FILES.get(property));
        continue;
      }
      expectedConfigPaths.add(key.valuesPath());
      Object value = config.get(key.valuesPath());
      if (CHART_DEFAULTS.containsKey(property)) {
        assertThat(value)
            .as("values.yaml config.%s (the chart's own default)", key.valuesPath())
            .isEqualTo(CHART_DEFAULTS.get(property));
      } else if (key.defaultValue().isPresent()) {
        assertThat(String.valueOf(value))
            .as("values.yaml config.%s = @WithDefault of %s", key.valuesPath(), property)
            .isEqualTo(key.defaultValue().get());
      } else {
        assertThat(value)
            .as("values.yaml config.%s (optional: empty)", key.valuesPath())
            .isEqualTo("");
      }
    }
    // A key added to LockstepConfig without a chart value fails here, and so does a stale chart
    // value.
    assertThat(new TreeSet<>(config.keySet())).containsExactlyElementsOf(expectedConfigPaths);
    assertThat(new TreeSet<>(secretFiles.keySet()))
        .containsExactlyElementsOf(new TreeSet<>(SECRET_FILES.values()));
  }

  @Test
  void theSchemaAcceptsExactlyTheValuesOfEachClosedSet() {
    Map<String, Object> schema = readYaml(Helm.CHART.resolve("values.schema.json"));
    List<String> checked = new ArrayList<>();
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      if (key.allowedValues().isEmpty() || key.perName()) {
        continue;
      }
      Map<String, Object> node = asMap(asMap(schema.get("properties")).get("config"));
      for (String accessor : key.accessors()) {
        node = asMap(asMap(node.get("properties")).get(accessor));
      }
      assertThat(node.get("enum"))
          .as("values.schema.json enum of config.%s", key.valuesPath())
          .asList()
          .containsExactlyInAnyOrderElementsOf(key.allowedValues());
      checked.add(key.valuesPath());
    }
    assertThat(checked)
        .containsExactlyInAnyOrder(
            "bump.delivery",
            "bump.platform",
            "channels.tlsEngine",
            "git.verify",
            "status.mode",
            "target.kind");
  }

  @Test
  void everyConfigKeyReachesTheContainerAsItsEnvironmentVariable() {
    Path allKeys = CI_VALUES.resolve("all-keys-values.yaml");
    Map<String, Object> values = readYaml(allKeys);
    Map<String, Object> config = flatten(asMap(values.get("config")));
    Map<String, Object> secretFiles = asMap(values.get("secretFiles"));
    Rendered rendered = render(allKeys);
    Map<String, String> env = rendered.env();
    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();

    Set<String> expectedEnv = new TreeSet<>();
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      String property = key.property();
      if (key.perName()) {
        continue; // notifySinksReachTheContainerWithTheirSecretsAsFiles
      }
      if (NEVER_RENDERED.contains(property)) {
        assertThat(env).as("secret value %s", property).doesNotContainKey(key.env());
        continue;
      }
      expectedEnv.add(key.env());
      assertThat(env).as("%s as %s", property, key.env()).containsKey(key.env());
      String actual = env.get(key.env());
      if (CHART_MANAGED.contains(property)) {
        assertThat(actual).isEqualTo(DATA_DIR);
      } else if (SECRET_FILES.containsKey(property)) {
        Map<String, Object> ref = asMap(secretFiles.get(SECRET_FILES.get(property)));
        assertThat(ref)
            .as("all-keys-values.yaml uses secretFiles.%s", SECRET_FILES.get(property))
            .isNotNull();
        assertThat(secretBehind(pod, rendered.container(), actual))
            .as("%s=%s", key.env(), actual)
            .isEqualTo(ref.get("secretName"));
        if (ref.containsKey("key")) {
          assertThat(actual).endsWith("/" + ref.get("key"));
        }
      } else {
        Object value = config.get(key.valuesPath());
        assertThat(value).as("all-keys-values.yaml sets config.%s", key.valuesPath()).isNotNull();
        assertThat(actual).as("%s", key.env()).isEqualTo(String.valueOf(value));
        key.defaultValue()
            .ifPresent(
                d ->
                    assertThat(actual)
                        .as(
                            "all-keys-values.yaml sets %s to a value other than its default",
                            key.valuesPath())
                        .isNotEqualTo(d));
      }
    }
    Set<String> renderedLockstepEnv =
        env.keySet().stream()
            .filter(n -> n.startsWith("LOCKSTEP_") && !n.startsWith(NOTIFY_SINKS))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(renderedLockstepEnv)
        .as("no LOCKSTEP_* variable without a configuration key")
        .containsExactlyElementsOf(expectedEnv);
    assertThat(env)
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", SECRETS_ROOT + "tls/tls.crt")
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", SECRETS_ROOT + "tls/tls.key")
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_RELOAD_PERIOD", "1h");
  }

  private static final String NOTIFY_SINKS = "LOCKSTEP_NOTIFY_SINKS_";

  @Test
  void notifySinksReachTheContainerWithTheirSecretsAsFiles() {
    Path allKeys = CI_VALUES.resolve("all-keys-values.yaml");
    Map<String, Object> sinks = asMap(readYaml(allKeys).get("notifySinks"));
    Rendered rendered = render(allKeys);
    Map<String, String> env = rendered.env();
    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
    Map<String, ConfigKeys.Key> perName = new TreeMap<>();
    ConfigKeys.all().stream()
        .filter(ConfigKeys.Key::perName)
        .forEach(k -> perName.put(k.accessors().get(k.accessors().size() - 1), k));

    Set<String> expectedEnv = new TreeSet<>();
    Set<String> usedKeys = new TreeSet<>();
    sinks.forEach(
        (name, settings) ->
            asMap(settings)
                .forEach(
                    (field, value) -> {
                      ConfigKeys.Key key = perName.get(field);
                      assertThat(key)
                          .as("notifySinks.%s.%s is a sink key", name, field)
                          .isNotNull();
                      usedKeys.add(field);
                      String var = key.env().replace("<NAME>", name.toUpperCase(Locale.ROOT));
                      expectedEnv.add(var);
                      assertThat(env).as("%s for %s", var, key.property(name)).containsKey(var);
                      if (value instanceof Map<?, ?> ref) {
                        assertThat(field).endsWith("File");
                        assertThat(env.get(var)).endsWith("/" + ref.get("key"));
                        assertThat(secretBehind(pod, rendered.container(), env.get(var)))
                            .as("%s=%s", var, env.get(var))
                            .isEqualTo(ref.get("secretName"));
                      } else if (value instanceof List<?> list) {
                        assertThat(env.get(var))
                            .isEqualTo(
                                list.stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(",")));
                      } else {
                        assertThat(env.get(var)).isEqualTo(String.valueOf(value));
                      }
                    }));
    assertThat(usedKeys)
        .as("all-keys-values.yaml sets every sink key in some sink")
        .containsExactlyInAnyOrderElementsOf(perName.keySet());
    assertThat(env.keySet().stream().filter(n -> n.startsWith(NOTIFY_SINKS)))
        .containsExactlyInAnyOrderElementsOf(expectedEnv);

    Map<String, Object> schema = readYaml(Helm.CHART.resolve("values.schema.json"));
    Map<String, Object> sinkSchema =
        asMap(
            asMap(
                    asMap(asMap(schema.get("properties")).get("notifySinks"))
                        .get("patternProperties"))
                .get("^[a-z0-9]{1,30}$"));
    assertThat(asMap(sinkSchema.get("properties")).keySet())
        .as("the schema of a sink names exactly the sink keys")
        .containsExactlyInAnyOrderElementsOf(perName.keySet());
    assertThat(asMap(asMap(sinkSchema.get("properties")).get("type")).get("enum"))
        .asList()
        .containsExactlyInAnyOrderElementsOf(perName.get("type").allowedValues());
    assertThat(asMap(asMap(sinkSchema.get("properties")).get("platform")).get("enum"))
        .asList()
        .containsExactlyInAnyOrderElementsOf(perName.get("platform").allowedValues());
  }

  @Test
  void tctlIsCopiedFromTeleportsImageIntoAReadOnlyFolderWhenAnImageIsGiven() {
    Rendered rendered = render(CI_VALUES.resolve("tctl-init-values.yaml"));
    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers())
        .singleElement()
        .satisfies(
            init -> {
              assertThat(init.getName()).isEqualTo("copy-tctl");
              assertThat(init.getImage())
                  .isEqualTo("public.ecr.aws/gravitational/teleport-distroless-debug:17.5.2");
              assertThat(init.getCommand())
                  .containsExactly("cp", "/usr/local/bin/tctl", "/opt/lockstep/bin/tctl");
              assertThat(init.getVolumeMounts())
                  .singleElement()
                  .satisfies(
                      m -> {
                        assertThat(m.getMountPath()).isEqualTo("/opt/lockstep/bin");
                        assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE);
                      });
            });
    String volume = pod.getInitContainers().get(0).getVolumeMounts().get(0).getName();
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals(volume))
        .singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(rendered.container().getVolumeMounts())
        .filteredOn(m -> m.getName().equals(volume))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/opt/lockstep/bin");
              assertThat(m.getReadOnly()).isTrue();
            });
    assertThat(rendered.env())
        .containsEntry("LOCKSTEP_TARGET_TCTL_PATH", "/opt/lockstep/bin/tctl")
        .containsEntry("LOCKSTEP_TARGET_IDENTITY_FILE", SECRETS_ROOT + "tctl-identity/identity")
        .containsEntry("LOCKSTEP_TARGET_KIND", "kubernetes");

    assertThat(
            render(CI_VALUES.resolve("default-values.yaml"))
                .deployment()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getInitContainers())
        .as("off by default")
        .isNullOrEmpty();
    assertThat(render(CI_VALUES.resolve("tctl-target-values.yaml")).env())
        .as("an explicit tctlPath is kept")
        .containsEntry("LOCKSTEP_TARGET_TCTL_PATH", "/opt/tctl/tctl");
  }

  static Stream<Arguments> leaderElectionCases() {
    return Stream.of(
        Arguments.of(named("one replica: off", "default-values.yaml"), 1, "false"),
        Arguments.of(
            named("three replicas: on by itself", "three-replicas-values.yaml"), 3, "true"),
        Arguments.of(named("two replicas, explicitly on", "all-keys-values.yaml"), 2, "true"));
  }

  @ParameterizedTest(name = "leader election: {0}")
  @MethodSource("leaderElectionCases")
  void leaderElectionIsOnWhenReplicasAreMany(String valuesFile, int replicas, String enabled) {
    Rendered rendered = render(CI_VALUES.resolve(valuesFile));
    assertThat(rendered.deployment().getSpec().getReplicas()).isEqualTo(replicas);
    assertThat(rendered.env()).containsEntry("LOCKSTEP_LEADER_ELECTION_ENABLED", enabled);
    // Without a Lease, an upgrade must not overlap two reconciling pods.
    assertThat(rendered.deployment().getSpec().getStrategy().getType())
        .isEqualTo(enabled.equals("true") ? "RollingUpdate" : "Recreate");
    if (enabled.equals("true")) {
      assertThat(rendered.env()).containsKey("LOCKSTEP_LEADER_ELECTION_NAMESPACE");
    }
  }

  @Test
  void ingressServesTheChannelsOverTls() {
    Rendered rendered = render(CI_VALUES.resolve("ingress-tls-values.yaml"));
    Ingress ingress = rendered.one(Ingress.class);
    assertThat(ingress.getSpec().getTls())
        .singleElement()
        .satisfies(
            tls -> {
              assertThat(tls.getSecretName()).isEqualTo("updates-example-com-tls");
              assertThat(tls.getHosts()).containsExactly("updates.example.com");
            });
    assertThat(ingress.getSpec().getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getHost()).isEqualTo("updates.example.com");
              assertThat(rule.getHttp().getPaths())
                  .extracting(p -> p.getPath())
                  .contains("/channels");
              assertThat(rule.getHttp().getPaths())
                  .allSatisfy(
                      p -> {
                        assertThat(p.getBackend().getService().getName())
                            .isEqualTo(rendered.one(Service.class).getMetadata().getName());
                        assertThat(p.getBackend().getService().getPort().getName())
                            .isEqualTo("http");
                      });
            });
    assertThat(rendered.kinds()).contains("ServiceMonitor", "NetworkPolicy");
    assertThat(rendered.raw()).contains("- port: management\n      path: /q/metrics");
  }

  @Test
  void metricsAreScrapedFromTheManagementPortWhichHasItsOwnNetworkRule() {
    Rendered rendered = render(CI_VALUES.resolve("all-keys-values.yaml"));
    assertThat(rendered.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "9000")
        .containsEntry("prometheus.io/path", "/q/metrics");
    NetworkPolicy policy = rendered.one(NetworkPolicy.class);
    assertThat(policy.getSpec().getIngress())
        .flatExtracting(rule -> rule.getPorts())
        .extracting(port -> port.getPort().getStrVal())
        .contains("http", "management");
    assertThat(
            render(CI_VALUES.resolve("default-values.yaml")).deployment().getSpec().getTemplate())
        .satisfies(
            t ->
                assertThat(
                        t.getMetadata().getAnnotations() == null
                            ? Map.<String, String>of()
                            : t.getMetadata().getAnnotations())
                    .doesNotContainKey("prometheus.io/scrape"));
  }

  @Test
  void notesPointTheKubeAgentUpdaterAtTheChannels() {
    // teleport-semantics §13.3: the updater fetches TrimRight(versionServer, "/") + "/" + channel +
    // "/version".
    Helm.Result result =
        helm.run(
            "install",
            RELEASE,
            Helm.CHART.toString(),
            "--namespace",
            NAMESPACE,
            "--dry-run=client",
            "-f",
            CI_VALUES.resolve("ingress-tls-values.yaml").toString());
    assertThat(result.exit()).as(result.err()).isZero();
    String notes = result.out().substring(result.out().indexOf("NOTES:"));
    assertThat(notes)
        .contains("versionServer: \"https://updates.example.com/channels/\"")
        .contains("releaseChannel:")
        .contains("https://updates.example.com/channels/<channel>/version");
  }

  static Stream<Named<Path>> badValuesFiles() throws IOException {
    try (Stream<Path> files = Files.list(BAD_VALUES)) {
      List<Path> list = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(list).isNotEmpty();
      return list.stream().map(f -> named(f.getFileName().toString(), f));
    }
  }

  private static final Pattern EXPECT = Pattern.compile("^# expect: (.+)$", Pattern.MULTILINE);

  @ParameterizedTest(name = "rejected: {0}")
  @MethodSource("badValuesFiles")
  void badValuesAreRejected(Path values) throws IOException {
    Matcher expect = EXPECT.matcher(Files.readString(values));
    assertThat(expect.find()).as("%s starts with '# expect: <part of the error>'", values).isTrue();
    Helm.Result template =
        helm.run(
            "template",
            RELEASE,
            Helm.CHART.toString(),
            "--namespace",
            NAMESPACE,
            "-f",
            values.toString());
    assertThat(template.exit()).as("helm template with %s", values.getFileName()).isNotZero();
    assertThat(template.err()).contains(expect.group(1).trim());
    if (expect.group(1).startsWith("at '")) {
      // Schema errors fail lint too; a template's `fail` is only logged by helm lint, by design.
      Helm.Result lint =
          helm.run("lint", "--strict", Helm.CHART.toString(), "-f", values.toString());
      assertThat(lint.exit()).as("helm lint --strict with %s", values.getFileName()).isNotZero();
    }
  }

  // ----------------------------------------------------------------------------------------------

  /** The manifests of one `helm template`. */
  record Rendered(String raw, List<HasMetadata> objects) {
    List<String> kinds() {
      return objects.stream().map(HasMetadata::getKind).toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
      List<T> found = all(type);
      assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
      return found.get(0);
    }

    Deployment deployment() {
      return one(Deployment.class);
    }

    Container container() {
      List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
      assertThat(containers).hasSize(1);
      return containers.get(0);
    }

    Map<String, String> env() {
      Map<String, String> env = new LinkedHashMap<>();
      for (EnvVar var : container().getEnv()) {
        assertThat(env.put(var.getName(), var.getValue()))
            .as("duplicate env %s", var.getName())
            .isNull();
      }
      return env;
    }
  }

  private static final Map<Path, Rendered> RENDERED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** `helm template` of the chart with this values file (once per file and test run). */
  private static Rendered render(Path values) {
    return RENDERED.computeIfAbsent(values, ChartRenderIT::renderNow);
  }

  private static Rendered renderNow(Path values) {
    Helm.Result result =
        helm.run(
            "template",
            RELEASE,
            Helm.CHART.toString(),
            "--namespace",
            NAMESPACE,
            "-f",
            values.toString());
    assertThat(result.exit())
        .as("helm template with %s:\n%s", values.getFileName(), result.err())
        .isZero();
    List<HasMetadata> objects = new ArrayList<>();
    Load load = new Load(LoadSettings.builder().setLabel(values.getFileName().toString()).build());
    for (Object document : load.loadAllFromString(result.out())) {
      if (document == null) {
        continue;
      }
      KubernetesResource resource =
          SERIALIZATION.unmarshal(SERIALIZATION.asJson(document), KubernetesResource.class);
      assertThat(resource).isInstanceOf(HasMetadata.class);
      objects.add((HasMetadata) resource);
    }
    return new Rendered(result.out(), objects);
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).as("probe on %s", path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
  }

  private static List<String> emptyDirMounts(PodSpec pod, Container container) {
    Set<String> emptyDirs =
        pod.getVolumes().stream()
            .filter(v -> v.getEmptyDir() != null)
            .map(Volume::getName)
            .collect(Collectors.toSet());
    return container.getVolumeMounts().stream()
        .filter(m -> emptyDirs.contains(m.getName()) && !Boolean.TRUE.equals(m.getReadOnly()))
        .map(VolumeMount::getMountPath)
        .toList();
  }

  /** The name of the Secret whose read-only mount holds this path, or null. */
  private static String secretBehind(PodSpec pod, Container container, String path) {
    for (VolumeMount mount : container.getVolumeMounts()) {
      if (path.equals(mount.getMountPath()) || path.startsWith(mount.getMountPath() + "/")) {
        assertThat(mount.getReadOnly()).as("mount %s read-only", mount.getMountPath()).isTrue();
        return pod.getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .map(Volume::getSecret)
            .filter(Objects::nonNull)
            .map(s -> s.getSecretName())
            .findFirst()
            .orElse(null);
      }
    }
    return null;
  }

  private static Map<String, Object> readYaml(Path file) {
    try {
      Object loaded =
          new Load(LoadSettings.builder().setLabel(file.toString()).build())
              .loadFromString(Files.readString(file));
      return loaded == null ? Map.of() : asMap(loaded);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  /** Leaves of a nested map by dotted path. */
  private static Map<String, Object> flatten(Map<String, Object> tree) {
    Map<String, Object> flat = new TreeMap<>();
    tree.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?>) {
            flatten(asMap(value)).forEach((k, v) -> flat.put(key + "." + k, v));
          } else {
            flat.put(key, value);
          }
        });
    return flat;
  }
}
