package dev.lockstep.dashboard;

/**
 * The style sheet and the script of the dashboard, served by Lockstep itself (no CDN, no font
 * download). The colours are the Okabe-Ito palette of the timeline picture, and every state also
 * differs by a symbol or a word, so nothing depends on telling colours apart.
 */
public final class Assets {
  private Assets() {}

  /**
   * The tab icon: an ASCII SVG in the palette's blue (a browser asks for one; without it every page
   * load logs a failed request).
   */
  public static final String ICON =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">"
          + "<rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#0072B2\"/>"
          + "<path d=\"M3 11h4V5h2v6h4v2H3z\" fill=\"#FFFFFF\"/></svg>\n";

  /** The style sheet: readable from 390 px wide, visible focus, print without the navigation. */
  public static final String STYLE =
      """
      :root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --ok: #009E73;
        --bad: #D55E00; --warn: #E69F00; --blue: #0072B2; --sky: #56B4E9; }
      * { box-sizing: border-box; }
      body { margin: 0; background: #fff; color: var(--ink);
        font: 15px/1.45 Verdana, "DejaVu Sans", "Bitstream Vera Sans", sans-serif; }
      a { color: var(--blue); }
      a:focus-visible, main:focus-visible, summary:focus-visible {
        outline: 3px solid var(--blue); outline-offset: 2px; }
      .skip { position: absolute; left: -10000px; top: 0; background: #fff; padding: 8px; }
      .skip:focus { left: 8px; z-index: 10; }
      header { border-bottom: 1px solid #bbb; background: #f5f5f5; }
      nav ul { list-style: none; margin: 0 auto; padding: 8px 16px; max-width: 1200px;
        display: flex; flex-wrap: wrap; gap: 4px 16px; }
      nav a[aria-current="page"] { font-weight: bold; color: var(--ink); }
      main { display: block; max-width: 1200px; margin: 0 auto; padding: 16px; }
      h1 { font-size: 1.35em; margin: 0 0 .4em; }
      h2 { font-size: 1.15em; margin: 1.6em 0 .5em; }
      h3 { font-size: 1em; margin: 1.2em 0 .4em; }
      code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
      p code { overflow-wrap: anywhere; }
      .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
      figure { margin: 1em 0; }
      figure svg { display: block; width: 100%; min-width: 760px; height: auto; }
      figcaption { font-size: .85em; color: var(--muted); margin-top: .3em; }
      table { border-collapse: collapse; font-size: .9em; }
      caption { text-align: left; color: var(--muted); font-size: .9em; padding-bottom: 4px; }
      th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }
      thead th { background: #f0f0f0; }
      tr.served th[scope="row"] { border-left: 4px solid var(--blue); }
      td.t { white-space: nowrap; }
      td.warn, li.warn { color: #8a4b00; }
      .differs { color: #8a4b00; font-weight: bold; border-bottom: 2px dashed var(--warn); }
      .note { border-left: 4px solid var(--sky); padding: 4px 8px; background: #f3f9fd; }
      dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(16em, 1fr));
        gap: 8px 16px; margin: 1em 0; }
      dl.facts dt { font-weight: bold; font-size: .85em; color: var(--muted); }
      dl.facts dd { margin: 0; }
      ul.bars, ul.conds { list-style: none; margin: 0; padding: 0; }
      ul.bars li { white-space: nowrap; }
      ul.bars .g { display: inline-block; min-width: 5em; }
      ul.bars .w { font-size: .85em; color: var(--muted); }
      svg.meter { vertical-align: middle; }
      ul.conds li { white-space: nowrap; }
      ul.conds li.ok span[aria-hidden] { color: var(--ok); }
      ul.conds li.bad { font-weight: bold; }
      ul.conds li.bad span[aria-hidden] { color: var(--bad); }
      ul.conds li.warn span[aria-hidden] { color: #8a4b00; font-weight: bold; }
      .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
        white-space: nowrap; }
      tr.sev-error td:first-child { font-weight: bold; color: var(--bad); }
      tr.sev-warning td:first-child { color: #8a4b00; }
      .rendered, footer { font-size: .85em; color: var(--muted); }
      footer { max-width: 1200px; margin: 0 auto; padding: 8px 16px 24px; }
      @media (max-width: 700px) {
        body { font-size: 14px; }
        main { padding: 10px; }
        figcaption::before { content: "Scroll the picture sideways. "; }
        table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td {
          display: block; width: 100%; }
        table.cards thead { display: none; }
        table.cards caption { display: block; }
        table.cards tr { border: 1px solid #bbb; margin-bottom: .8em; }
        table.cards th, table.cards td { border: 0; border-top: 1px solid #ddd; }
        table.cards td::before { content: attr(data-label) ": "; font-weight: bold; }
        ul.bars li, ul.conds li { white-space: normal; }
      }
      @media print {
        header, .skip, .rendered { display: none; }
        .scroll { overflow: visible; }
        figure svg { min-width: 0; }
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      }
      """;

  /**
   * The script: fills each {@code <time>}'s title with the viewer's local time, and every two
   * seconds asks the cheap generation endpoint whether anything changed; when it did, fetches the
   * page again and swaps its {@code <main>} (no reload, the scroll position stays). Talks only to
   * the origin it was loaded from.
   */
  public static final String SCRIPT =
      """
      (function () {
        "use strict";
        var POLL_MS = 2000;
        function localise(root) {
          var times = root.querySelectorAll("time[datetime]");
          for (var i = 0; i < times.length; i++) {
            var d = new Date(times[i].getAttribute("datetime"));
            if (!isNaN(d.getTime())) {
              times[i].title = d.toLocaleString() + " (your local time)";
            }
          }
        }
        function swap(html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.querySelector("main");
          var old = document.querySelector("main");
          if (!fresh || !old) { return; }
          var hadFocus = old.contains(document.activeElement);
          old.replaceWith(fresh);
          var nav = doc.querySelector("header nav");
          var oldNav = document.querySelector("header nav");
          if (nav && oldNav && !oldNav.contains(document.activeElement)) { oldNav.replaceWith(nav); }
          document.body.setAttribute("data-generation", doc.body.getAttribute("data-generation") || "");
          localise(fresh);
          if (hadFocus) { fresh.focus({ preventScroll: true }); }
        }
        function poll() {
          fetch("%s", { cache: "no-store", credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.text() : null; })
            .then(function (g) {
              if (g === null || g.trim() === document.body.getAttribute("data-generation")) { return null; }
              return fetch(window.location.pathname, { cache: "no-store", credentials: "same-origin" })
                .then(function (r) { return r.ok ? r.text() : null; })
                .then(function (html) { if (html) { swap(html); } });
            })
            .catch(function () { /* the server is restarting: try again on the next tick */ })
            .then(function () { window.setTimeout(poll, POLL_MS); });
        }
        localise(document);
        window.setTimeout(poll, POLL_MS);
      })();
      """
          .formatted(Pages.GENERATION_PATH);
}
