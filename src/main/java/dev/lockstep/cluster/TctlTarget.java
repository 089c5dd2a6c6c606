package dev.lockstep.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.model.Resource;
import dev.lockstep.model.ResourceId;
import dev.lockstep.model.Values;
import dev.lockstep.observe.Observation;
import dev.lockstep.observe.ObservationException;
import dev.lockstep.observe.ObservedReport;
import dev.lockstep.observe.Reports;
import dev.lockstep.observe.TctlJson;
import dev.lockstep.rollout.Rollout;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link ClusterTarget} that runs {@code tctl} (teleport-semantics §17 for its commands). Reads
 * with {@code tctl get <kind>/<name> --format=json}, writes with {@code tctl create --force}
 * reading the resource from stdin, deletes with {@code tctl rm}. Every call is an argument list run
 * through a {@link CommandRunner} with a timeout; credentials are an identity file passed by path.
 * Handles every Managed Updates kind, {@code cluster_maintenance_config} included.
 */
public final class TctlTarget implements ClusterTarget {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 500;

  private final TctlSettings settings;
  private final CommandRunner runner;

  /** A target running tctl as {@code settings} say, through {@code runner}. */
  public TctlTarget(TctlSettings settings, CommandRunner runner) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public String name() {
    return TargetKind.TCTL.label();
  }

  @Override
  public Map<ResourceId, Resource> observe(Set<ResourceId> ids) throws TargetException {
    Map<ResourceId, Resource> out = new TreeMap<>();
    for (ResourceId id : ids) {
      Optional<Map<String, Object>> doc = get(id.kind().kind() + "/" + id.name());
      if (doc.isPresent()) {
        out.put(id, Observed.resource(id, Values.map(doc.get(), "spec"), "tctl:" + id));
      }
    }
    return out;
  }

  @Override
  public ApplyOutcome apply(Resource desired, boolean dryRun) throws TargetException {
    Resource observed = observe(Set.of(desired.id())).get(desired.id());
    ResourceDiff diff = SpecDiff.of(desired, observed);
    if (!diff.isChange() || dryRun) {
      return ApplyOutcome.of(diff, false);
    }
    byte[] stdin;
    try {
      stdin = JSON.writeValueAsBytes(Observed.document(desired));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + desired.id(), e);
    }
    // no file name: tctl create reads the resource from stdin
    CommandRunner.Result r = run(List.of("create", "--force"), stdin);
    if (r.exitCode() != 0) {
      throw failure("tctl create " + desired.id(), r, TargetException.Reason.REJECTED);
    }
    return ApplyOutcome.of(diff, true);
  }

  @Override
  public void delete(ResourceId id) throws TargetException {
    CommandRunner.Result r = run(List.of("rm", id.kind().kind() + "/" + id.name()), new byte[0]);
    if (r.exitCode() != 0 && !isNotFound(r.stderr())) {
      throw failure("tctl rm " + id, r, TargetException.Reason.REJECTED);
    }
  }

  /**
   * The live rollout and agent reports: {@code tctl get autoupdate_agent_rollout --format=json} and
   * {@code tctl get autoupdate_agent_report --format=json}, read as tctl prints them ({@link
   * TctlJson}). {@code groups} is not needed: tctl reads everything.
   *
   * @throws TargetException when tctl fails or prints something that is not those resources
   */
  @Override
  public Optional<Observation> observeRollout(Instant at, List<String> groups)
      throws TargetException {
    List<String> notes = new ArrayList<>();
    try {
      Optional<Rollout> rollout = TctlJson.rollout(list(TctlJson.ROLLOUT_KIND).orElse("[]"), notes);
      List<ObservedReport> reports =
          TctlJson.reports(list(TctlJson.REPORT_KIND).orElse("[]"), notes);
      return Optional.of(Observation.ofTctl(at, rollout, Reports.of(reports, at), notes));
    } catch (ObservationException e) {
      throw new TargetException(TargetException.Reason.UNREACHABLE, e.getMessage());
    }
  }

  /** What {@code tctl get <kind> --format=json} printed; empty when tctl says it is not found. */
  private Optional<String> list(String kind) throws TargetException {
    CommandRunner.Result r = run(List.of("get", kind, "--format=json"), new byte[0]);
    if (r.exitCode() != 0) {
      if (isNotFound(r.stderr())) {
        return Optional.empty();
      }
      throw failure("tctl get " + kind, r, TargetException.Reason.UNREACHABLE);
    }
    return Optional.of(r.stdout());
  }

  @SuppressWarnings("unchecked")
  private Optional<Map<String, Object>> get(String ref) throws TargetException {
    CommandRunner.Result r = run(List.of("get", ref, "--format=json"), new byte[0]);
    if (r.exitCode() != 0) {
      if (isNotFound(r.stderr())) {
        return Optional.empty();
      }
      throw failure("tctl get " + ref, r, TargetException.Reason.UNREACHABLE);
    }
    Object parsed;
    try {
      parsed = JSON.readValue(r.stdout(), Object.class);
    } catch (IOException e) {
      throw new TargetException(
          TargetException.Reason.UNREACHABLE,
          "tctl get " + ref + " printed something that is not JSON");
    }
    // tctl prints a list of resources; a singleton kind gives one element or none
    if (parsed instanceof List<?> list) {
      if (list.isEmpty()) {
        return Optional.empty();
      }
      parsed = list.get(0);
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new TargetException(
          TargetException.Reason.UNREACHABLE,
          "tctl get " + ref + " printed JSON that is not a resource");
    }
    return Optional.of((Map<String, Object>) m);
  }

  private CommandRunner.Result run(List<String> args, byte[] stdin) throws TargetException {
    List<String> argv = new ArrayList<>();
    argv.add(settings.binary());
    settings.config().ifPresent(c -> add(argv, "--config", c.toString()));
    settings.authServer().ifPresent(a -> add(argv, "--auth-server", a));
    settings.identity().ifPresent(i -> add(argv, "--identity", i.toString()));
    argv.addAll(args);
    try {
      return runner.run(argv, stdin, settings.timeout());
    } catch (CommandRunner.CommandTimeoutException e) {
      throw new TargetException(
          TargetException.Reason.UNREACHABLE, "tctl " + args.get(0) + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new TargetException(
          TargetException.Reason.UNREACHABLE,
          "cannot run " + settings.binary() + ": " + e.getMessage(),
          e);
    }
  }

  private static void add(List<String> argv, String flag, String value) {
    argv.add(flag);
    argv.add(value);
  }

  private static boolean isNotFound(String stderr) {
    String s = stderr.toLowerCase(Locale.ROOT);
    return s.contains("not found") || s.contains("doesn't exist") || s.contains("does not exist");
  }

  private static TargetException failure(
      String what, CommandRunner.Result r, TargetException.Reason reason) {
    String detail = r.stderr().strip();
    if (detail.isEmpty()) {
      detail = r.stdout().strip();
    }
    detail = detail.replaceFirst("^ERROR:\\s*", "").replaceAll("\\s*\\n\\s*", " ");
    if (detail.length() > MAX_MESSAGE) {
      detail = detail.substring(0, MAX_MESSAGE) + "...";
    }
    String lower = detail.toLowerCase(Locale.ROOT);
    TargetException.Reason why =
        lower.contains("connect")
                || lower.contains("connection")
                || lower.contains("dial")
                || lower.contains("timeout")
            ? TargetException.Reason.UNREACHABLE
            : reason;
    return new TargetException(
        why,
        what + " failed (exit " + r.exitCode() + ")" + (detail.isEmpty() ? "" : ": " + detail));
  }
}
