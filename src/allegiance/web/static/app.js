/* Allegiance dashboard. Vanilla JS, no dependencies, no network access beyond this origin.
 *
 * Security rule: all data (article text, titles, actor names...) is untrusted. The DOM is built
 * with createElement / createElementNS / textContent only; innerHTML is never used.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var PAGE_SIZE = 25;
  var COOP_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"];
  var TYPE_COLORS = {
    AGREE: "#1e3a8a", CONSULT: "#1d4ed8", SUPPORT: "#2563eb", CONCEDE: "#3b82f6",
    COOPERATE: "#60a5fa", AID: "#93c5fd", RETREAT: "#bfdbfe",
    REQUEST: "#fca5a5", ACCUSE: "#f87171", REJECT: "#ef4444", THREATEN: "#dc2626",
    PROTEST: "#b91c1c", SANCTION: "#991b1b", MOBILIZE: "#7f1d1d", COERCE: "#6b1515",
    ASSAULT: "#450a0a"
  };
  var SERIES_COLORS = ["#2563eb", "#ea580c", "#16a34a", "#9333ea", "#db2777", "#0891b2",
    "#ca8a04", "#475569"];
  var COOP = "#2563eb";
  var CONF = "#dc2626";

  var state = { filters: {}, offset: 0, total: 0, actors: [], selectedRow: null };

  // ---------------------------------------------------------------- DOM helpers (no innerHTML)

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) { return; }
    Object.keys(attrs).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) { node.setAttribute(k, String(attrs[k])); }
    });
  }

  function append(node, children) {
    if (children === null || children === undefined) { return; }
    if (!Array.isArray(children)) { children = [children]; }
    children.forEach(function (c) {
      if (c === null || c === undefined) { return; }
      node.appendChild(typeof c === "string" || typeof c === "number"
        ? document.createTextNode(String(c)) : c);
    });
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function tooltip(text) { return svg("title", null, text); }

  function fmt(n) { return Number(n).toLocaleString("en-US"); }

  function isCoop(type) { return COOP_TYPES.indexOf(type) >= 0; }

  function setStatus(msg) { $("status").textContent = msg || ""; }

  // ---------------------------------------------------------------- API

  function query(params) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== "" && params[k] !== null && params[k] !== undefined) { q.set(k, params[k]); }
    });
    var s = q.toString();
    return s ? "?" + s : "";
  }

  function api(path, params) {
    return fetch("/api/" + path + query(params), { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (body) {
          if (!r.ok) {
            var detail = typeof body.detail === "string" ? body.detail : "request failed";
            throw new Error(detail + " (" + r.status + ")");
          }
          return body;
        });
      });
  }

  function report(err) { setStatus(String(err && err.message ? err.message : err)); }

  // ---------------------------------------------------------------- chart frame

  function frame(container, width, height) {
    clear(container);
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      preserveAspectRatio: "xMidYMid meet" });
    container.appendChild(root);
    return root;
  }

  function emptyChart(container, width, height, message) {
    var root = frame(container, width, height);
    root.appendChild(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle",
      "class": "empty" }, message));
    return root;
  }

  /** Round tick values from 0 to at least v: about four steps of 1, 2 or 5 x 10^k (integers
   * when ``integer``). */
  function niceTicks(v, integer) {
    var raw = Math.max(v, integer ? 1 : 1e-9) / 4;
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (k) { return k * p; })
      .filter(function (s) { return s >= raw; })[0];
    if (integer) { step = Math.max(1, Math.round(step)); }
    var ticks = [];
    for (var t = 0; t < v + step; t += step) { ticks.push(t); if (t >= v) { break; } }
    if (ticks.length < 2) { ticks.push(step); }
    return ticks;
  }

  function periodLabel(iso, freq) {
    if (freq === "year") { return iso.slice(0, 4); }
    return iso.slice(0, 7);
  }

  // ---------------------------------------------------------------- timeline (stacked bars)

  function drawTimeline(data) {
    var box = $("timeline");
    var W = 960, H = 240, m = { l: 44, r: 12, t: 10, b: 28 };
    var legend = $("timeline-legend");
    clear(legend);
    if (!data.buckets.length) { emptyChart(box, W, H, "No events match the filters"); return; }
    var totals = data.buckets.map(function (b) {
      return Object.keys(b.counts).reduce(function (s, k) { return s + b.counts[k]; }, 0);
    });
    var ticks = niceTicks(Math.max.apply(null, totals), true), yMax = ticks[ticks.length - 1];
    var root = frame(box, W, H);
    var iw = W - m.l - m.r, ih = H - m.t - m.b;
    var n = data.buckets.length, step = iw / n, bw = Math.max(1, step * 0.8);
    ticks.forEach(function (val) {
      var y = m.t + ih - ih * val / yMax;
      root.appendChild(svg("line", { x1: m.l, x2: W - m.r, y1: y, y2: y, "class": "gridline" }));
      var g = svg("g", { "class": "tick" });
      g.appendChild(svg("text", { x: m.l - 6, y: y + 4, "text-anchor": "end" }, fmt(val)));
      root.appendChild(g);
    });
    var labelEvery = Math.max(1, Math.ceil(n / 12));
    var used = {};
    data.buckets.forEach(function (b, i) {
      var x = m.l + i * step + (step - bw) / 2, base = m.t + ih;
      data.types.forEach(function (type) {
        var c = b.counts[type] || 0;
        if (!c) { return; }
        used[type] = true;
        var h = ih * c / yMax;
        base -= h;
        root.appendChild(svg("rect", { x: x, y: base, width: bw, height: Math.max(h, 0.5),
          fill: TYPE_COLORS[type] || "#888", "class": "bar", "data-type": type },
        tooltip(periodLabel(b.period, data.freq) + " · " + type + ": " + fmt(c))));
      });
      if (i % labelEvery === 0) {
        var lg = svg("g", { "class": "axis" });
        lg.appendChild(svg("text", { x: x + bw / 2, y: H - 8, "text-anchor": "middle" },
          periodLabel(b.period, data.freq)));
        root.appendChild(lg);
      }
    });
    data.types.filter(function (tp) { return used[tp]; }).forEach(function (tp) {
      var sw = el("span", { "class": "sw" });
      sw.style.background = TYPE_COLORS[tp];
      legend.appendChild(el("span", { "class": "item" }, [sw, tp.toLowerCase()]));
    });
  }

  // ---------------------------------------------------------------- map (equirectangular)

  var MAP = { lonMin: -18, lonMax: 17, latMin: 3, latMax: 26, scale: 16 };

  function drawMap(places) {
    var box = $("map");
    var W = (MAP.lonMax - MAP.lonMin) * MAP.scale, H = (MAP.latMax - MAP.latMin) * MAP.scale;
    var pad = 40;
    var root = frame(box, W + pad + 8, H + 24);
    function px(lon) { return pad + (lon - MAP.lonMin) * MAP.scale; }
    function py(lat) { return (MAP.latMax - lat) * MAP.scale; }
    root.appendChild(svg("rect", { x: pad, y: 0, width: W, height: H, "class": "map-bg" }));
    var grat = svg("g", { "class": "graticule-layer" });
    for (var lon = -15; lon <= MAP.lonMax; lon += 5) {
      grat.appendChild(svg("line", { x1: px(lon), x2: px(lon), y1: 0, y2: H, "class": "graticule" }));
      var tl = svg("g", { "class": "axis" });
      tl.appendChild(svg("text", { x: px(lon), y: H + 15, "text-anchor": "middle" },
        Math.abs(lon) + "°" + (lon < 0 ? "W" : lon > 0 ? "E" : "")));
      grat.appendChild(tl);
    }
    for (var lat = 5; lat <= MAP.latMax; lat += 5) {
      grat.appendChild(svg("line", { x1: pad, x2: pad + W, y1: py(lat), y2: py(lat), "class": "graticule" }));
      var al = svg("g", { "class": "axis" });
      al.appendChild(svg("text", { x: pad - 4, y: py(lat) + 4, "text-anchor": "end" }, lat + "°N"));
      grat.appendChild(al);
    }
    root.appendChild(grat);
    var inside = places.filter(function (p) {
      return p.lon >= MAP.lonMin && p.lon <= MAP.lonMax && p.lat >= MAP.latMin && p.lat <= MAP.latMax;
    });
    if (!inside.length) {
      root.appendChild(svg("text", { x: pad + W / 2, y: H / 2, "text-anchor": "middle", "class": "empty" },
        "No located events in this region"));
      return;
    }
    var maxN = Math.max.apply(null, inside.map(function (p) { return p.n_events; }));
    inside.slice().sort(function (a, b) { return b.n_events - a.n_events; }).forEach(function (p, i) {
      var r = 4 + 14 * Math.sqrt(p.n_events / maxN);
      var color = p.cooperative > p.conflictual ? COOP : p.conflictual > p.cooperative ? CONF : "#7c3aed";
      root.appendChild(svg("circle", { cx: px(p.lon), cy: py(p.lat), r: r, fill: color,
        "fill-opacity": 0.55, stroke: color, "stroke-width": 1.2, "class": "place" },
      tooltip(p.name + ": " + fmt(p.n_events) + " events (" + fmt(p.cooperative) +
        " cooperative, " + fmt(p.conflictual) + " conflictual)")));
      if (i < 25) {
        root.appendChild(svg("text", { x: px(p.lon) + r + 3, y: py(p.lat) + 4, "class": "map-label" },
          p.name));
      }
    });
  }

  // ---------------------------------------------------------------- dyad (diverging bars)

  function drawDyad(data) {
    var box = $("dyad");
    var W = 520, H = 230, m = { l: 40, r: 16, t: 10, b: 26 };
    if (!data.points.length) {
      emptyChart(box, W, H, "No events between " + data.a + " and " + data.b);
      return;
    }
    var root = frame(box, W, H);
    var iw = W - m.l - m.r, ih = H - m.t - m.b, mid = m.t + ih / 2;
    var ticks = niceTicks(Math.max.apply(null, data.points.map(function (p) {
      return Math.max(p.both.cooperation, p.both.conflict);
    })), false);
    var yMax = ticks[ticks.length - 1];
    var n = data.points.length, step = iw / n, bw = Math.max(1, step * 0.7);
    ticks.forEach(function (val) {
      [1, -1].forEach(function (sign) {
        if (val === 0 && sign < 0) { return; }
        var y = mid - sign * (ih / 2) * val / yMax;
        root.appendChild(svg("line", { x1: m.l, x2: W - m.r, y1: y, y2: y,
          "class": val === 0 ? "zero" : "gridline" }));
        var g = svg("g", { "class": "tick" });
        g.appendChild(svg("text", { x: m.l - 5, y: y + 4, "text-anchor": "end" }, fmt(val)));
        root.appendChild(g);
      });
    });
    var labelEvery = Math.max(1, Math.ceil(n / 6));
    data.points.forEach(function (p, i) {
      var x = m.l + i * step + (step - bw) / 2, t = p.both;
      var tip = p.label + ": " + t.n + " events (" + data.a + "→" + data.b + " " + p.ab.n + ", " +
        data.b + "→" + data.a + " " + p.ba.n + "), cooperation " + t.cooperation.toFixed(1) +
        ", conflict " + t.conflict.toFixed(1);
      var hc = (ih / 2) * t.cooperation / yMax, hf = (ih / 2) * t.conflict / yMax;
      if (hc > 0) {
        root.appendChild(svg("rect", { x: x, y: mid - hc, width: bw, height: hc, fill: COOP,
          "class": "bar" }, tooltip(tip)));
      }
      if (hf > 0) {
        root.appendChild(svg("rect", { x: x, y: mid, width: bw, height: hf, fill: CONF,
          "class": "bar" }, tooltip(tip)));
      }
      if (i % labelEvery === 0) {
        var g = svg("g", { "class": "axis" });
        g.appendChild(svg("text", { x: Math.min(x + bw / 2, W - 24), y: H - 8,
          "text-anchor": "middle" }, p.label));
        root.appendChild(g);
      }
    });
  }

  // ---------------------------------------------------------------- alignment (lines per power)

  function drawAlignment(data, shifts) {
    var box = $("alignment"), legend = $("alignment-legend");
    var W = 520, H = 230, m = { l: 40, r: 16, t: 10, b: 26 };
    clear(legend);
    var periods = data.series.length ? data.series[0].points.map(function (p) { return p.period; }) : [];
    if (!periods.length) {
      emptyChart(box, W, H, "No events between " + data.country + " and the reference powers");
      return;
    }
    var root = frame(box, W, H);
    var iw = W - m.l - m.r, ih = H - m.t - m.b;
    function x(i) { return m.l + (periods.length === 1 ? iw / 2 : iw * i / (periods.length - 1)); }
    function y(v) { return m.t + ih * (1 - v) / 2; }
    [-1, -0.5, 0, 0.5, 1].forEach(function (v) {
      root.appendChild(svg("line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v),
        "class": v === 0 ? "zero" : "gridline" }));
      var g = svg("g", { "class": "tick" });
      g.appendChild(svg("text", { x: m.l - 5, y: y(v) + 4, "text-anchor": "end" },
        v > 0 ? "+" + v : String(v)));
      root.appendChild(g);
    });
    var labelEvery = Math.max(1, Math.ceil(periods.length / 6));
    periods.forEach(function (p, i) {
      if (i % labelEvery) { return; }
      var g = svg("g", { "class": "axis" });
      g.appendChild(svg("text", { x: Math.min(x(i), W - 24), y: H - 8, "text-anchor": "middle" },
        periodLabel(p, data.freq)));
      root.appendChild(g);
    });
    data.series.forEach(function (s, k) {
      var color = SERIES_COLORS[k % SERIES_COLORS.length];
      var active = s.points.filter(function (p) { return p.n_events > 0; }).length;
      var sw = el("span", { "class": "sw" });
      sw.style.background = color;
      legend.appendChild(el("span", { "class": "item" }, [sw, s.power + (active ? "" : " (no events)")]));
      if (!active) { return; }
      var d = s.points.map(function (p, i) {
        return (i ? "L" : "M") + x(i).toFixed(1) + " " + y(p.share).toFixed(1);
      }).join(" ");
      root.appendChild(svg("path", { d: d, fill: "none", stroke: color, "stroke-width": 2,
        "stroke-opacity": 0.85, "stroke-linejoin": "round", "class": "series", "data-power": s.power }));
      s.points.forEach(function (p, i) {
        if (!p.n_events) { return; }
        root.appendChild(svg("circle", { cx: x(i), cy: y(p.share), r: 2.6, fill: color, "class": "point" },
          tooltip(s.power + " " + periodLabel(p.period, data.freq) + ": " + p.share.toFixed(2) +
            " (" + p.n_events + " events, net " + p.net.toFixed(1) + ")")));
      });
      (shifts || []).filter(function (sh) { return sh.power === s.power; }).forEach(function (sh) {
        var i = periods.indexOf(sh.date);
        if (i < 0) { return; }
        root.appendChild(svg("line", { x1: x(i), x2: x(i), y1: m.t, y2: m.t + ih, stroke: color,
          "class": "shift-marker" }, tooltip(sh.label)));
      });
    });
  }

  function listShifts(shifts, country) {
    var ul = $("shifts");
    clear(ul);
    if (!shifts.length) {
      ul.appendChild(el("li", { "class": "muted" }, "No realignment detected for " + country + "."));
      return;
    }
    shifts.slice(0, 6).forEach(function (s) {
      var li = el("li", null, [
        el("span", { "class": s.direction }, s.direction === "toward" ? "▲ " : "▼ "),
        s.label,
        el("span", { "class": "muted" }, " · net/period " + s.mean_before.toFixed(1) + " → " +
          s.mean_after.toFixed(1) + " (" + fmt(s.n_before) + " / " + fmt(s.n_after) + " events)")
      ]);
      var ev = s.evidence_after[0];
      if (ev) {
        var btn = el("button", { type: "button", "class": "link", title: ev.sentence }, "evidence");
        btn.addEventListener("click", function () { openEvidence(ev.id, null); });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(btn);
      }
      ul.appendChild(li);
    });
  }

  // ---------------------------------------------------------------- blocs (network)

  function drawBlocs(data) {
    var box = $("blocs");
    var W = 520, H = 300, pad = 34;
    if (!data.nodes.length) { emptyChart(box, W, H, "No interactions in this period"); return; }
    var root = frame(box, W, H);
    var pos = {};
    data.nodes.forEach(function (n) {
      pos[n.code] = { x: pad + n.x * (W - 2 * pad), y: pad + n.y * (H - 2 * pad) };
    });
    var maxEdge = Math.max.apply(null, data.edges.map(function (e) { return e.n_events; }).concat([1]));
    data.edges.forEach(function (e) {
      var a = pos[e.a], b = pos[e.b];
      if (!a || !b) { return; }
      root.appendChild(svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y,
        stroke: e.sign > 0 ? COOP : e.sign < 0 ? CONF : "#94a3b8",
        "stroke-opacity": 0.3 + 0.5 * (e.cooperation + e.conflict > 0
          ? Math.abs(e.weight) / (e.cooperation + e.conflict) : 0),
        "stroke-width": 1 + 4 * Math.log(1 + e.n_events) / Math.log(1 + maxEdge), "class": "edge" },
      tooltip(e.a + " – " + e.b + ": " + fmt(e.n_events) + " events, net intensity " +
        e.weight.toFixed(1))));
    });
    var maxN = Math.max.apply(null, data.nodes.map(function (n) { return n.n_events; }));
    data.nodes.forEach(function (n) {
      var p = pos[n.code], r = 6 + 10 * Math.sqrt(n.n_events / maxN);
      var color = SERIES_COLORS[n.bloc % SERIES_COLORS.length];
      root.appendChild(svg("circle", { cx: p.x, cy: p.y, r: r, fill: color, stroke: "#fff",
        "stroke-width": 2, "class": "node" }, tooltip(n.code + " · bloc " + (n.bloc + 1) + " · " +
        fmt(n.n_events) + " events · strength " + n.strength.toFixed(1))));
      root.appendChild(svg("text", { x: p.x, y: p.y - r - 4, "text-anchor": "middle", "class": "node-label" },
        n.code));
    });
  }

  // ---------------------------------------------------------------- events table

  function actorCell(code, sector) {
    var td = el("td", { "class": "code" }, code || "—");
    if (sector) { td.appendChild(el("small", null, sector)); }
    return td;
  }

  function truncate(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  function drawTable(page) {
    var tbody = $("events-table").tBodies[0];
    clear(tbody);
    state.total = page.total;
    if (!page.items.length) {
      tbody.appendChild(el("tr", { "class": "empty-row" }, el("td", { colspan: 7, "class": "muted" },
        "No events match the filters.")));
    }
    page.items.forEach(function (e) {
      var badge = el("span", { "class": "badge " + (isCoop(e.event_type) ? "coop" : "conf") },
        e.event_type);
      var typeCell = el("td", null, badge);
      if (e.negated) { typeCell.appendChild(el("span", { "class": "badge neg" }, "negated")); }
      var tr = el("tr", { tabindex: 0, "data-id": e.id }, [
        el("td", { "class": "date" }, e.event_date),
        actorCell(e.source_code, e.source_sector),
        typeCell,
        actorCell(e.target_code, e.target_sector),
        el("td", null, e.place_name || ""),
        el("td", null, e.lang),
        el("td", { "class": "evidence" }, truncate(e.sentence, 140))
      ]);
      tr.addEventListener("click", function () { openEvidence(e.id, tr); });
      tr.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openEvidence(e.id, tr); }
      });
      tbody.appendChild(tr);
    });
    var first = page.total ? page.offset + 1 : 0, last = page.offset + page.items.length;
    $("page-info").textContent = fmt(first) + "–" + fmt(last) + " of " + fmt(page.total);
    $("events-count").textContent = fmt(page.total) + " events";
    $("prev").disabled = page.offset <= 0;
    $("next").disabled = last >= page.total;
  }

  function loadTable() {
    var params = Object.assign({}, state.filters, { limit: PAGE_SIZE, offset: state.offset });
    return api("events", params).then(drawTable);
  }

  // ---------------------------------------------------------------- evidence panel

  function safeUrl(url) {
    if (!url) { return null; }
    try {
      var u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (err) { return null; }
  }

  function openEvidence(id, row) {
    if (state.selectedRow) { state.selectedRow.classList.remove("selected"); }
    state.selectedRow = row || null;
    if (row) { row.classList.add("selected"); }
    return api("events/" + encodeURIComponent(id)).then(function (d) {
      var ev = d.event, art = d.article, hl = d.highlight;
      $("ev-title").textContent = art.title || "Untitled article";
      var meta = $("ev-meta");
      clear(meta);
      var rows = [
        ["Event", ev.event_type + (ev.negated ? " (negated)" : "") + (ev.planned ? " (planned)" : "")],
        ["Who", (ev.source_text || ev.source_code) + " [" + ev.source_code +
          (ev.source_sector ? " " + ev.source_sector : "") + "]"],
        ["Whom", ev.target_code ? (ev.target_text || ev.target_code) + " [" + ev.target_code +
          (ev.target_sector ? " " + ev.target_sector : "") + "]" : "—"],
        ["When", ev.event_date + " (" + ev.date_precision + ")"],
        ["Where", ev.place_name ? ev.place_name + (ev.place_country ? ", " + ev.place_country : "") : "—"],
        ["Published", (art.pub_date || "unknown") + (art.source ? " · " + art.source : "") +
          " · " + (art.lang || ev.lang)],
        ["Confidence", ev.confidence.toFixed(2) + " · intensity " + ev.intensity.toFixed(1)]
      ];
      rows.forEach(function (r) {
        meta.appendChild(el("dt", null, r[0]));
        meta.appendChild(el("dd", null, r[1]));
      });
      var src = $("ev-source");
      clear(src);
      var href = safeUrl(art.url);
      if (href) {
        src.appendChild(el("a", { href: href, target: "_blank", rel: "noopener noreferrer" },
          "Open source article ↗"));
      } else {
        src.appendChild(el("span", { "class": "muted" }, art.url ? "Source: " + art.url : "No source URL"));
      }
      var box = $("evidence-text");
      clear(box);
      var chars = Array.from(art.text); // code points, matching the server's offsets
      var start = hl.start, end = hl.end;
      if (end > start) {
        box.appendChild(document.createTextNode(chars.slice(0, start).join("")));
        box.appendChild(el("mark", { id: "evidence-mark" }, chars.slice(start, end).join("")));
        box.appendChild(document.createTextNode(chars.slice(end).join("")));
      } else {
        box.appendChild(document.createTextNode(art.text));
      }
      var panel = $("evidence");
      panel.hidden = false;
      panel.scrollTop = 0;
      var mark = $("evidence-mark");
      if (mark) { mark.scrollIntoView({ block: "center" }); }
    }).catch(report);
  }

  function closeEvidence() {
    $("evidence").hidden = true;
    if (state.selectedRow) { state.selectedRow.classList.remove("selected"); state.selectedRow.focus(); }
  }

  // ---------------------------------------------------------------- loading

  function loadStats() {
    return api("stats").then(function (s) {
      var dl = $("stats");
      clear(dl);
      [["Events", fmt(s.n_events)], ["Articles", fmt(s.n_articles)], ["Actors", fmt(s.n_actors)],
        ["Span", s.first_date ? s.first_date.slice(0, 7) + " → " + s.last_date.slice(0, 7) : "—"]
      ].forEach(function (p) {
        dl.appendChild(el("div", null, [el("dt", null, p[0]), el("dd", null, p[1])]));
      });
    });
  }

  function fillSelect(select, codes, chosen) {
    clear(select);
    codes.forEach(function (c) { select.appendChild(el("option", { value: c }, c)); });
    if (chosen && codes.indexOf(chosen) >= 0) { select.value = chosen; }
  }

  function loadActors() {
    return api("actors", { limit: 500 }).then(function (actors) {
      state.actors = actors;
      var list = $("actor-list");
      clear(list);
      actors.forEach(function (a) {
        list.appendChild(el("option", { value: a.code }, a.name ? a.name + " (" + fmt(a.n_events) + ")"
          : fmt(a.n_events) + " events"));
      });
      var codes = actors.map(function (a) { return a.code; });
      var powers = ["FRA", "RUS", "USA", "CHN", "ECOWAS"];
      var countries = codes.filter(function (c) { return powers.indexOf(c) < 0; });
      var defCountry = countries.indexOf("MLI") >= 0 ? "MLI" : countries[0] || codes[0];
      var defB = codes.indexOf("FRA") >= 0 && defCountry !== "FRA" ? "FRA"
        : codes.filter(function (c) { return c !== defCountry; })[0];
      fillSelect($("dyad-a"), codes, defCountry);
      fillSelect($("dyad-b"), codes, defB);
      fillSelect($("align-country"), countries.length ? countries : codes, defCountry);
    });
  }

  function loadDyad() {
    var a = $("dyad-a").value, b = $("dyad-b").value;
    if (!a || !b) { emptyChart($("dyad"), 520, 230, "No actors yet"); return Promise.resolve(); }
    return api("dyad", { a: a, b: b, freq: "month" }).then(drawDyad);
  }

  function loadAlignment() {
    var c = $("align-country").value;
    if (!c) { emptyChart($("alignment"), 520, 230, "No actors yet"); return Promise.resolve(); }
    return Promise.all([
      api("alignment", { country: c, freq: "month" }),
      api("shifts", { country: c, freq: "month", evidence: 1 })
    ]).then(function (res) {
      drawAlignment(res[0], res[1].shifts);
      listShifts(res[1].shifts, c);
    });
  }

  function loadFiltered() {
    var f = state.filters;
    return Promise.all([
      loadTable(),
      api("timeline", f).then(drawTimeline),
      api("places", f).then(drawMap),
      api("blocs", { since: f.since, until: f.until }).then(drawBlocs)
    ]);
  }

  function readFilters() {
    return {
      actor: $("f-actor").value.trim(),
      type: $("f-type").value,
      since: $("f-since").value,
      until: $("f-until").value,
      lang: $("f-lang").value
    };
  }

  function applyFilters() {
    state.filters = readFilters();
    state.offset = 0;
    setStatus("");
    document.body.setAttribute("data-loading", "1");
    return loadFiltered().catch(report).then(function () {
      document.body.removeAttribute("data-loading");
    });
  }

  function init() {
    var typeSel = $("f-type");
    Object.keys(TYPE_COLORS).forEach(function (t) { typeSel.appendChild(el("option", { value: t }, t)); });
    $("filters").addEventListener("submit", function (ev) { ev.preventDefault(); applyFilters(); });
    $("filters").addEventListener("reset", function () { setTimeout(applyFilters, 0); });
    ["f-type", "f-lang", "f-since", "f-until"].forEach(function (id) {
      $(id).addEventListener("change", applyFilters);
    });
    $("prev").addEventListener("click", function () {
      state.offset = Math.max(0, state.offset - PAGE_SIZE);
      loadTable().catch(report);
    });
    $("next").addEventListener("click", function () {
      if (state.offset + PAGE_SIZE < state.total) { state.offset += PAGE_SIZE; }
      loadTable().catch(report);
    });
    $("dyad-a").addEventListener("change", function () { loadDyad().catch(report); });
    $("dyad-b").addEventListener("change", function () { loadDyad().catch(report); });
    $("align-country").addEventListener("change", function () { loadAlignment().catch(report); });
    $("ev-close").addEventListener("click", closeEvidence);
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !$("evidence").hidden) { closeEvidence(); }
    });
    document.body.setAttribute("data-loading", "1");
    Promise.all([
      loadStats(),
      loadActors().then(function () { return Promise.all([loadDyad(), loadAlignment()]); }),
      loadFiltered()
    ]).catch(report).then(function () {
      document.body.removeAttribute("data-loading");
      document.body.setAttribute("data-ready", "1");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
