package dev.lockstep.server;

import dev.lockstep.plan.PlanFormat;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.reconcile.StatusYaml;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API: {@code GET /api/status} (the status document as JSON), {@code GET /api/plan} (the
 * planned timeline of the revision in force, as {@code lockstep plan --format json} prints it), and
 * {@code POST /api/reconcile}, {@code /api/suspend}, {@code /api/resume} with {@code Authorization:
 * Bearer <token>} from {@code lockstep.api.token-file} (404 when no token file is set, 401
 * otherwise). With {@code lockstep.api.read-token-file} set, the reads need a token too ({@link
 * ReadGuard}).
 */
@Path("/api")
@Singleton
public class ApiResource {
  @Inject LockstepConfig config;
  @Inject LockstepService service;

  private Optional<BearerToken> token;

  @PostConstruct
  void init() {
    token = BearerToken.read(config.api().tokenFile(), "lockstep.api.token-file");
  }

  @GET
  @Path("/status")
  @Produces(MediaType.APPLICATION_JSON)
  public Response status() {
    Optional<StatusDocument> s =
        service.isStarted() ? service.reconciler().status() : Optional.empty();
    return s.map(d -> Response.ok(StatusYaml.tree(d)).build())
        .orElseGet(
            () -> error(Response.Status.SERVICE_UNAVAILABLE, "no reconcile has finished yet"));
  }

  @GET
  @Path("/plan")
  @Produces(MediaType.APPLICATION_JSON)
  public Response plan() {
    return (service.isStarted()
            ? service.reconciler().currentPlan()
            : Optional.<dev.lockstep.plan.Plan>empty())
        .map(p -> Response.ok(PlanFormat.JSON.render(p), MediaType.APPLICATION_JSON).build())
        .orElseGet(
            () -> error(Response.Status.SERVICE_UNAVAILABLE, "no valid revision planned yet"));
  }

  @POST
  @Path("/reconcile")
  @Produces(MediaType.APPLICATION_JSON)
  public Response reconcile(@HeaderParam("Authorization") String authorization) {
    return authorized(authorization)
        .orElseGet(
            () ->
                Response.accepted(
                        Map.of(
                            "reconcile",
                            service.trigger().name().toLowerCase(java.util.Locale.ROOT)))
                    .build());
  }

  @POST
  @Path("/suspend")
  @Produces(MediaType.APPLICATION_JSON)
  public Response suspend(@HeaderParam("Authorization") String authorization) {
    return authorized(authorization)
        .orElseGet(
            () -> {
              service.reconciler().suspend(true);
              service.trigger();
              return Response.ok(Map.of("suspended", true)).build();
            });
  }

  @POST
  @Path("/resume")
  @Produces(MediaType.APPLICATION_JSON)
  public Response resume(@HeaderParam("Authorization") String authorization) {
    return authorized(authorization)
        .orElseGet(
            () -> {
              service.reconciler().suspend(false);
              service.trigger();
              return Response.ok(Map.of("suspended", false)).build();
            });
  }

  /** Empty when the request may proceed, else the answer to give. */
  private Optional<Response> authorized(String header) {
    if (token.isEmpty()) {
      return Optional.of(
          error(
              Response.Status.NOT_FOUND,
              "the write API is disabled (set lockstep.api.token-file)"));
    }
    if (!service.isStarted()) {
      return Optional.of(error(Response.Status.SERVICE_UNAVAILABLE, "starting"));
    }
    if (!token.get().matches(header)) {
      return Optional.of(
          Response.status(Response.Status.UNAUTHORIZED)
              .header("WWW-Authenticate", "Bearer")
              .type(MediaType.APPLICATION_JSON)
              .entity(Map.of("error", "missing or wrong bearer token"))
              .build());
    }
    return Optional.empty();
  }

  private static Response error(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", message))
        .build();
  }
}
