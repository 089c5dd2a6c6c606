package dev.lockstep.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.finding.Severity;
import dev.lockstep.model.SourceLocation;
import dev.lockstep.reconcile.StatusDocument.AppliedResource;
import dev.lockstep.reconcile.StatusDocument.Group;
import dev.lockstep.reconcile.StatusDocument.ReconcileRecord;
import dev.lockstep.reconcile.StatusDocument.Rollout;
import dev.lockstep.reconcile.StatusDocument.Signature;
import dev.lockstep.reconcile.StatusDocument.Source;
import dev.lockstep.reconcile.StatusDocument.TimelineEntry;
import dev.lockstep.testing.Golden;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusYamlTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");
  static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

  static StatusDocument ready(Instant now) {
    return new StatusDocument(
        "prod",
        now,
        new Source(
            "https://git.example.com/fleet.git",
            "main",
            COMMIT,
            new Signature(
                "head",
                true,
                "ssh",
                "admin@example.com",
                "commit " + COMMIT + " is signed by admin@example.com")),
        List.of(
            new Condition(
                Condition.READY,
                ConditionStatus.TRUE,
                "Applied",
                "Applied revision main@1a2b3c4d",
                "main@1a2b3c4d",
                NOW.minusSeconds(600)),
            new Condition(
                Condition.VALIDATED,
                ConditionStatus.TRUE,
                "Succeeded",
                "No error findings in main@1a2b3c4d",
                "main@1a2b3c4d",
                NOW.minusSeconds(600)),
            new Condition(
                Condition.APPLIED,
                ConditionStatus.TRUE,
                "Applied",
                "2 resources written",
                "main@1a2b3c4d",
                NOW.minusSeconds(600))),
        List.of(
            new AppliedResource(
                "autoupdate_config",
                "autoupdate-config",
                "update",
                "clusters/prod/autoupdate.yaml"),
            new AppliedResource(
                "autoupdate_version",
                "autoupdate-version",
                "create",
                "clusters/prod/autoupdate.yaml")),
        Findings.of(
            new Finding(
                Severity.WARNING,
                "teleport/unknown-group",
                "group \"canary\" has no agents",
                new SourceLocation("clusters/prod/autoupdate.yaml", 12, 7),
                "spec.agents.schedules.regular[0].name"),
            new Finding(
                Severity.INFO,
                "compat/behind-auth",
                "agents target 17.2.1, Auth runs 17.3.0: one minor behind",
                SourceLocation.ofFile("clusters/prod/cluster.yaml"),
                "")),
        Optional.of(
            new Rollout(
                "active",
                "17.2.0",
                "17.2.1",
                "halt-on-error",
                Optional.of(Instant.parse("2026-11-20T09:00:00Z")),
                List.of(
                    new Group(
                        "dev",
                        "done",
                        "update_complete",
                        Optional.of(Instant.parse("2026-11-20T09:00:00Z")),
                        12,
                        12,
                        12),
                    new Group(
                        "staging",
                        "active",
                        "can_start",
                        Optional.of(Instant.parse("2026-11-21T09:00:00Z")),
                        40,
                        39,
                        17),
                    new Group(
                        "prod",
                        "unstarted",
                        "previous_groups_not_done",
                        Optional.empty(),
                        0,
                        0,
                        0)))),
        List.of(
            new TimelineEntry(
                Instant.parse("2026-11-22T09:00:00Z"), "staging", "done", "update_complete"),
            new TimelineEntry(
                Instant.parse("2026-11-23T09:00:00Z"), "prod", "active", "can_start")),
        List.of(
            new ReconcileRecord(
                NOW.minusSeconds(600),
                "main@1a2b3c4d",
                ConditionStatus.TRUE,
                "Applied",
                "Applied revision main@1a2b3c4d"),
            new ReconcileRecord(
                NOW.minusSeconds(3600),
                "main@99887766",
                ConditionStatus.FALSE,
                "ValidationFailed",
                "1 error in main@99887766: clusters/prod/autoupdate.yaml:4:5")));
  }

  @Test
  void rendersAFullStatusStably() {
    Golden.assertMatches(StatusYamlTest.class, "ready", StatusYaml.render(ready(NOW)));
  }

  @Test
  void rendersAStatusWithNothingFetchedAndAnUnsignedCommit() {
    StatusDocument s =
        new StatusDocument(
            "edge",
            NOW,
            new Source(
                "ssh://git.example.com/fleet.git",
                "main",
                COMMIT,
                new Signature("head", false, "", "", "commit " + COMMIT + " is not signed")),
            List.of(
                new Condition(
                    Condition.READY,
                    ConditionStatus.FALSE,
                    "SignatureUnverified",
                    "commit " + COMMIT + " is not signed: nothing applied",
                    "main@1a2b3c4d",
                    NOW)),
            List.of(),
            Findings.NONE,
            Optional.empty(),
            List.of(),
            List.of());
    Golden.assertMatches(StatusYamlTest.class, "unsigned", StatusYaml.render(s));
  }

  @Test
  void onlyTheTimestampDiffersBetweenTwoTicks() {
    String before = StatusYaml.render(ready(NOW));
    String after = StatusYaml.render(ready(NOW.plusSeconds(60)));
    assertThat(after).isNotEqualTo(before);
    assertThat(StatusYaml.comparable(after)).isEqualTo(StatusYaml.comparable(before));
  }

  @Test
  void aRealChangeIsNotHiddenByComparable() {
    StatusDocument s = ready(NOW);
    StatusDocument other =
        new StatusDocument(
            s.cluster(),
            s.updatedAt(),
            s.source(),
            s.conditions(),
            List.of(),
            s.findings(),
            s.rollout(),
            s.timeline(),
            s.history());
    assertThat(StatusYaml.comparable(StatusYaml.render(other)))
        .isNotEqualTo(StatusYaml.comparable(StatusYaml.render(s)));
  }
}
