package dev.lockstep.server;

import dev.lockstep.reconcile.Coalescer;
import dev.lockstep.server.webhook.PushEvents;
import dev.lockstep.server.webhook.RateLimiter;
import dev.lockstep.server.webhook.WebhookSignatures;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Webhooks that trigger a reconcile: {@code POST /hooks/github} ({@code X-Hub-Signature-256}),
 * {@code /hooks/gitlab} ({@code X-Gitlab-Token}), {@code /hooks/generic} ({@code X-Signature:
 * sha256=<hex HMAC-SHA256>}). Each is enabled by its secret file (404 otherwise). Answers 429 over
 * the rate limit, 413 over the size cap, 401 for a bad or missing signature, 202 when accepted; an
 * accepted hook only asks the coalescer, so a burst during a run causes one follow-up run at most.
 * An authenticated push to another ref than {@code lockstep.git.ref} (such as Lockstep's own status
 * branch) and GitHub's {@code ping} get 200 with {@code "reconcile": "none"} and a reason.
 */
@Path("/hooks")
@Singleton
public class WebhookResource {
  private static final Logger LOG = Logger.getLogger(WebhookResource.class);

  @Inject LockstepConfig config;
  @Inject LockstepService service;

  private RateLimiter limiter;
  private Optional<byte[]> github;
  private Optional<byte[]> gitlab;
  private Optional<byte[]> generic;

  @PostConstruct
  void init() {
    limiter = new RateLimiter(config.webhook().ratePerMinute(), System::nanoTime);
    github = secret(config.webhook().githubSecretFile());
    gitlab = secret(config.webhook().gitlabTokenFile());
    generic = secret(config.webhook().hmacSecretFile());
  }

  private static Optional<byte[]> secret(Optional<java.nio.file.Path> file) {
    return file.map(
        f -> {
          try {
            return Files.readString(f).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new IllegalStateException(
                "cannot read the webhook secret file "
                    + f
                    + " ("
                    + e.getClass().getSimpleName()
                    + ")");
          }
        });
  }

  @POST
  @Path("/github")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response github(
      @HeaderParam("Content-Length") Long length,
      @HeaderParam("X-Hub-Signature-256") String signature,
      @HeaderParam("X-GitHub-Event") String event,
      InputStream body) {
    return handle(
        "github",
        github,
        length,
        body,
        (secret, bytes) -> WebhookSignatures.validHmac(secret, bytes, signature),
        event);
  }

  @POST
  @Path("/gitlab")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response gitlab(
      @HeaderParam("Content-Length") Long length,
      @HeaderParam("X-Gitlab-Token") String token,
      InputStream body) {
    return handle(
        "gitlab",
        gitlab,
        length,
        body,
        (secret, bytes) -> WebhookSignatures.validToken(secret, token),
        null);
  }

  @POST
  @Path("/generic")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response generic(
      @HeaderParam("Content-Length") Long length,
      @HeaderParam("X-Signature") String signature,
      InputStream body) {
    return handle(
        "generic",
        generic,
        length,
        body,
        (secret, bytes) -> WebhookSignatures.validHmac(secret, bytes, signature),
        null);
  }

  private interface Check {
    boolean valid(byte[] secret, byte[] body);
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

  /** {@code event}: GitHub's {@code X-GitHub-Event}, or null. */
  private Response handle(
      String kind,
      Optional<byte[]> secret,
      Long length,
      InputStream body,
      Check check,
      String event) {
    if (secret.isEmpty()) {
      return answer(Response.Status.NOT_FOUND, "the " + kind + " webhook is not configured");
    }
    if (!limiter.tryAcquire()) {
      return answer(Response.Status.TOO_MANY_REQUESTS, "rate limited");
    }
    int max = config.webhook().maxPayloadBytes();
    if (length != null && length > max) {
      return answer(
          Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload larger than " + max + " bytes");
    }
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(max + 1);
    } catch (IOException e) {
      return answer(Response.Status.BAD_REQUEST, "cannot read the payload");
    }
    if (bytes.length > max) {
      return answer(
          Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload larger than " + max + " bytes");
    }
    if (!check.valid(secret.get(), bytes)) {
      LOG.warnf("%s webhook refused: bad or missing signature", kind);
      return answer(Response.Status.UNAUTHORIZED, "bad or missing signature");
    }
    Optional<String> ignored = ignoreReason(event, bytes);
    if (ignored.isPresent()) {
      LOG.debugf("%s webhook ignored: %s", kind, ignored.get());
      return Response.ok(Map.of("reconcile", "none", "reason", ignored.get())).build();
    }
    Coalescer.Request r = service.triggerThrottled();
    LOG.debugf("%s webhook accepted: %s", kind, r);
    return Response.accepted(Map.of("reconcile", r.name().toLowerCase(java.util.Locale.ROOT)))
        .build();
  }

  private static Response answer(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", message))
        .build();
  }
}
