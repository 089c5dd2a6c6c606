package dev.lockstep.cluster;

import dev.lockstep.model.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's mock API server in CRUD mode on 127.0.0.1, taught server-side apply. The stock CRUD
 * dispatcher answers 415 to {@code application/apply-patch+yaml}; here an apply of an absent object
 * becomes a create and an apply of a present one a JSON merge patch. That is close enough for these
 * tests (which never drop a field from the applied configuration, the one place SSA and merge patch
 * differ). Every apply request is recorded so tests can assert the field manager and force flag.
 */
public final class MockApiServer implements AutoCloseable {
  private final KubernetesMockServer server;
  public final KubernetesClient client;
  final List<String> applyRequests = new CopyOnWriteArrayList<>();

  public MockApiServer() throws UnknownHostException {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new ApplyingDispatcher(), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
  }

  private final class ApplyingDispatcher extends KubernetesCrudDispatcher {
    @Override
    public MockResponse handlePatch(RecordedRequest request) {
      String type = request.getHeader("Content-Type");
      if (type == null || !type.contains("apply-patch")) {
        return super.handlePatch(request);
      }
      applyRequests.add(request.getPath());
      String path = request.getPath();
      int query = path.indexOf('?');
      String bare = query < 0 ? path : path.substring(0, query);
      Buffer body = new Buffer(request.getBody().getBytes());
      if (handleGet(bare).code() == 404) {
        String collection = bare.substring(0, bare.lastIndexOf('/'));
        return handleCreate(
            new RecordedRequest(
                request.getHttpVersion(),
                HttpMethod.POST,
                collection,
                request.getHeaders().newBuilder().set("Content-Type", "application/json").build(),
                body));
      }
      return super.handlePatch(
          new RecordedRequest(
              request.getHttpVersion(),
              HttpMethod.PATCH,
              bare,
              request
                  .getHeaders()
                  .newBuilder()
                  .set("Content-Type", "application/merge-patch+json")
                  .build(),
              body));
    }
  }

  /**
   * Registers the Teleport operator's CRDs and stores one custom resource of {@code kind} (named
   * after its singleton), with the labels, annotations and status an operator-managed object
   * carries, as a user would find it in a running cluster.
   */
  public void putTeleportResource(ResourceKind kind, String namespace, Map<String, Object> spec) {
    FakeOperator.installCrds(client);
    ResourceDefinitionContext ctx = KubernetesTarget.crd(kind).orElseThrow();
    GenericKubernetesResource cr = new GenericKubernetesResource();
    cr.setApiVersion(ctx.getGroup() + "/" + ctx.getVersion());
    cr.setKind(ctx.getKind());
    cr.setMetadata(
        new ObjectMetaBuilder()
            .withName(kind.singletonName())
            .withNamespace(namespace)
            .withLabels(Map.of("app.kubernetes.io/managed-by", "helm"))
            .withAnnotations(Map.of("meta.helm.sh/release-name", "teleport"))
            .build());
    cr.setAdditionalProperty("spec", spec);
    cr.setAdditionalProperty(
        "status",
        Map.of("conditions", List.of(Map.of("type", "SuccessfullyReconciled", "status", "True"))));
    client.genericKubernetesResources(ctx).inNamespace(namespace).resource(cr).create();
  }

  /**
   * Writes {@code file}: a kubeconfig whose current context reaches this server with a dummy token,
   * namespace {@code teleport}, as {@code KUBECONFIG} names it for a command line.
   */
  public Path writeKubeconfig(Path file) throws IOException {
    return Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s"}}]
        users: [{name: mock, user: {token: mock-token}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: teleport}}]
        current-context: mock
        """
            .formatted(client.getMasterUrl()));
  }

  /** The body as text, for debugging. */
  static String text(Buffer b) {
    return new String(b.getBytes(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
