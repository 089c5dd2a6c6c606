package dev.lockstep.server.channel;

import dev.lockstep.channel.ChannelDocuments;
import dev.lockstep.channel.ChannelNames;
import dev.lockstep.server.LockstepConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * {@code GET|HEAD /channels/<channel>/{version,critical}} and the same under Teleport's Proxy paths
 * {@code /v1/webapi/automaticupgrades/channel/} and {@code /webapi/automaticupgrades/channel/}
 * (teleport-semantics §13.2). Plain Vert.x routes over precomputed buffers: a JAX-RS resource costs
 * several times the throughput, and updaters poll every minute per agent.
 *
 * <p>Answers: 200 with the body; 304 when {@code If-None-Match} names the current entity tag; 400
 * for a path that can never name a channel ({@code ..}, percent-escapes, empty segments, other
 * characters, a last segment other than {@code version}/{@code critical}); 404 for a well-formed
 * unknown channel; 405 with {@code Allow: GET, HEAD} for any other method; 503 before the first
 * revision is published. The request path is only ever looked up in a map, never joined onto a file
 * system path; {@link dev.lockstep.server.PathGuard} has refused dot segments before routing.
 */
@ApplicationScoped
public class ChannelRoutes {
  static final CharSequence REVISION_HEADER = HttpHeaders.createOptimized("X-Lockstep-Revision");
  private static final CharSequence TEXT_PLAIN =
      HttpHeaders.createOptimized("text/plain; charset=utf-8");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
  private static final CharSequence ALLOW = HttpHeaders.createOptimized("GET, HEAD");
  private static final int MAX_PATH = 1024;

  private final ChannelStore store;
  private final boolean enabled;
  private final CharSequence cacheControl;

  @Inject
  public ChannelRoutes(ChannelStore store, LockstepConfig config) {
    this.store = store;
    this.enabled = config.channels().enabled();
    this.cacheControl =
        HttpHeaders.createOptimized("max-age=" + Math.max(0, config.channels().maxAgeSeconds()));
  }

  void register(@Observes Router router) {
    if (!enabled) {
      return;
    }
    for (String prefix : ChannelSnapshot.PREFIXES) {
      router
          .route(prefix + "*")
          .order(-100)
          .method(HttpMethod.GET)
          .method(HttpMethod.HEAD)
          .handler(this::handle);
      router.route(prefix + "*").order(-99).handler(ChannelRoutes::methodNotAllowed);
    }
  }

  /** Any other method on a channel path: channels are read-only. */
  private static void methodNotAllowed(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
    error(ctx.response(), 405, "channels are read-only: use GET or HEAD");
  }

  void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = request.response();
    ChannelSnapshot snapshot = store.snapshot();
    if (snapshot == null) {
      store.metrics().count(ChannelMetrics.NONE, 503);
      error(response, 503, "no revision has been published yet");
      return;
    }
    String path = request.path();
    ChannelSnapshot.Reply reply = snapshot.lookup(path);
    if (reply == null) {
      notServed(response, snapshot, path);
      return;
    }
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN)
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
        .putHeader(HttpHeaders.ETAG, reply.etag())
        .putHeader(REVISION_HEADER, snapshot.revisionHeader());
    String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, reply.etag())) {
      store.metrics().count(reply.channel(), 304);
      response.setStatusCode(304).end();
      return;
    }
    store.metrics().count(reply.channel(), 200);
    response.putHeader(HttpHeaders.CONTENT_LENGTH, reply.contentLength());
    if (request.method() == HttpMethod.HEAD) {
      response.end();
    } else {
      response.end(reply.body());
    }
  }

  /** The slow path: tells a malformed path (400) from an unknown channel (404). */
  private void notServed(HttpServerResponse response, ChannelSnapshot snapshot, String path) {
    String rest = null;
    if (path != null && path.length() <= MAX_PATH) {
      for (String prefix : ChannelSnapshot.PREFIXES) {
        if (path.startsWith(prefix)) {
          rest = path.substring(prefix.length());
          break;
        }
      }
    }
    int slash = rest == null ? -1 : rest.lastIndexOf('/');
    String type = slash < 0 ? null : rest.substring(slash + 1);
    String channel = slash < 0 ? null : rest.substring(0, slash);
    response.putHeader(REVISION_HEADER, snapshot.revisionHeader());
    store
        .metrics()
        .count(
            ChannelMetrics.UNKNOWN,
            channel != null
                    && ChannelNames.isValid(channel)
                    && (ChannelDocuments.VERSION.equals(type)
                        || ChannelDocuments.CRITICAL.equals(type))
                ? 404
                : 400);
    if (rest == null || rest.isEmpty() || slash <= 0) {
      error(
          response,
          400,
          "path format should be <prefix>/<channel>/version or <prefix>/<channel>/critical");
    } else if (!ChannelDocuments.VERSION.equals(type) && !ChannelDocuments.CRITICAL.equals(type)) {
      error(response, 400, "the path must end with 'version' or 'critical'");
    } else if (!ChannelNames.isValid(channel)) {
      error(response, 400, "not a valid channel name");
    } else {
      error(
          response,
          404,
          "channel \"" + channel + "\" not found in revision " + snapshot.revision());
    }
  }

  private static void error(HttpServerResponse response, int status, String reason) {
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE)
        .end(reason + "\n");
  }
}
