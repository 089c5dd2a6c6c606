package dev.lockstep.server;

import dev.lockstep.reconcile.Reconciler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Health of {@code serve}: live while the JVM runs; started once the loop is wired; ready once a
 * revision passed validation (on every replica, leader or not). A Git or cluster outage keeps the
 * service ready on its last good revision and shows as {@code degraded} with the reason.
 */
@ApplicationScoped
public class ServeHealth {
  @Inject LockstepService service;

  @Liveness
  HealthCheck live() {
    return () -> HealthCheckResponse.up("lockstep");
  }

  @Startup
  HealthCheck started() {
    return () -> HealthCheckResponse.named("lockstep-started").status(service.isStarted()).build();
  }

  @Readiness
  HealthCheck ready() {
    return () -> {
      HealthCheckResponseBuilder b = HealthCheckResponse.named("lockstep-reconcile");
      if (!service.isStarted()) {
        return b.down().withData("reason", "starting").build();
      }
      Reconciler.Health h = service.reconciler().health();
      b.status(h.goodRevision().isPresent());
      b.withData("revision", h.goodRevision().orElse("none yet"));
      b.withData("leader", service.isLeader());
      b.withData("suspended", h.suspended());
      b.withData("degraded", h.gitProblem().isPresent() || h.clusterProblem().isPresent());
      h.gitProblem().ifPresent(p -> b.withData("git", p));
      h.clusterProblem().ifPresent(p -> b.withData("cluster", p));
      if (h.goodRevision().isEmpty()) {
        service.reconciler().lastReport().ifPresent(r -> b.withData("reason", r.message()));
      }
      return b.build();
    };
  }
}
