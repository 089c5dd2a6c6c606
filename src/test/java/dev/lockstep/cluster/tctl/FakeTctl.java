package dev.lockstep.cluster.tctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A stand-in for the {@code tctl} binary, run as a separate process by the tests through a small
 * shell wrapper ({@link FakeTctlInstall}). It honours the part of tctl's command-line contract that
 * Lockstep uses (teleport-semantics §17 and tctl's resource commands): global flags {@code
 * --auth-server}, {@code -i/--identity}, {@code -c/--config} anywhere on the line; {@code get
 * <kind>[/<name>] [--format=json|yaml|text]} printing a JSON list; {@code create [-f|--force]
 * [file]} reading stdin when no file is given; {@code rm <kind>/<name>}; {@code ERROR: ...} on
 * stderr and exit code 1 on any failure, including Teleport's validation messages for an invalid
 * resource.
 *
 * <p>State lives in a directory given by {@code -Dfake.tctl.state}: one {@code <kind>.json} per
 * stored resource ({@code autoupdate_agent_report.json} holds the list of reports), {@code
 * argv.log} (one JSON array per call), and control files the tests write: {@code unreachable}
 * (every call fails to connect), {@code delay-ms} (sleep first), {@code fail-create-<kind>} (that
 * many creates of the kind fail, then succeed).
 *
 * <p>Recorded time series: when the state holds {@code series} (the path of a recording folder) and
 * {@code sample} (a sample number), {@code get autoupdate_agent_rollout} and {@code get
 * autoupdate_agent_report} print that sample's fixture verbatim, {@code <NNN>.<kind>.json} (what a
 * real tctl printed, or a file shaped exactly so), or fail with the text of {@code
 * <NNN>.<kind>.error} as tctl reports an API error. A sample without a rollout fixture has no
 * rollout; one without a report fixture has no reports.
 */
