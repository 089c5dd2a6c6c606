package dev.lockstep.server;

import dev.lockstep.server.channel.ChannelSnapshot;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * With {@code lockstep.api.read-token-file} set, every read of the main port except the release
 * channels ({@code /api/status}, {@code /api/plan}, the pages) needs {@code Authorization: Bearer}
 * with the read token or the write token; 401 otherwise. Channels stay public, webhooks keep their
 * signatures, the write API its own token. Health and metrics are on the management port.
 */
@ApplicationScoped
public class ReadGuard {
  private final Optional<BearerToken> read;
  private final Optional<BearerToken> write;

  @Inject
  public ReadGuard(LockstepConfig config) {
    this.read = BearerToken.read(config.api().readTokenFile(), "lockstep.api.read-token-file");
    this.write = BearerToken.read(config.api().tokenFile(), "lockstep.api.token-file");
  }

  void register(@Observes Router router) {
    if (read.isPresent()) {
      router.route().order(PathGuard.ORDER + 1).handler(this::check);
    }
  }

  private void check(RoutingContext ctx) {
    if (!needsToken(ctx.request().method(), ctx.request().path())) {
      ctx.next();
      return;
    }
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (read.get().matches(authorization)
        || write.map(w -> w.matches(authorization)).orElse(false)) {
      ctx.next();
      return;
    }
    ctx.response()
        .setStatusCode(401)
        .putHeader("WWW-Authenticate", "Bearer")
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end("{\"error\":\"missing or wrong bearer token (lockstep.api.read-token-file)\"}");
  }

  /** Reads (GET, HEAD) of anything but the release channels. */
  static boolean needsToken(HttpMethod method, String path) {
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      return false;
    }
    return ChannelSnapshot.PREFIXES.stream().noneMatch(path::startsWith);
  }
}
