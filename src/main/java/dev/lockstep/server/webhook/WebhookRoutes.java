package dev.lockstep.server.webhook;

import dev.lockstep.reconcile.Coalescer;
import dev.lockstep.server.ConfigProblem;
import dev.lockstep.server.LockstepConfig;
import dev.lockstep.server.LockstepService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Webhooks that trigger a reconcile: {@code POST /hooks/github} ({@code X-Hub-Signature-256}),
 * {@code /hooks/gitlab} ({@code X-Gitlab-Token}), {@code /hooks/generic} ({@code X-Signature:
 * sha256=<hex HMAC-SHA256>}), each enabled by its secret file (404 otherwise).
 *
 * <p>In this order: a declared {@code Content-Length} over the cap is 413 at once; the body is read
 * as it streams and answered 413 the moment it passes the cap (a chunked body included), the rest
 * dropped unbuffered (at most {@link #DISCARD_LIMIT}, then the connection is closed); then the
 * signature is checked. A missing or wrong signature is 401, counted against its source address's
 * own budget of failed attempts ({@link FailureLimiter}), 429 once that is spent; it never touches
 * the budget of signed deliveries. A signed delivery for another ref than {@code lockstep.git.ref},
 * or GitHub's {@code ping}, is 200 with {@code "reconcile": "none"}; any other signed delivery
 * takes a token of {@code webhook.rate-per-minute} (429 when none is left) and asks the coalescer
 * (202). Plain Vert.x routes: the body is never buffered beyond the cap.
 */
@ApplicationScoped
public class WebhookRoutes {
  private static final Logger LOG = Logger.getLogger(WebhookRoutes.class);

  /** Failed attempts allowed per source address and minute. */
  static final int FAILURES_PER_MINUTE = 20;

  /** Source addresses remembered by the failure budget. */
  static final int MAX_ADDRESSES = 4096;

  /** How much of an oversized body is read and dropped before the connection is closed. */
  static final long DISCARD_LIMIT = 16L << 20;

  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  /** One endpoint: its secret and how a request proves it knows the secret. */
  private record Hook(String kind, Optional<byte[]> secret, String header, Check check) {}

  @FunctionalInterface
  private interface Check {
    boolean valid(byte[] secret, byte[] body, String header);
  }

  private final LockstepConfig config;
  private final LockstepService service;
  private final RateLimiter signed;
  private final FailureLimiter failures;
  private final int max;

  @Inject
  public WebhookRoutes(LockstepConfig config, LockstepService service) {
    this.config = config;
    this.service = service;
    this.signed = new RateLimiter(config.webhook().ratePerMinute(), System::nanoTime);
    this.failures = new FailureLimiter(FAILURES_PER_MINUTE, MAX_ADDRESSES, System::nanoTime);
    this.max = config.webhook().maxPayloadBytes();
  }

  void register(@Observes Router router) {
    LockstepConfig.Webhook w = config.webhook();
    route(
        router,
        new Hook(
            "github",
            secret(w.githubSecretFile(), "lockstep.webhook.github-secret-file"),
            "X-Hub-Signature-256",
            WebhookSignatures::validHmac));
    route(
        router,
        new Hook(
            "gitlab",
            secret(w.gitlabTokenFile(), "lockstep.webhook.gitlab-token-file"),
            "X-Gitlab-Token",
            (secret, body, header) -> WebhookSignatures.validToken(secret, header)));
    route(
        router,
        new Hook(
            "generic",
            secret(w.hmacSecretFile(), "lockstep.webhook.hmac-secret-file"),
            "X-Signature",
            WebhookSignatures::validHmac));
  }

  private void route(Router router, Hook hook) {
    router.route(HttpMethod.POST, "/hooks/" + hook.kind()).handler(ctx -> receive(ctx, hook));
  }

  private static Optional<byte[]> secret(Optional<Path> file, String key) {
    return file.map(
        f -> {
          try {
            return Files.readString(f).strip().getBytes(StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new ConfigProblem(
                key,
                "names " + f + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
          }
        });
  }

  private void receive(RoutingContext ctx, Hook hook) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    if (hook.secret().isEmpty()) {
      answer(response, 404, error("the " + hook.kind() + " webhook is not configured"));
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    long declared = length == null ? -1 : declared(length);
    Buffer body = Buffer.buffer();
    long[] discarded = {0};
    boolean[] cut = {false};
    if (declared > max) {
      cut[0] = true;
      tooLarge(request, declared > DISCARD_LIMIT);
    }
    request.handler(
        chunk -> {
          if (!cut[0] && body.length() + chunk.length() > max) {
            cut[0] = true;
            tooLarge(request, false);
          }
          if (cut[0]) {
            discarded[0] += chunk.length();
            if (discarded[0] > DISCARD_LIMIT) {
              request.connection().close();
            }
            return;
          }
          body.appendBuffer(chunk);
        });
    request.exceptionHandler(e -> cut[0] = true);
    request.endHandler(
        v -> {
          if (!cut[0]) {
            decide(request, response, hook, body.getBytes());
          }
        });
    request.resume();
  }

  private static long declared(String length) {
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Answers 413 now. The rest of the body is read and dropped, so the sender sees the answer rather
   * than a reset, up to {@link #DISCARD_LIMIT}; then, or at once when {@code closeNow}, the
   * connection is closed.
   */
  private void tooLarge(HttpServerRequest request, boolean closeNow) {
    request
        .response()
        .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(error("payload larger than " + max + " bytes").encode())
        .onComplete(
            done -> {
              if (closeNow) {
                request.connection().close();
              }
            });
  }

  private void decide(
      HttpServerRequest request, HttpServerResponse response, Hook hook, byte[] body) {
    String header = request.getHeader(hook.header());
    if (!hook.check().valid(hook.secret().get(), body, header)) {
      String address =
          request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
      if (failures.tryFail(address)) {
        LOG.warnf("%s webhook refused: bad or missing signature from %s", hook.kind(), address);
        answer(response, 401, error("bad or missing signature"));
      } else {
        LOG.debugf("%s webhook refused: too many failed attempts from %s", hook.kind(), address);
        answer(response, 429, error("too many failed attempts from this address"));
      }
      return;
    }
    Optional<String> ignored = ignoreReason(request.getHeader("X-GitHub-Event"), body);
    if (ignored.isPresent()) {
      LOG.debugf("%s webhook ignored: %s", hook.kind(), ignored.get());
      answer(response, 200, new JsonObject().put("reconcile", "none").put("reason", ignored.get()));
      return;
    }
    if (!signed.tryAcquire()) {
      answer(response, 429, error("rate limited"));
      return;
    }
    Coalescer.Request r = service.triggerThrottled();
    LOG.debugf("%s webhook accepted: %s", hook.kind(), r);
    answer(response, 202, new JsonObject().put("reconcile", r.name().toLowerCase(Locale.ROOT)));
  }

  /**
   * Why an authenticated delivery does not call for a reconcile, if it does not: GitHub's {@code
   * ping} (sent once when the hook is created), or a push to another ref than the one followed.
   */
  private Optional<String> ignoreReason(String event, byte[] body) {
    if ("ping".equals(event)) {
      return Optional.of("ping");
    }
    String followed = config.git().ref();
    return PushEvents.pushedRef(body)
        .filter(ref -> !PushEvents.concerns(ref, followed))
        .map(ref -> "push to " + ref + "; following " + followed);
  }

  private static JsonObject error(String message) {
    return new JsonObject().put("error", message);
  }

  private static void answer(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.encode());
  }
}
