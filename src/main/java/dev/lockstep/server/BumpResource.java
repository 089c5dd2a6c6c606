package dev.lockstep.server;

import dev.lockstep.bump.BumpService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/bump}: the last scheduled bump, one entry per cluster with its result, versions,
 * reason and where the proposal went (404 when {@code lockstep.bump.enabled} is off, 503 until a
 * run has finished). Guarded like every read by {@code lockstep.api.read-token-file}.
 */
@Path("/api/bump")
@Singleton
public class BumpResource {
  @Inject BumpJob job;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response last() {
    if (!job.enabled()) {
      return error(Response.Status.NOT_FOUND, "scheduled bumps are off (lockstep.bump.enabled)");
    }
    return job.lastRun()
        .map(r -> Response.ok(tree(r)).build())
        .orElseGet(() -> error(Response.Status.SERVICE_UNAVAILABLE, "no bump has run yet"));
  }

  static Map<String, Object> tree(BumpService.Run run) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("at", run.at().toString());
    out.put("revision", run.revision());
    out.put("ok", run.ok());
    out.put("problem", run.problem());
    List<Map<String, Object>> clusters = new ArrayList<>();
    for (BumpService.ClusterResult c : run.clusters()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cluster", c.cluster());
      m.put("result", c.result().label());
      m.put("current", c.current().map(Object::toString).orElse(null));
      m.put("proposed", c.proposed().map(Object::toString).orElse(null));
      m.put("reason", c.reason());
      m.put("delivery", c.delivered().map(d -> d.mode() + " " + d.action()).orElse(null));
      m.put("branch", c.delivered().flatMap(d -> d.branch()).orElse(null));
      m.put("pull_request", c.delivered().flatMap(d -> d.pullRequest()).orElse(null));
      clusters.add(m);
    }
    out.put("clusters", clusters);
    return out;
  }

  private static Response error(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", message))
        .build();
  }
}
