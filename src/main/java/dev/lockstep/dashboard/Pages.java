package dev.lockstep.dashboard;

import static dev.lockstep.plan.HtmlRenderer.escape;

import dev.lockstep.finding.Finding;
import dev.lockstep.finding.Findings;
import dev.lockstep.model.AutoupdateConfig;
import dev.lockstep.model.AutoupdateVersion;
import dev.lockstep.model.Channel;
import dev.lockstep.model.ClusterSource;
import dev.lockstep.model.DesiredState;
import dev.lockstep.model.LockstepCluster;
import dev.lockstep.model.Resource;
import dev.lockstep.model.Version;
import dev.lockstep.plan.HtmlRenderer;
import dev.lockstep.plan.ObservedRollout;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.PlanOptions;
import dev.lockstep.plan.Planner;
import dev.lockstep.reconcile.Condition;
import dev.lockstep.reconcile.ConditionStatus;
import dev.lockstep.reconcile.PeerStatus;
import dev.lockstep.reconcile.Reconciler;
import dev.lockstep.reconcile.StatusDocument;
import dev.lockstep.rollout.GroupState;
import dev.lockstep.rollout.GroupTimeline;
import dev.lockstep.rollout.TimelineEvent;
import dev.lockstep.validate.ChannelConsistency;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dashboard's pages as complete HTML documents: {@link #fleet} (every declared cluster, the
 * release channels) and {@link #cluster} (the timeline picture, the groups, the findings, the
 * reconcile history). Readable without the script: it only fills the local-time hover text and
 * refreshes the page's {@code <main>} when the {@link DashboardInput#generation()} changes. Loads
 * nothing but {@link Assets}. Deterministic, pure ASCII, reads no clock.
 */
public final class Pages {
  /** Where the style sheet is served. */
  public static final String STYLE_PATH = "/dashboard/lockstep.css";

  /** Where the script is served. */
  public static final String SCRIPT_PATH = "/dashboard/lockstep.js";

  /** Where the tab icon is served. */
  public static final String ICON_PATH = "/dashboard/icon.svg";

  /** Where the generation is served (plain text), polled by the script. */
  public static final String GENERATION_PATH = "/dashboard/generation";

  /** The prefix of the cluster pages. */
  public static final String CLUSTER_PREFIX = "/clusters/";

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private static final String NOT_SERVED = "not served by this instance";

  private Pages() {}