public final class FakeTctl {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Map<String, String> SINGLETONS =
      Map.of(
          "autoupdate_config", "autoupdate-config",
          "autoupdate_version", "autoupdate-version",
          "cluster_maintenance_config", "cluster-maintenance-config",
          "autoupdate_agent_rollout", "autoupdate-agent-rollout",
          "autoupdate_agent_report", "");
  private static final Set<String> SERIES_KINDS =
      Set.of("autoupdate_agent_rollout", "autoupdate_agent_report");
  private static final Pattern SEMVER =
      Pattern.compile(
          "\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

  private final Path state;
  private final PrintStream out;
  private final PrintStream err;
  private final java.io.InputStream in;

  FakeTctl(Path state, PrintStream out, PrintStream err, java.io.InputStream in) {
    this.state = state;
    this.out = out;
    this.err = err;
    this.in = in;
  }

  public static void main(String[] args) throws Exception {
    Path state = Path.of(System.getProperty("fake.tctl.state"));
    int code = new FakeTctl(state, System.out, System.err, System.in).run(args);
    System.out.flush();
    System.exit(code);
  }

  /** A failure printed as tctl prints it. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  int run(String[] args) throws IOException {
    Files.writeString(
        state.resolve("argv.log"),
        JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(args) + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    try {
      execute(args);
      return 0;
    } catch (Failure f) {
      err.println("ERROR: " + f.getMessage());
      return 1;
    }
  }

  private void execute(String[] args) throws Failure, IOException {
    String authServer = null;
    String identity = null;
    String config = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--auth-server")
          || a.equals("-i")
          || a.equals("--identity")
          || a.equals("-c")
          || a.equals("--config")) {
        if (i + 1 >= args.length) {
          throw new Failure("expected argument for flag '" + a + "'");
        }
        String v = args[++i];
        switch (a) {
          case "--auth-server" -> authServer = v;
          case "-i", "--identity" -> identity = v;
          default -> config = v;
        }
      } else if (a.startsWith("--auth-server=")) {
        authServer = a.substring("--auth-server=".length());
      } else if (a.startsWith("--identity=")) {
        identity = a.substring("--identity=".length());
      } else if (a.startsWith("--config=")) {
        config = a.substring("--config=".length());
      } else if (a.equals("--insecure") || a.equals("-d") || a.equals("--debug")) {
        // accepted, no effect here
      } else {
        rest.add(a);
      }
    }
    if (identity != null) {
      if (!Files.isRegularFile(Path.of(identity))) {
        throw new Failure("open " + identity + ": no such file or directory");
      }
      if (authServer == null) {
        throw new Failure("--auth-server must be set when using an identity file");
      }
    } else if (config == null) {
      throw new Failure("open /etc/teleport.yaml: no such file or directory");
    }
    delay();
    if (Files.exists(state.resolve("unreachable"))) {
      throw new Failure(
          "cannot connect to the auth server. Is the auth server running on "
              + authServer
              + "?\n\tdial tcp "
              + authServer
              + ": connect: connection refused");
    }
    if (rest.isEmpty()) {
      throw new Failure("expected command but got nothing, try --help");
    }
    String command = rest.get(0);
    List<String> params = rest.subList(1, rest.size());
    switch (command) {
      case "get" -> get(params);
      case "create" -> create(params);
      case "rm" -> rm(params);
      default -> throw new Failure("expected command but got \"" + command + "\", try --help");
    }
  }

  private void delay() throws IOException {
    Path f = state.resolve("delay-ms");
    if (Files.exists(f)) {
      try {
        Thread.sleep(Duration.ofMillis(Long.parseLong(Files.readString(f).strip())).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private String kindOf(String ref) throws Failure {
    String kind = ref.contains("/") ? ref.substring(0, ref.indexOf('/')) : ref;
    if (!SINGLETONS.containsKey(kind)) {
      throw new Failure("unsupported resource: \"" + kind + "\"");
    }
    return kind;
  }

  private void get(List<String> params) throws Failure, IOException {
    String ref = null;
    String format = "yaml";
    for (int i = 0; i < params.size(); i++) {
      String p = params.get(i);
      if (p.startsWith("--format=")) {
        format = p.substring("--format=".length());
      } else if (p.equals("--format") && i + 1 < params.size()) {
        format = params.get(++i);
      } else if (p.startsWith("-")) {
        throw new Failure("unknown long flag '" + p + "'");
      } else {
        ref = p;
      }
    }
    if (ref == null) {
      throw new Failure("required argument 'resources' not provided");
    }
    if (!Set.of("json", "yaml", "text").contains(format)) {
      throw new Failure("enum value must be one of yaml,json,text, got '" + format + "'");
    }
    String kind = kindOf(ref);
    if (!format.equals("json") && SERIES_KINDS.contains(kind)) {
      throw new Failure("this fake prints only --format=json");
    }
    if (SERIES_KINDS.contains(kind) && Files.exists(state.resolve("series"))) {
      fromSeries(kind);
      return;
    }
    if (kind.equals("autoupdate_agent_report")) {
      reports(ref);
      return;
    }
    Path file = state.resolve(kind + ".json");
    if (!Files.exists(file)) {
      throw new Failure(kind + " \"" + SINGLETONS.get(kind) + "\" doesn't exist");
    }
    Object doc = JSON.readValue(file.toFile(), Object.class);
    if (!format.equals("json")) {
      throw new Failure("this fake prints only --format=json");
    }
    out.println(JSON.writeValueAsString(List.of(doc)));
  }

  /** Prints the current sample's fixture of a recorded series, or fails as it says. */
  private void fromSeries(String kind) throws Failure, IOException {
    Path dir = Path.of(Files.readString(state.resolve("series")).strip());
    int sample = Integer.parseInt(Files.readString(state.resolve("sample")).strip());
    String prefix = String.format("%03d.%s", sample, kind);
    Path error = dir.resolve(prefix + ".error");
    if (Files.exists(error)) {
      throw new Failure(Files.readString(error).strip());
    }
    Path fixture = dir.resolve(prefix + ".json");
    if (Files.exists(fixture)) {
      out.print(Files.readString(fixture));
      return;
    }
    if (kind.equals("autoupdate_agent_rollout")) {
      throw new Failure(kind + " \"" + SINGLETONS.get(kind) + "\" doesn't exist");
    }
    out.println("[]");
  }

  /** {@code get autoupdate_agent_report[/<name>]}: the stored list, or the one named. */
  private void reports(String ref) throws Failure, IOException {
    Path file = state.resolve("autoupdate_agent_report.json");
    List<?> all = Files.exists(file) ? JSON.readValue(file.toFile(), List.class) : List.of();
    if (!ref.contains("/")) {
      out.println(JSON.writeValueAsString(all));
      return;
    }
    String name = ref.substring(ref.indexOf('/') + 1);
    for (Object r : all) {
      if (r instanceof Map<?, ?> m
          && m.get("metadata") instanceof Map<?, ?> meta
          && name.equals(meta.get("name"))) {
        out.println(JSON.writeValueAsString(List.of(r)));
        return;
      }
    }
    throw new Failure("autoupdate_agent_report \"" + name + "\" doesn't exist");
  }

  @SuppressWarnings("unchecked")
  private void create(List<String> params) throws Failure, IOException {
    boolean force = false;
    String filename = null;
    for (String p : params) {
      if (p.equals("-f") || p.equals("--force")) {
        force = true;
      } else if (p.startsWith("-")) {
        throw new Failure("unknown long flag '" + p + "'");
      } else {
        filename = p;
      }
    }
    byte[] input = filename == null ? in.readAllBytes() : Files.readAllBytes(Path.of(filename));
    Map<String, Object> doc;
    try {
      doc = JSON.readValue(new String(input, StandardCharsets.UTF_8), LinkedHashMap.class);
    } catch (IOException e) {
      throw new Failure("error converting YAML to JSON: could not parse the resource");
    }
    String kind = String.valueOf(doc.get("kind"));
    if (!SINGLETONS.containsKey(kind) || SERIES_KINDS.contains(kind)) {
      throw new Failure("creating resources of type \"" + kind + "\" is not supported");
    }
    Map<String, Object> metadata =
        (Map<String, Object>) doc.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    metadata.putIfAbsent("name", SINGLETONS.get(kind));
    if (!"v1".equals(doc.get("version"))) {
      throw new Failure("unsupported resource version \"" + doc.get("version") + "\"");
    }
    if (!SINGLETONS.get(kind).equals(metadata.get("name"))) {
      throw new Failure("Name is not valid");
    }
    Map<String, Object> spec = (Map<String, Object>) doc.get("spec");
    if (spec == null) {
      throw new Failure("Spec is nil");
    }
    validate(kind, spec);
    Path file = state.resolve(kind + ".json");
    if (Files.exists(file) && !force) {
      throw new Failure(kind + " \"" + SINGLETONS.get(kind) + "\" already exists");
    }
    Path failures = state.resolve("fail-create-" + kind);
    if (Files.exists(failures)) {
      int left = Integer.parseInt(Files.readString(failures).strip());
      if (left > 0) {
        Files.writeString(failures, String.valueOf(left - 1));
        throw new Failure("rpc error: code = Internal desc = backend write failed for " + kind);
      }
    }
    boolean existed = Files.exists(file);
    metadata.put("revision", UUID.randomUUID().toString());
    store(kind, spec);
    JSON.writeValue(file.toFile(), doc);
    out.println(
        kind + " \"" + SINGLETONS.get(kind) + "\" has been " + (existed ? "updated" : "created"));
  }

  /** Stores as Teleport does: Go durations as seconds, int64 fields as protojson strings. */
  @SuppressWarnings("unchecked")
  private static void store(String kind, Map<String, Object> spec) {
    if (!kind.equals("autoupdate_config") || !(spec.get("agents") instanceof Map<?, ?> a)) {
      return;
    }
    Map<String, Object> agents = (Map<String, Object>) a;
    if (agents.get("maintenance_window_duration") instanceof String d && !d.endsWith("s")) {
      agents.put("maintenance_window_duration", goDurationSeconds(d) + "s");
    }
    if (agents.get("schedules") instanceof Map<?, ?> s
        && s.get("regular") instanceof List<?> groups) {
      for (Object g : groups) {
        Map<String, Object> group = (Map<String, Object>) g;
        group.computeIfPresent("canary_count", (k, v) -> String.valueOf(v));
        group.remove("wait_hours", 0); // protojson omits zero values
      }
    }
  }

  private static long goDurationSeconds(String d) {
    long total = 0;
    var m = Pattern.compile("(\\d+)(h|m|s)").matcher(d);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total +=
          switch (m.group(2)) {
            case "h" -> n * 3600;
            case "m" -> n * 60;
            default -> n;
          };
    }
    return total;
  }

