package dev.lockstep.server;

import dev.lockstep.dashboard.Assets;
import dev.lockstep.dashboard.DashboardInput;
import dev.lockstep.dashboard.Observation;
import dev.lockstep.dashboard.Pages;
import dev.lockstep.model.Version;
import dev.lockstep.reconcile.Reconciler;
import dev.lockstep.reconcile.StatusDocument;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The dashboard, read-only, on the main port: {@code GET /} (the fleet), {@code GET
 * /clusters/<name>} (one cluster), the style sheet and script under {@code /dashboard/}, and {@code
 * GET /dashboard/generation}, the cheap text the script polls to refresh without a reload. Pages
 * come from {@link Pages} over a {@link DashboardInput} built from what the service already serves
 * as {@code /api/status} and {@code /api/plan}. {@link PathGuard} and {@link ReadGuard} run before
 * these routes, so the read token guards the pages as it guards the API. Every answer forbids
 * loading anything from another origin (Content-Security-Policy).
 */
@ApplicationScoped
public class DashboardRoutes {
  /** Only Lockstep's own script, style sheet and fetches; no frame, form, plugin or base. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final Buffer STYLE = Buffer.buffer(Assets.STYLE, "UTF-8");
  private static final Buffer SCRIPT = Buffer.buffer(Assets.SCRIPT, "UTF-8");
  private static final Buffer ICON = Buffer.buffer(Assets.ICON, "UTF-8");

  @Inject LockstepService service;
  @Inject LockstepConfig config;

  private final Clock clock = Clock.systemUTC();

  void register(@Observes Router router) {
    router.get("/").order(-90).blockingHandler(ctx -> page(ctx, Pages.fleet(input())), false);
    router.getWithRegex("/clusters/([^/]+)").order(-90).blockingHandler(this::cluster, false);
    router
        .get(Pages.STYLE_PATH)
        .order(-90)
        .handler(ctx -> asset(ctx, "text/css; charset=utf-8", STYLE));
    router
        .get(Pages.SCRIPT_PATH)
        .order(-90)
        .handler(ctx -> asset(ctx, "text/javascript; charset=utf-8", SCRIPT));
    router.get(Pages.ICON_PATH).order(-90).handler(ctx -> asset(ctx, "image/svg+xml", ICON));
    router.get("/favicon.ico").order(-90).handler(ctx -> asset(ctx, "image/svg+xml", ICON));
    router
        .get(Pages.GENERATION_PATH)
        .order(-90)
        .handler(
            ctx ->
                headers(ctx.response(), "text/plain; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(generation()));
    for (String path : new String[] {"/", "/clusters/*", "/dashboard/*"}) {
      router.route(path).order(-89).handler(DashboardRoutes::readOnly);
    }
  }

  private void cluster(RoutingContext ctx) {
    String name = URLDecoder.decode(ctx.pathParam("param0"), StandardCharsets.UTF_8);
    Optional<String> html = Pages.cluster(input(), name);
    if (html.isEmpty()) {
      headers(ctx.response(), "text/plain; charset=utf-8")
          .setStatusCode(404)
          .end("no cluster of that name in the revision in force\n");
      return;
    }
    page(ctx, html.get());
  }

  private static void page(RoutingContext ctx, String html) {
    headers(ctx.response(), "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(html);
  }

  private static void asset(RoutingContext ctx, String type, Buffer body) {
    headers(ctx.response(), type).putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(body);
  }

  private static HttpServerResponse headers(HttpServerResponse r, String type) {
    return r.putHeader(HttpHeaders.CONTENT_TYPE, type)
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
  }

  /** Any other method on a dashboard path: the dashboard is read-only. */
  private static void readOnly(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD) {
      ctx.next();
      return;
    }
    headers(ctx.response(), "text/plain; charset=utf-8")
        .putHeader(HttpHeaders.ALLOW, "GET, HEAD")
        .setStatusCode(405)
        .end("the dashboard is read-only: use GET\n");
  }

  /** Changes with every finished run and every status; cheap to compute. */
  private String generation() {
    if (!service.isStarted()) {
      return "starting";
    }
    Reconciler r = service.reconciler();
    return service.completedRuns()
        + "-"
        + r.status().map(s -> s.updatedAt().toEpochMilli()).orElse(0L)
        + (r.isSuspended() ? "-suspended" : "");
  }

  /** The view of what the service holds now. */
  DashboardInput input() {
    Optional<String> configured = config.cluster();
    if (!service.isStarted()) {
      return DashboardInput.nothingRead(clock.instant(), generation(), configured);
    }
    Reconciler r = service.reconciler();
    Optional<StatusDocument> status = r.status();
    Optional<String> named =
        configured.or(
            () ->
                config.git().url().isEmpty()
                    ? Optional.of(ServeSettings.EMBEDDED_CLUSTER)
                    : Optional.empty());
    Optional<Version> live =
        status
            .map(StatusDocument::cluster)
            .or(() -> named)
            .flatMap(name -> r.inForce().flatMap(e -> e.state().cluster(name)))
            .flatMap(service::lastLiveVersion);
    return new DashboardInput(
        clock.instant(),
        generation(),
        named,
        status,
        r.currentPlan(),
        status.flatMap(Observation::of),
        r.inForce(),
        r.lastRefused(),
        r.isSuspended(),
        service.peerStatuses(),
        live);
  }
}
