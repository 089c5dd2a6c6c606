package dev.lockstep.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
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
