package dev.lockstep.server;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses, with 400 and before any routing, a request whose raw path could name something other
 * than what it spells: a dot segment ({@code /channels/../api/status}, also percent-encoded as
 * {@code %2e%2e} or {@code .%2E}), an encoded slash or backslash ({@code %2f}, {@code %5c}), a
 * backslash, or an encoded NUL. The router matches normalised paths, so without this check {@code
 * /channels/%2e%2e/q/metrics} would reach the metrics. Runs on the main and the management router.
 */
@ApplicationScoped
public class PathGuard {
  /** Before every other route, Quarkus's own included. */
  static final int ORDER = Integer.MIN_VALUE;

  void register(@Observes Router router) {
    router.route().order(ORDER).handler(PathGuard::check);
  }

  void registerManagement(@Observes ManagementInterface management) {
    management.router().route().order(ORDER).handler(PathGuard::check);
  }

  private static void check(RoutingContext ctx) {
    Optional<String> problem = problem(ctx.request().path());
    if (problem.isEmpty()) {
      ctx.next();
      return;
    }
    ctx.response()
        .setStatusCode(400)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(problem.get() + "\n");
  }

  /**
   * Why a raw request path (as received: not decoded, not normalised) is refused, or empty when it
   * may be routed.
   */
  static Optional<String> problem(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return Optional.of("the request has no path");
    }
    if (rawPath.indexOf('\\') >= 0) {
      return Optional.of("the request path holds a backslash");
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c")) {
      return Optional.of("the request path holds an encoded slash or backslash");
    }
    if (lower.contains("%00")) {
      return Optional.of("the request path holds an encoded NUL");
    }
    for (String segment : lower.split("/", -1)) {
      String decoded = segment.replace("%2e", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        return Optional.of("the request path holds a dot segment (. or ..)");
      }
    }
    return Optional.empty();
  }
}