  /** The fleet page: one row per declared cluster, then the release channels. */
  public static String fleet(DashboardInput in) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Fleet</h1>\n");
    summary(b, in);
    Optional<DesiredState> declared = in.declared();
    b.append("<section aria-labelledby=\"clusters\">\n<h2 id=\"clusters\">Clusters</h2>\n");
    if (declared.isEmpty() || declared.get().clusters().isEmpty()) {
      b.append("<p>No revision read yet: no cluster to show.</p>\n");
    } else {
      fleetTable(b, in, declared.get());
    }
    b.append("</section>\n");
    b.append("<section aria-labelledby=\"channels\">\n<h2 id=\"channels\">Release channels</h2>\n");
    channels(b, declared);
    b.append("</section>\n");
    return page(in, "Lockstep: fleet", Optional.empty(), b);
  }

  /**
   * The page of the cluster named {@code name}; empty when the revision declares no such cluster
   * and it is not the served one.
   */
  public static Optional<String> cluster(DashboardInput in, String name) {
    boolean served = in.served().map(name::equals).orElse(false);
    Optional<ClusterSource> source = in.declared().flatMap(d -> d.cluster(name));
    if (!served && source.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    b.append("<h1>Cluster <code>").append(escape(name)).append("</code></h1>\n");
    summary(b, in);
    Optional<PeerStatus> peer = served ? Optional.empty() : in.peer(name);
    if (peer.isPresent()) {
      b.append("<p class=\"note\">")
          .append(
              escape(
                  "This cluster is "
                      + NOT_SERVED
                      + ": shown from the status file its own instance committed (status from "
                      + UTC.format(peer.get().committedAt())
                      + " UTC), planned from now."))
          .append("</p>\n");
    } else if (!served) {
      b.append("<p class=\"note\">")
          .append(
              escape(
                  "This cluster is "
                      + NOT_SERVED
                      + ": shown as the revision declares it, planned from now; its live state"
                      + " is on the dashboard of the instance that reconciles it."))
          .append("</p>\n");
    }
    b.append("<dl class=\"facts\">\n");
    for (Fact f : facts(in, source, served)) {
      b.append("<div><dt>")
          .append(escape(f.label()))
          .append("</dt><dd>")
          .append(f.html())
          .append("</dd></div>\n");
    }
    b.append("</dl>\n");

    Optional<Plan> plan = served ? in.plan() : source.flatMap(s -> plan(in, s));
    Optional<ObservedRollout> observed =
        served ? in.observed() : peer.flatMap(p -> Observation.of(p.status()));
    b.append("<section aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Timeline</h2>\n");
    if (plan.isEmpty()) {
      b.append("<p>No plan: no valid revision for this cluster yet.</p>\n");
    } else {
      b.append(HtmlRenderer.timeline(plan.get(), observed.orElse(ObservedRollout.NONE)));
    }
    b.append("</section>\n");
    observed.filter(o -> !o.isEmpty()).ifPresent(o -> liveGroups(b, o));

    b.append("<section aria-labelledby=\"findings\">\n<h2 id=\"findings\">Findings</h2>\n");
    Optional<ForgeLinks> forge = forge(in);
    findings(b, "In force", in.inForce(), forge, "No revision is in force yet.");
    findings(
        b,
        "Last refused",
        in.refused(),
        forge,
        "No revision has been refused since this instance started.");
    b.append("</section>\n");

    if (served || peer.isPresent()) {
      history(b, served ? in.status() : peer.map(PeerStatus::status), forge);
    }
    return Optional.of(page(in, "Lockstep: " + name, Optional.of(name), b));
  }

  // ---------------------------------------------------------------- layout

  private static String page(
      DashboardInput in, String title, Optional<String> current, StringBuilder main) {
    StringBuilder b = new StringBuilder(main.length() + 2048);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<link rel=\"stylesheet\" href=\"")
        .append(STYLE_PATH)
        .append("\"/>\n<link rel=\"icon\" type=\"image/svg+xml\" href=\"")
        .append(ICON_PATH)
        .append("\"/>\n<script src=\"")
        .append(SCRIPT_PATH)
        .append("\" defer=\"defer\"></script>\n</head>\n<body data-generation=\"")
        .append(escape(in.generation()))
        .append("\">\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n")
        .append("<header>\n<nav aria-label=\"Dashboard\">\n<ul>\n<li><a href=\"/\"")
        .append(current.isEmpty() ? " aria-current=\"page\"" : "")
        .append(">Fleet</a></li>\n");
    for (String name : clusterNames(in)) {
      b.append("<li><a href=\"")
          .append(escape(clusterPath(name)))
          .append('"')
          .append(current.map(name::equals).orElse(false) ? " aria-current=\"page\"" : "")
          .append('>')
          .append(escape(name))
          .append("</a></li>\n");
    }
    b.append("</ul>\n</nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n")
        .append(main)
        .append("<p class=\"rendered\">Shown at ")
        .append(time(in.now()))
        .append("; refreshes by itself.</p>\n</main>\n")
        .append("<footer>Lockstep: read-only view of <code>lockstep serve</code>.</footer>\n")
        .append("</body>\n</html>\n");
    return b.toString();
  }

  private static void summary(StringBuilder b, DashboardInput in) {
    b.append("<p>");
    Optional<ForgeLinks> forge = forge(in);
    in.status()
        .ifPresent(
            s ->
                b.append("Source <code>")
                    .append(escape(s.source().url()))
                    .append("</code>")
                    .append(s.source().ref().isEmpty() ? "" : " ref <code>")
                    .append(s.source().ref().isEmpty() ? "" : escape(s.source().ref()))
                    .append(s.source().ref().isEmpty() ? "" : "</code>")
                    .append(". "));
    b.append("Revision in force: ")
        .append(in.inForce().map(e -> revision(e.revision(), forge)).orElse(escape("none yet")))
        .append('.');
    if (in.suspended()) {
      b.append(" <strong>Suspended:</strong> nothing is written to the cluster.");
    }
    b.append("</p>\n");
  }

  // ---------------------------------------------------------------- fleet

  private static void fleetTable(StringBuilder b, DashboardInput in, DesiredState state) {
    b.append("<div class=\"scroll\">\n<table class=\"cards\" id=\"fleet\">\n")
        .append("<caption>One row per cluster the revision declares.</caption>\n<thead><tr>")
        .append("<th scope=\"col\">Cluster</th>");
    for (Fact f : facts(in, Optional.empty(), false)) {
      b.append("<th scope=\"col\">").append(escape(f.label())).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    Optional<String> served = in.served();
    for (ClusterSource c : state.clusters()) {
      boolean mine = served.map(c.name()::equals).orElse(false);
      b.append("<tr")
          .append(mine ? " class=\"served\"" : "")
          .append("><th scope=\"row\"><a href=\"")
          .append(escape(clusterPath(c.name())))
          .append("\">")
          .append(escape(c.name()))
          .append("</a>")
          .append(mine ? "<br/><small>this instance</small>" : "")
          .append("</th>");
      for (Fact f : facts(in, Optional.of(c), mine)) {
        cell(b, f.label(), f.html());
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n</div>\n");
  }

  /** A labelled piece of a cluster's summary, as HTML. */
  private record Fact(String label, String html) {}

  /** What the fleet row and the cluster page say about a cluster, in column order. */
  private static List<Fact> facts(
      DashboardInput in, Optional<ClusterSource> source, boolean served) {
    Optional<PeerStatus> peer = served ? Optional.empty() : source.flatMap(c -> in.peer(c.name()));
    if (peer.isPresent()) {
      return peerFacts(in, source, peer.get());
    }
    String notServed = escape(NOT_SERVED);
    Optional<StatusDocument> status = in.status();
    return List.of(
        new Fact(
            "Control plane",
            controlPlane(source, served ? in.liveControlPlane() : Optional.empty())),
        new Fact("Agent target", escape(agentTarget(source))),
        new Fact("Rollout", escape(served ? rolloutState(in) : NOT_SERVED)),
        new Fact(
            "Groups",
            served
                ? groupBars(in.observed(), in.plan(), in.now())
                : source.map(Pages::declaredGroups).orElse("")),
        new Fact("Conditions", served ? conditions(status) : notServed),
        new Fact("Revision applied", served ? applied(status, forge(in)) : notServed),
        new Fact(
            "Last reconcile",
            served
                ? status.map(s -> time(s.updatedAt())).orElse(escape("none yet"))
                : escape(NOT_SERVED + "; no status yet")),
        new Fact("Findings", escape(source.map(c -> findingCount(in, c)).orElse(""))));
  }

  /** A cluster another instance serves, from the status file that instance committed. */
  private static List<Fact> peerFacts(
      DashboardInput in, Optional<ClusterSource> source, PeerStatus peer) {
    StatusDocument s = peer.status();
    return List.of(
        new Fact("Control plane", controlPlane(source, Optional.empty())),
        new Fact("Agent target", escape(agentTarget(source))),
        new Fact("Rollout", escape(live(s).orElse("no live rollout recorded"))),
        new Fact("Groups", groupBars(Observation.of(s), Optional.empty(), in.now())),
        new Fact("Conditions", conditions(Optional.of(s))),
        new Fact("Revision applied", applied(Optional.of(s), forge(in))),
        new Fact(
            "Last reconcile",
            time(s.updatedAt())
                + "<br/><small>"
                + escape(NOT_SERVED + ", status from " + UTC.format(peer.committedAt()) + " UTC")
                + "</small>"),
        new Fact(
            "Findings",
            escape(
                source.map(c -> findingCount(in, c) + ", ").orElse("")
                    + peer.findings()
                    + " in its status")));
  }

  private static void cell(StringBuilder b, String label, String html) {
    b.append("<td data-label=\"").append(escape(label)).append("\">").append(html).append("</td>");
  }

  /**
   * The control-plane version: live when serve read it from the Proxy (the served cluster only),
   * beside the declared {@code auth_version}, marked with a symbol and words as well as a colour
   * when the two differ; else the declared one, marked "(declared)". A peer's status file records
   * no control-plane version, so a peer shows the declared one.
   */
  static String controlPlane(Optional<ClusterSource> c, Optional<Version> live) {
    Optional<String> declared =
        c.flatMap(ClusterSource::cluster)
            .map(LockstepCluster::authVersion)
            .filter(v -> v != null && !v.isBlank());
    if (live.isEmpty()) {
      return escape(declared.map(v -> v + " (declared)").orElse("not declared"));
    }
    boolean same =
        declared.isPresent()
            && Version.tryParse(declared.get().strip().replaceFirst("^v", ""))
                .map(d -> d.sameAs(live.get()))
                .orElse(false);
    if (same) {
      return escape(live.get() + " (live, as declared)");
    }
    String declaredWords =
        declared.map(v -> "declared auth_version " + v).orElse("auth_version not declared");
    return "<span class=\"differs\" title=\""
        + escape("the live control plane differs from the revision: " + declaredWords)
        + "\"><span aria-hidden=\"true\">!</span> "
        + escape(live.get() + " live")
        + "</span><br/><small>"
        + escape("differs: " + declaredWords)
        + "</small>";
  }

  private static String agentTarget(Optional<ClusterSource> c) {
    Optional<AutoupdateVersion.Agents> agents =
        c.flatMap(ClusterSource::autoupdateVersion).map(AutoupdateVersion::agents);
    if (agents.isEmpty() || agents.get().targetVersion() == null) {
      return "no agent rollout declared";
    }
    String mode = agents.get().mode() == null ? "" : agents.get().mode();
    return agents.get().targetVersion() + (mode.isBlank() ? "" : " (" + mode + ")");
  }

  private static Optional<String> live(StatusDocument s) {
    return s.rollout()
        .map(r -> r.state() + " (live): " + r.startVersion() + " to " + r.targetVersion());
  }

  private static String rolloutState(DashboardInput in) {
    Optional<String> live = in.status().flatMap(Pages::live);
    if (live.isPresent()) {
      return live.get();
    }
    return in.plan()
        .map(
            p ->
                switch (p.change()) {
                  case NEW -> "planned: a new rollout (live rollout not observed)";
                  case UNCHANGED -> "planned: the rollout continues (live rollout not observed)";
                  case NO_ROLLOUT -> "no rollout";
                })
        .orElse("no plan yet");
  }

  /** One progress bar per group: live counts when observed, else the plan's state at now. */
  private static String groupBars(
      Optional<ObservedRollout> live, Optional<Plan> plan, Instant now) {
    Optional<ObservedRollout> observed = live.filter(o -> !o.isEmpty());
    List<String> rows = new ArrayList<>();
    if (observed.isPresent()) {
      for (ObservedRollout.Group g : observed.get().groups()) {
        rows.add(bar(g.name(), g.state(), g.present(), g.upToDate(), "live"));
      }
    } else if (plan.isPresent()) {
      for (GroupTimeline g : plan.get().groups()) {
        TimelineEvent at = stateAt(g, now);
        rows.add(
            at == null
                ? bar(g.name(), GroupState.UNSTARTED, 0, 0, "planned")
                : bar(g.name(), at.state(), at.present(), at.upToDate(), "planned"));
      }
    }
    if (rows.isEmpty()) {
      return escape("no groups known yet");
    }
    StringBuilder b = new StringBuilder("<ul class=\"bars\">");
    rows.forEach(b::append);
    return b.append("</ul>").toString();
  }

  private static String bar(
      String group, GroupState state, long present, long upToDate, String how) {
    int percent;
    String words;
    if (state == GroupState.DONE) {
      percent = 100;
      words = "done";
    } else if (state == GroupState.ROLLEDBACK) {
      percent = 0;
      words = "rolled back";
    } else if (present > 0 && state != GroupState.UNSTARTED) {
      percent = (int) Math.min(100, upToDate * 100 / present);
      words = state.label() + ", " + upToDate + " of " + present + " up to date";
    } else {
      percent = 0;
      words = state.label();
    }
    String text = group + ": " + words + " (" + how + ")";
    return "<li><span class=\"g\">"
        + escape(group)
        + "</span> "
        + meter(state, percent, text)
        + " <span class=\"w\">"
        + escape(words)
        + "</span></li>";
  }

  /**
   * A bar drawn as a small SVG (a {@code <progress>} looks different in every browser): the share
   * filled in the state's palette colour, the state also in the words beside it.
   */
  private static String meter(GroupState state, int percent, String label) {
    String colour =
        switch (state) {
          case DONE -> "#009E73";
          case ROLLEDBACK -> "#D55E00";
          case CANARY -> "#E69F00";
          default -> "#0072B2";
        };
    int width = 80;
    int filled = Math.round(width * percent / 100f);
    return "<svg class=\"meter\" width=\""
        + width
        + "\" height=\"10\" viewBox=\"0 0 "
        + width
        + " 10\" role=\"img\" aria-label=\""
        + escape(label + ", " + percent + "%")
        + "\"><rect x=\"0.5\" y=\"0.5\" width=\""
        + (width - 1)
        + "\" height=\"9\" fill=\"#FFFFFF\" stroke=\"#4D4D4D\"/>"
        + (filled == 0
            ? ""
            : "<rect x=\"1\" y=\"1\" width=\""
                + Math.max(1, filled - 2)
                + "\" height=\"8\" fill=\""
                + colour
                + "\"/>")
        + "</svg>";
  }

  private static TimelineEvent stateAt(GroupTimeline g, Instant now) {
    TimelineEvent last = null;
    for (TimelineEvent e : g.events()) {
      if (e.at().isAfter(now)) {
        break;
      }
      last = e;
    }
    return last;
  }

  private static String declaredGroups(ClusterSource c) {
    List<String> names =
        c.autoupdateConfig()
            .map(AutoupdateConfig::agents)
            .map(a -> a.regular().stream().map(AutoupdateConfig.Group::name).toList())
            .orElse(List.of());
    return escape(
        names.isEmpty() ? NOT_SERVED : String.join(", ", names) + " (" + NOT_SERVED + ")");
  }

  /** Ready, Halted and Drift, each with a symbol and a word as well as a colour. */
  private static String conditions(Optional<StatusDocument> s) {
    if (s.isEmpty()) {
      return escape("no reconcile has finished yet");
    }
    StringBuilder b = new StringBuilder("<ul class=\"conds\">");
    Optional<Condition> ready = condition(s.get(), Condition.READY);
    boolean isReady = ready.map(c -> c.status() == ConditionStatus.TRUE).orElse(false);
    badge(
        b,
        isReady ? "ok" : "bad",
        isReady ? "Ready" : "Not ready",
        ready.map(c -> c.reason() + ": " + c.message()).orElse("unknown"));
    Optional<Condition> halted = Observation.halted(s.get());
    Optional<StatusDocument.Group> rolledBack =
        s.get().rollout().stream()
            .flatMap(r -> r.groups().stream())
            .filter(g -> g.state().equalsIgnoreCase("rolledback"))
            .findFirst();
    if (halted.isPresent()) {
      badge(b, "bad", "Halted", halted.get().reason() + ": " + halted.get().message());
    } else if (rolledBack.isPresent()) {
      badge(b, "bad", "Halted", "group " + rolledBack.get().name() + " rolled back");
    } else {
      badge(b, "ok", "Not halted", "no halt recorded");
    }
    String reason = ready.map(Condition::reason).orElse("");
    if (reason.equals(Reconciler.DRIFT_DETECTED)) {
      badge(b, "warn", "Drift", ready.get().message());
    } else if (reason.equals(Reconciler.DRIFT_CORRECTED)) {
      badge(b, "warn", "Drift corrected", ready.get().message());
    } else {
      badge(b, "ok", "No drift", "live equals the revision applied");
    }
    return b.append("</ul>").toString();
  }

  private static void badge(StringBuilder b, String kind, String word, String detail) {
    String symbol =
        switch (kind) {
          case "ok" -> "&#x2713;";
          case "bad" -> "&#x2717;";
          default -> "!";
        };
    b.append("<li class=\"")
        .append(kind)
        .append("\" title=\"")
        .append(escape(detail))
        .append("\"><span aria-hidden=\"true\">")
        .append(symbol)
        .append("</span> ")
        .append(escape(word))
        .append("<span class=\"sr\">: ")
        .append(escape(detail))
        .append("</span></li>");
  }

  private static Optional<Condition> condition(StatusDocument s, String type) {
    return s.conditions().stream().filter(c -> c.type().equals(type)).findFirst();
  }

  private static String applied(Optional<StatusDocument> status, Optional<ForgeLinks> forge) {
    Optional<Condition> applied =
        status
            .flatMap(s -> condition(s, Condition.APPLIED))
            .filter(c -> c.status() == ConditionStatus.TRUE);
    return applied
        .map(c -> revision(c.observedRevision(), forge))
        .orElse(escape("nothing applied yet"));
  }

  private static String findingCount(DashboardInput in, ClusterSource c) {
    Set<String> files = c.resources().stream().map(Resource::file).collect(Collectors.toSet());
    Findings all = in.inForce().map(Reconciler.Evaluated::findings).orElse(Findings.NONE);
    long mine = all.stream().filter(f -> files.contains(f.location().file())).count();
    return mine + " in its files, " + all.size() + " in the revision";
  }

  // ---------------------------------------------------------------- channels

  private static void channels(StringBuilder b, Optional<DesiredState> declared) {
    List<Channel> channels = declared.map(DesiredState::channels).orElse(List.of());
    if (channels.isEmpty()) {
      b.append("<p>The revision declares no release channel.</p>\n");
      return;
    }
    List<ChannelConsistency.Mismatch> mismatches = ChannelConsistency.mismatches(declared.get());
    b.append("<div class=\"scroll\">\n<table class=\"cards\" id=\"channel-table\">\n<thead><tr>")
        .append("<th scope=\"col\">Channel</th><th scope=\"col\">Version</th>")
        .append("<th scope=\"col\">Critical</th><th scope=\"col\">Followed by</th>")
        .append("<th scope=\"col\">Mismatches</th></tr></thead>\n<tbody>\n");
    for (Channel ch : channels) {
      List<String> followers =
          declared.get().clusters().stream()
              .filter(c -> c.cluster().map(l -> l.channels().contains(ch.name())).orElse(false))
              .map(ClusterSource::name)
              .toList();
      List<String> off =
          mismatches.stream()
              .filter(m -> m.channel().equals(ch.name()))
              .map(
                  m ->
                      m.cluster()
                          + " targets "
                          + m.targetVersion()
                          + ", the channel serves "
                          + m.channelVersion())
              .toList();
      b.append("<tr><th scope=\"row\">").append(escape(ch.name())).append("</th>");
      cell(b, "Version", escape(ch.version() == null ? "no version file" : ch.version()));
      cell(b, "Critical", escape(critical(ch)));
      cell(
          b,
          "Followed by",
          escape(followers.isEmpty() ? "no cluster" : String.join(", ", followers)));
      cell(
          b,
          "Mismatches",
          off.isEmpty()
              ? "None"
              : "<ul>"
                  + off.stream()
                      .map(o -> "<li class=\"warn\">" + escape(o) + "</li>")
                      .collect(Collectors.joining())
                  + "</ul>");
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n</div>\n");
  }

  private static String critical(Channel ch) {
    if (ch.critical() == null) {
      return "no (no critical file)";
    }
    String c = ch.critical().strip();
    return ch.isCritical() ? "yes" : c.equals("no") ? "no" : "no (" + c + ")";
  }

  // ---------------------------------------------------------------- cluster page parts

  private static Optional<Plan> plan(DashboardInput in, ClusterSource c) {
    try {
      String label = in.inForce().map(Reconciler.Evaluated::revision).orElse("");
      return Optional.of(Planner.plan(label, c, Optional.empty(), PlanOptions.from(in.now())));
    } catch (RuntimeException e) {
      // a cluster the controller cannot plan shows no picture; its findings say why
      return Optional.empty();
    }
  }

  private static void liveGroups(StringBuilder b, ObservedRollout o) {
    b.append("<section aria-labelledby=\"live\">\n<h2 id=\"live\">Live rollout</h2>\n")
        .append("<p>Observed at ")
        .append(time(o.at()))
        .append(".</p>\n<div class=\"scroll\">\n<table class=\"cards\" id=\"live-groups\">\n")
        .append("<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">State</th>")
        .append("<th scope=\"col\">Why</th><th scope=\"col\">Started</th>")
        .append("<th scope=\"col\">Agents up to date</th></tr></thead>\n<tbody>\n");
    for (ObservedRollout.Group g : o.groups()) {
      b.append("<tr><th scope=\"row\">").append(escape(g.name())).append("</th>");
      cell(b, "State", escape(g.state().label()));
      cell(
          b,
          "Why",
          g.reason().isEmpty()
              ? ""
              : escape(HtmlRenderer.reasonWords(g.reason()))
                  + " (<code>"
                  + escape(g.reason())
                  + "</code>)");
      cell(b, "Started", g.start() == null ? "not started" : time(g.start()));
      cell(
          b,
          "Agents up to date",
          escape(g.present() == 0 ? "no agent counted" : g.upToDate() + " of " + g.present()));
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n</div>\n</section>\n");
  }

  private static void findings(
      StringBuilder b,
      String title,
      Optional<Reconciler.Evaluated> revision,
      Optional<ForgeLinks> forge,
      String none) {
    b.append("<h3>").append(escape(title));
    if (revision.isEmpty()) {
      b.append("</h3>\n<p>").append(escape(none)).append("</p>\n");
      return;
    }
    Reconciler.Evaluated e = revision.get();
    b.append(": ").append(revision(e.revision(), forge)).append("</h3>\n");
    if (e.findings().isEmpty()) {
      b.append("<p>No finding.</p>\n");
      return;
    }
    String commit = ForgeLinks.commitOf(e.revision());
    b.append("<div class=\"scroll\">\n<table class=\"cards findings\">\n<thead><tr>")
        .append("<th scope=\"col\">Severity</th><th scope=\"col\">Where</th>")
        .append(
            "<th scope=\"col\">Rule</th><th scope=\"col\">Message</th></tr></thead>\n<tbody>\n");
    for (Finding f : e.findings().stream().sorted(Finding.ORDER).toList()) {
      String where = f.location().toString();
      Optional<String> link =
          forge.flatMap(l -> l.file(commit, f.location().file(), f.location().line()));
      String sev = f.severity().name().toLowerCase(Locale.ROOT);
      b.append("<tr class=\"sev-")
          .append(sev)
          .append("\"><td data-label=\"Severity\">")
          .append(escape(sev))
          .append("</td>");
      cell(
          b,
          "Where",
          link.map(u -> "<a href=\"" + escape(u) + "\"><code>" + escape(where) + "</code></a>")
              .orElse("<code>" + escape(where) + "</code>"));
      cell(b, "Rule", "<code>" + escape(f.rule()) + "</code>");
      cell(b, "Message", escape(f.message()));
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n</div>\n");
  }

  private static void history(
      StringBuilder b, Optional<StatusDocument> status, Optional<ForgeLinks> forge) {
    b.append("<section aria-labelledby=\"history\">\n<h2 id=\"history\">Reconcile history</h2>\n");
    List<StatusDocument.ReconcileRecord> history =
        status.map(StatusDocument::history).orElse(List.of());
    if (history.isEmpty()) {
      b.append("<p>No reconcile has finished yet.</p>\n</section>\n");
      return;
    }
    b.append("<div class=\"scroll\">\n<table class=\"cards\" id=\"history-table\">\n")
        .append("<caption>The last reconciles whose outcome differed, newest first.</caption>\n")
        .append("<thead><tr><th scope=\"col\">At</th><th scope=\"col\">Revision</th>")
        .append("<th scope=\"col\">Ready</th><th scope=\"col\">Reason</th>")
        .append("<th scope=\"col\">Message</th></tr></thead>\n<tbody>\n");
    for (StatusDocument.ReconcileRecord r : history) {
      b.append("<tr><td data-label=\"At\">").append(time(r.at())).append("</td>");
      cell(b, "Revision", r.revision().isEmpty() ? "" : revision(r.revision(), forge));
      cell(b, "Ready", escape(r.ready().name().toLowerCase(Locale.ROOT)));
      cell(b, "Reason", "<code>" + escape(r.reason()) + "</code>");
      cell(b, "Message", escape(r.message()));
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n</div>\n</section>\n");
  }

  // ---------------------------------------------------------------- small pieces

  private static Optional<ForgeLinks> forge(DashboardInput in) {
    return in.status().flatMap(s -> ForgeLinks.of(s.source().url()));
  }

  /** A revision label, linked to its commit when the remote is a known forge. */
  private static String revision(String label, Optional<ForgeLinks> forge) {
    String code = "<code>" + escape(label) + "</code>";
    return forge
        .flatMap(f -> f.commit(ForgeLinks.commitOf(label)))
        .map(u -> "<a href=\"" + escape(u) + "\">" + code + "</a>")
        .orElse(code);
  }

  /**
   * An instant as UTC text in a {@code <time>} element; the script adds the viewer's local time as
   * its title.
   */
  static String time(Instant t) {
    Instant s = t.truncatedTo(ChronoUnit.SECONDS);
    return "<time datetime=\"" + s + "\">" + UTC.format(s) + " UTC</time>";
  }

  private static List<String> clusterNames(DashboardInput in) {
    List<String> names =
        new ArrayList<>(
            in.declared()
                .map(d -> d.clusters().stream().map(ClusterSource::name).toList())
                .orElse(List.of()));
    in.served().filter(s -> !names.contains(s)).ifPresent(names::add);
    return names;
  }

  /** The path of a cluster's page. */
  public static String clusterPath(String name) {
    return CLUSTER_PREFIX + pathSegment(name);
  }

  /** The text percent-encoded as one URL path segment (RFC 3986 unreserved characters kept). */
  static String pathSegment(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "-._~".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return b.toString();
  }
}