  @SuppressWarnings("unchecked")
  private static void validate(String kind, Map<String, Object> spec) throws Failure {
    switch (kind) {
      case "autoupdate_version" -> {
        if (spec.get("agents") instanceof Map<?, ?> a) {
          Map<String, Object> agents = (Map<String, Object>) a;
          version(agents.get("start_version"));
          version(agents.get("target_version"));
          Object mode = agents.get("mode");
          if (!Set.of("enabled", "disabled", "suspended").contains(String.valueOf(mode))) {
            throw new Failure("unsupported agents mode: \"" + (mode == null ? "" : mode) + "\"");
          }
          Object schedule = agents.get("schedule");
          if (!Set.of("regular", "immediate").contains(String.valueOf(schedule))) {
            throw new Failure(
                "unsupported schedule type: \"" + (schedule == null ? "" : schedule) + "\"");
          }
        }
      }
      case "autoupdate_config" -> {
        if (spec.get("agents") instanceof Map<?, ?> a
            && a.get("schedules") instanceof Map<?, ?> s
            && s.get("regular") instanceof List<?> groups) {
          for (Object g : groups) {
            Object hour = ((Map<String, Object>) g).get("start_hour");
            if (hour instanceof Number n && (n.intValue() < 0 || n.intValue() > 23)) {
              throw new Failure(
                  "spec.agents.schedules.regular: start hour must be between 0 and 23, got " + n);
            }
          }
        }
      }
      default -> {
        if (spec.get("agent_upgrades") instanceof Map<?, ?> u
            && u.get("utc_start_hour") instanceof Number n
            && n.intValue() > 23) {
          throw new Failure("agent upgrade window utc start hour must be in range 0..23, got " + n);
        }
      }
    }
  }

  private static void version(Object v) throws Failure {
    if (v == null || String.valueOf(v).isEmpty()) {
      throw new Failure("validating spec.agents version: version is unset");
    }
    if (!SEMVER.matcher(String.valueOf(v)).matches()) {
      throw new Failure("version \"" + v + "\" is not a valid semantic version");
    }
  }

  private void rm(List<String> params) throws Failure, IOException {
    if (params.isEmpty()) {
      throw new Failure("required argument 'resource type/resource name' not provided");
    }
    String kind = kindOf(params.get(0));
    Path file = state.resolve(kind + ".json");
    if (!Files.deleteIfExists(file)) {
      throw new Failure(kind + " \"" + SINGLETONS.get(kind) + "\" doesn't exist");
    }
    out.println(kind + " \"" + SINGLETONS.get(kind) + "\" has been deleted");
  }
}
