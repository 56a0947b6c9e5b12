// rasd web page: map, timeline, filters, article view, actor page.
// Vanilla JS, no network beyond this server. Untrusted text (articles, names)
// is only ever put into the page as text nodes (textContent), never as HTML.
"use strict";

(function () {
  const COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
  };
  const MAP_LIMIT = 20000;
  const LIST_LIMIT = 300;
  const DAY = 86400000;

  const state = { features: [], total: 0, brush: null, map: null, cluster: null, selected: null };

  // ------------------------------------------------------------------ DOM helpers
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  const SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function $(id) { return document.getElementById(id); }
  function setStatus(msg, isErr) { const s = $("status"); s.textContent = msg; s.className = isErr ? "err" : ""; }

  async function getJSON(url) {
    const r = await fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
    if (!r.ok) {
      let detail = r.statusText;
      try { const b = await r.json(); detail = typeof b.detail === "string" ? b.detail : JSON.stringify(b.detail); } catch (e) { /* keep statusText */ }
      throw new Error(r.status + ": " + detail);
    }
    return r.json();
  }

  // ------------------------------------------------------------------ filters
  function filterParams() {
    const p = new URLSearchParams();
    for (const name of ["type", "actor", "outlet", "admin1", "since", "until"]) {
      const v = $("f-" + name).value;
      if (v) p.set(name, v);
    }
    return p;
  }

  function fillSelect(select, values) {
    for (const v of values) {
      const [value, label] = Array.isArray(v) ? v : [v, v];
      select.appendChild(el("option", { value: value, text: label }));
    }
  }

  async function loadFacets() {
    const f = await getJSON("/facets");
    fillSelect($("f-type"), f.event_types);
    fillSelect($("f-actor"), f.actors.map((a) => [a.ref || a.name, a.name + " (" + a.count + ")"]));
    fillSelect($("f-outlet"), f.outlets);
    fillSelect($("f-admin1"), f.admin1);
    if (f.date_min) { $("f-since").min = f.date_min; $("f-until").min = f.date_min; }
    if (f.date_max) { $("f-since").max = f.date_max; $("f-until").max = f.date_max; }
  }

  async function loadEvents() {
    setStatus("loading…");
    const p = filterParams();
    p.set("format", "geojson");
    p.set("limit", String(MAP_LIMIT));
    try {
      const fc = await getJSON("/events?" + p.toString());
      state.features = fc.features;
      state.total = fc.total === undefined ? fc.features.length : fc.total;
      state.brush = null;
      state.fitted = false;
      render();
    } catch (e) {
      setStatus("could not load events — " + e.message, true);
    }
  }

  function visibleFeatures() {
    if (!state.brush) return state.features;
    const [a, b] = state.brush;
    return state.features.filter((f) => {
      const d = f.properties.event_date;
      return d && d >= a && d <= b;
    });
  }

  function render() {
    const vis = visibleFeatures();
    renderMap(vis);
    renderTimeline();
    renderList(vis);
    const onMap = vis.filter((f) => f.geometry).length;
    let msg = vis.length + " events shown (" + onMap + " on the map)";
    if (state.total > state.features.length) msg += " — first " + state.features.length + " of " + state.total;
    setStatus(msg);
  }

  // ------------------------------------------------------------------ map
  function initMap() {
    const map = L.map("map", { zoomControl: true, minZoom: 2, maxZoom: 13 }).setView([34.5, 40.5], 5);
    state.map = map;
    map.attributionControl.addAttribution("Natural Earth (world-atlas)");
    getJSON("/static/vendor/countries.geojson").then((fc) => {
      L.geoJSON(fc, {
        interactive: false,
        style: { color: "#7d7d7d", weight: 1, fillColor: "#f2efe6", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    }).catch(() => setStatus("basemap missing", true));
    state.cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true });
    map.addLayer(state.cluster);
    const legend = $("legend");
    for (const [t, c] of Object.entries(COLORS)) {
      const sw = el("span", { class: "sw" });
      sw.style.background = c;
      legend.appendChild(el("div", {}, sw, t));
    }
    legend.appendChild(el("div", { class: "muted", text: "size: fatalities" }));
  }

  function radius(fat) { return Math.min(24, 6 + 3 * Math.sqrt(fat || 0)); }

  function renderMap(features) {
    state.cluster.clearLayers();
    const layers = [];
    for (const f of features) {
      if (!f.geometry) continue;
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const color = COLORS[p.event_type] || "#333";
      const m = L.circleMarker([lat, lon], { radius: radius(p.fatalities), color: "#222", weight: 1, fillColor: color, fillOpacity: 0.85 });
      m.bindTooltip(tooltipFor(p));
      m.on("click", () => openEvent(p.doc_id, p.id));
      m.feature = f;
      layers.push(m);
    }
    state.cluster.addLayers(layers);
    if (layers.length && !state.fitted) {
      state.map.fitBounds(L.featureGroup(layers).getBounds().pad(0.15), { maxZoom: 8 });
      state.fitted = true;
    }
  }

  function tooltipFor(p) {
    return el("div", {},
      el("strong", { text: p.event_type + (p.sub_event_type ? " — " + p.sub_event_type : "") }), el("br"),
      (p.event_date || "date unknown") + " · " + (p.location || p.location_ar || "?") + (p.admin1 ? ", " + p.admin1 : ""), el("br"),
      el("span", { class: "tt-ar", lang: "ar", text: [p.actor1_ar, p.location_ar].filter(Boolean).join(" · ") }),
      p.fatalities ? el("div", { text: "fatalities: " + p.fatalities }) : null);
  }

  // ------------------------------------------------------------------ timeline with brushing
  function dayNum(s) { return Math.floor(Date.parse(s + "T00:00:00Z") / DAY); }
  function dayStr(n) { return new Date(n * DAY).toISOString().slice(0, 10); }

  function renderTimeline() {
    const box = $("timeline");
    clear(box);
    const counts = new Map();
    for (const f of state.features) {
      const d = f.properties.event_date;
      if (d) counts.set(d, (counts.get(d) || 0) + 1);
    }
    const W = box.clientWidth || 600, H = box.clientHeight || 90, pad = 18;
    box.setAttribute("viewBox", "0 0 " + W + " " + H);
    if (counts.size === 0) { box.appendChild(svg("text", { x: 10, y: 30, class: "axis" }, "no dated events")); return; }
    const days = [...counts.keys()].map(dayNum);
    const d0 = Math.min(...days) - 1, d1 = Math.max(...days) + 1;
    const max = Math.max(...counts.values());
    const x = (d) => pad + ((d - d0) / (d1 - d0)) * (W - 2 * pad);
    const bw = Math.max(2, (W - 2 * pad) / (d1 - d0 + 1) - 1);
    state.timeline = { d0, d1, x, W, pad };
    for (const [d, n] of counts) {
      const h = ((H - 2 * pad) * n) / max;
      const inBrush = !state.brush || (d >= state.brush[0] && d <= state.brush[1]);
      const r = svg("rect", { x: x(dayNum(d)) - bw / 2, y: H - pad - h, width: bw, height: Math.max(1, h), class: "bar" + (inBrush ? "" : " out"), "data-day": d });
      r.appendChild(svg("title", {}, d + ": " + n));
      box.appendChild(r);
    }
    box.appendChild(svg("text", { x: pad, y: H - 4, class: "axis" }, dayStr(d0 + 1)));
    box.appendChild(svg("text", { x: W - pad, y: H - 4, class: "axis", "text-anchor": "end" }, dayStr(d1 - 1)));
    box.appendChild(svg("text", { x: pad, y: 10, class: "axis" }, "max " + max + "/day"));
    if (state.brush) {
      const a = x(dayNum(state.brush[0])) - bw / 2, b = x(dayNum(state.brush[1])) + bw / 2;
      box.appendChild(svg("rect", { x: a, y: 2, width: Math.max(2, b - a), height: H - pad, class: "brush" }));
    }
    $("brush-label").textContent = state.brush ? state.brush[0] + " → " + state.brush[1] : "";
    $("brush-clear").hidden = !state.brush;
  }

  function initBrush() {
    const box = $("timeline");
    let start = null, live = null;
    const toDay = (ev) => {
      const t = state.timeline;
      const rect = box.getBoundingClientRect();
      const px = ((ev.clientX - rect.left) / rect.width) * t.W;
      const d = t.d0 + ((px - t.pad) / (t.W - 2 * t.pad)) * (t.d1 - t.d0);
      return Math.max(t.d0, Math.min(t.d1, Math.round(d)));
    };
    box.addEventListener("mousedown", (ev) => {
      if (!state.timeline) return;
      start = toDay(ev);
      ev.preventDefault();
    });
    box.addEventListener("mousemove", (ev) => {
      if (start === null) return;
      const d = toDay(ev);
      const t = state.timeline;
      if (live) live.remove();
      const a = t.x(Math.min(start, d)), b = t.x(Math.max(start, d));
      live = svg("rect", { x: a, y: 2, width: Math.max(1, b - a), height: 70, class: "brush" });
      box.appendChild(live);
    });
    window.addEventListener("mouseup", (ev) => {
      if (start === null) return;
      const end = toDay(ev);
      const a = Math.min(start, end), b = Math.max(start, end);
      start = null; live = null;
      state.brush = [dayStr(a), dayStr(b)];
      render();
    });
    $("brush-clear").addEventListener("click", () => { state.brush = null; render(); });
  }

  // ------------------------------------------------------------------ event list
  function renderList(features) {
    const tb = $("event-list").tBodies[0];
    clear(tb);
    const sorted = [...features].sort((a, b) => (b.properties.event_date || "").localeCompare(a.properties.event_date || ""));
    for (const f of sorted.slice(0, LIST_LIMIT)) {
      const p = f.properties;
      const tr = el("tr", { "data-doc": p.doc_id, "data-event": p.id, "data-type": p.event_type, onclick: () => openEvent(p.doc_id, p.id) },
        el("td", { text: p.event_date || "—" }),
        el("td", { text: p.sub_event_type || p.event_type }),
        el("td", {}, p.location || "", p.location_ar ? " " : null, p.location_ar ? el("span", { class: "ar muted", lang: "ar", text: p.location_ar }) : null),
        el("td", { text: p.actor1 || "" }),
        el("td", { text: p.actor2 || "" }),
        el("td", { text: p.fatalities === null || p.fatalities === undefined ? "" : String(p.fatalities) }),
        el("td", { text: p.outlet || "" }));
      if (state.selected === p.doc_id + "\u0000" + p.id) tr.className = "sel";
      tb.appendChild(tr);
    }
  }

  // ------------------------------------------------------------------ routing
  function openEvent(docId, eventId) {
    location.hash = "#/doc/" + encodeURIComponent(docId) + "/" + encodeURIComponent(eventId || "");
  }
  function openActor(ref) { location.hash = "#/actor/" + encodeURIComponent(ref); }

  function show(which) {
    for (const id of ["welcome", "article-view", "actor-view"]) $(id).hidden = id !== which;
  }

  async function route() {
    const h = location.hash;
    let m;
    if ((m = /^#\/doc\/([^/]*)\/?(.*)$/.exec(h))) {
      await showArticle(decodeURIComponent(m[1]), decodeURIComponent(m[2] || ""));
    } else if ((m = /^#\/actor\/(.+)$/.exec(h))) {
      await showActor(decodeURIComponent(m[1]));
    } else {
      show("welcome");
    }
  }

  // ------------------------------------------------------------------ article view
  // Python offsets count code points; JS strings count UTF-16 units, so slice code points.
  function buildArticle(cps, entities, evidence) {
    const frag = document.createDocumentFragment();
    const n = cps.length;
    const parts = evidence && evidence.end > evidence.start
      ? [[0, evidence.start, false], [evidence.start, evidence.end, true], [evidence.end, n, false]]
      : [[0, n, false]];
    for (const [a, b, isEv] of parts) {
      if (b <= a) continue;
      const host = isEv ? el("mark", { class: "evidence", id: "evidence", "data-start": a, "data-end": b }) : frag;
      appendSegments(host, cps, entities, a, b);
      if (isEv) frag.appendChild(host);
    }
    return frag;
  }

  function appendSegments(host, cps, entities, a, b) {
    const ents = entities.filter((e) => e.end > a && e.start < b && e.end > e.start);
    const cuts = new Set([a, b]);
    for (const e of ents) { if (e.start > a) cuts.add(e.start); if (e.end < b) cuts.add(e.end); }
    const bounds = [...cuts].sort((x, y) => x - y);
    for (let i = 0; i + 1 < bounds.length; i++) {
      const s = bounds[i], t = bounds[i + 1];
      const text = cps.slice(s, t).join("");
      const cover = ents.filter((e) => e.start <= s && e.end >= t);
      if (cover.length === 0) { host.appendChild(document.createTextNode(text)); continue; }
      const types = [...new Set(cover.map((e) => e.type))];
      const span = el("span", {
        class: "ent " + types.map((t2) => "ent-" + t2).join(" "),
        title: cover.map((e) => e.type + (e.ref ? " " + e.ref : "") + (e.date ? " " + e.date : "")).join("; "),
        "data-ids": cover.map((e) => e.id).join(" "),
      });
      span.textContent = text;
      host.appendChild(span);
    }
  }

  function actorCell(a) {
    if (!a) return el("span", { class: "muted", text: "—" });
    const name = a.ref ? el("button", { class: "linkish", type: "button", text: a.name, onclick: () => openActor(a.ref) }) : el("span", { text: a.name });
    return el("span", {}, name, a.name_ar ? " · " : null, a.name_ar ? el("span", { class: "ar", lang: "ar", text: a.name_ar }) : null,
      a.inter ? el("span", { class: "muted", text: " (inter " + a.inter + ")" }) : null);
  }

  function placeCell(l) {
    if (!l) return el("span", { class: "muted", text: "—" });
    const where = [l.admin3, l.admin2, l.admin1, l.country].filter(Boolean).join(", ");
    const coords = l.latitude !== null && l.latitude !== undefined ? " (" + l.latitude.toFixed(3) + ", " + l.longitude.toFixed(3) + ")" : " (no coordinates)";
    return el("span", {}, l.name || "", l.name_ar ? " · " : null, l.name_ar ? el("span", { class: "ar", lang: "ar", text: l.name_ar }) : null,
      el("br"), el("span", { class: "muted", text: where + coords + (l.geo_precision ? " · precision " + l.geo_precision : "") }));
  }

  function fieldsTable(ev) {
    const rows = [
      ["Type", ev.event_type + " — " + ev.sub_event_type + (ev.plover ? " (PLOVER " + ev.plover + ")" : "")],
      ["Date", (ev.event_date || "unknown") + (ev.time_precision ? " · precision " + ev.time_precision : "")],
      ["Actor 1", actorCell(ev.actor1)],
      ["Assoc. 1", (ev.assoc_actor_1 || []).length ? el("span", {}, ...ev.assoc_actor_1.map(actorCell)) : null],
      ["Actor 2", actorCell(ev.actor2)],
      ["Assoc. 2", (ev.assoc_actor_2 || []).length ? el("span", {}, ...ev.assoc_actor_2.map(actorCell)) : null],
      ["Place", placeCell(ev.location)],
      ["Fatalities", ev.fatalities === null || ev.fatalities === undefined ? "not reported" : String(ev.fatalities)],
      ["Modality", ev.modality + (ev.attribution ? " · per " : "")],
      ["Attribution", ev.attribution ? el("span", { class: "ar", lang: "ar", text: ev.attribution }) : null],
      ["Notes", ev.notes || null],
      ["Evidence", ev.evidence.start + "–" + ev.evidence.end],
      ["Rule", ev.rule ? ev.rule + " · confidence " + ev.confidence : "confidence " + ev.confidence],
    ];
    const t = el("table", { class: "fields", id: "event-fields" });
    for (const [k, v] of rows) {
      if (v === null || v === undefined) continue;
      t.appendChild(el("tr", {}, el("th", { text: k }), el("td", {}, v)));
    }
    return t;
  }

  async function showArticle(docId, eventId) {
    const view = clear($("article-view"));
    show("article-view");
    let doc;
    try { doc = await getJSON("/documents/" + encodeURIComponent(docId)); }
    catch (e) { view.appendChild(el("p", { class: "err", text: "could not load " + docId + " — " + e.message })); return; }
    const ev = doc.events.find((e) => e.id === eventId) || doc.events[0] || null;
    state.selected = docId + "\u0000" + (ev ? ev.id : "");
    view.appendChild(el("h2", { class: "ar", lang: "ar", dir: "rtl", text: doc.title || doc.doc_id }));
    view.appendChild(el("div", { class: "muted" }, (doc.source.outlet || "unknown outlet") + " · " + (doc.source.published || "no date") + " · " + doc.doc_id,
      doc.source.url ? el("span", { text: " · " + doc.source.url }) : null));
    if (ev) {
      view.appendChild(el("h3", { text: "Event" }));
      view.appendChild(fieldsTable(ev));
    }
    if (doc.events.length > 1) {
      const ul = el("ul", { class: "other-events" });
      for (const e of doc.events) {
        ul.appendChild(el("li", { class: ev && e.id === ev.id ? "cur" : "" },
          el("button", { class: "linkish", type: "button", "data-event": e.id, text: (e.event_date || "?") + " · " + e.sub_event_type + " · " + ((e.location && (e.location.name || e.location.name_ar)) || "?"), onclick: () => openEvent(doc.doc_id, e.id) })));
      }
      view.appendChild(el("details", {}, el("summary", { text: doc.events.length + " events in this article" }), ul));
    }
    const keys = el("div", { class: "keys" });
    for (const t of ["ACTOR", "PERSON", "LOCATION", "DATE", "QUANTITY", "SOURCE"]) keys.appendChild(el("span", { class: "ent ent-" + t, text: t.toLowerCase() }));
    keys.appendChild(el("mark", { class: "evidence", text: "evidence" }));
    view.appendChild(keys);
    const cps = Array.from(doc.text);
    const art = el("div", { class: "article", id: "article-text", dir: "rtl", lang: doc.language || "ar" });
    art.appendChild(buildArticle(cps, doc.entities || [], ev ? ev.evidence : null));
    view.appendChild(art);
    if ((doc.warnings || []).length) {
      const w = el("ul", { class: "warnings" });
      for (const x of doc.warnings) w.appendChild(el("li", { text: x.code + ": " + x.message }));
      view.appendChild(el("details", {}, el("summary", { text: doc.warnings.length + " warnings" }), w));
    }
    const mark = $("evidence");
    if (mark) mark.scrollIntoView({ block: "center" });
    renderList(visibleFeatures());
  }

  // ------------------------------------------------------------------ actor page
  // The store's summary shapes are read tolerantly: relations are any objects
  // with type/source/target; counts are {key: n} maps or [{key, n}] lists.
  function collectRelations(obj, out) {
    if (Array.isArray(obj)) { for (const x of obj) collectRelations(x, out); return out; }
    if (obj && typeof obj === "object") {
      if (typeof obj.type === "string" && obj.source && obj.target) { out.push(obj); return out; }
      for (const v of Object.values(obj)) collectRelations(v, out);
    }
    return out;
  }
  function countsOf(summary, word) {
    for (const [k, v] of Object.entries(summary || {})) {
      if (!k.toLowerCase().includes(word)) continue;
      if (Array.isArray(v)) {
        return v.map((r) => Array.isArray(r) ? [String(r[0]), Number(r[1])] : [String(r[word] ?? r.key ?? r.month ?? r.type ?? r.event_type), Number(r.count ?? r.n ?? r.events ?? 0)]);
      }
      if (v && typeof v === "object") return Object.entries(v).map(([a, b]) => [a, Number(b)]);
    }
    return [];
  }
  function endName(e) { return typeof e === "string" ? e : (e.name || e.ref || "?"); }
  function endRef(e) { return typeof e === "string" ? e : (e.ref || null); }

  function drawGraph(ref, name, rels) {
    const W = 520, H = 360, cx = W / 2, cy = H / 2, R = 130;
    const g = svg("svg", { id: "graph", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "relations of " + name });
    const defs = svg("defs");
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#888" }));
    defs.appendChild(marker);
    g.appendChild(defs);
    const others = new Map();
    for (const r of rels) {
      const s = endRef(r.source), t = endRef(r.target);
      const out = s === ref;
      const other = out ? r.target : r.source;
      const key = endRef(other) || endName(other);
      if (!others.has(key)) others.set(key, { name: endName(other), ref: endRef(other), rels: [] });
      others.get(key).rels.push({ type: r.type, out });
    }
    const nodes = [...others.values()];
    const pos = nodes.map((_, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
      return [cx + R * Math.cos(a), cy + R * Math.sin(a)];
    });
    nodes.forEach((n, i) => {
      const [x, y] = pos[i];
      n.rels.forEach((r, j) => {
        const bend = (j - (n.rels.length - 1) / 2) * 30;
        const mx = (cx + x) / 2 + bend * (y - cy) / R, my = (cy + y) / 2 - bend * (x - cx) / R;
        const [x1, y1, x2, y2] = r.out ? [cx, cy, x, y] : [x, y, cx, cy];
        g.appendChild(svg("path", { class: "edge", d: "M" + x1 + "," + y1 + " Q" + mx + "," + my + " " + x2 + "," + y2, "marker-end": "url(#arrow)" }));
        g.appendChild(svg("text", { class: "edge-label", x: mx, y: my, "text-anchor": "middle" }, r.type));
      });
    });
    const center = svg("g", { class: "node center" });
    center.appendChild(svg("circle", { cx, cy, r: 12 }));
    center.appendChild(svg("text", { x: cx, y: cy + 26, "text-anchor": "middle" }, name));
    g.appendChild(center);
    nodes.forEach((n, i) => {
      const [x, y] = pos[i];
      const node = svg("g", { class: "node" });
      node.appendChild(svg("circle", { cx: x, cy: y, r: 9 }));
      node.appendChild(svg("text", { x, y: y + (y < cy ? -14 : 22), "text-anchor": "middle" }, n.name));
      if (n.ref && n.ref.startsWith("actor:")) { node.style.cursor = "pointer"; node.addEventListener("click", () => openActor(n.ref)); }
      g.appendChild(node);
    });
    if (!nodes.length) g.appendChild(svg("text", { x: 10, y: 20, class: "edge-label" }, "no known relations"));
    return g;
  }

  function drawMonths(months) {
    const W = 520, H = 140, pad = 22;
    const g = svg("svg", { id: "months", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "events per month" });
    months.sort((a, b) => a[0].localeCompare(b[0]));
    if (!months.length) { g.appendChild(svg("text", { x: 10, y: 20, class: "axis" }, "no events in the store")); return g; }
    const max = Math.max(...months.map((m) => m[1]));
    const bw = Math.min(40, (W - 2 * pad) / months.length);
    months.forEach(([m, n], i) => {
      const h = ((H - 2 * pad) * n) / max;
      const r = svg("rect", { class: "bar", x: pad + i * bw + 1, y: H - pad - h, width: Math.max(1, bw - 2), height: Math.max(1, h) });
      r.appendChild(svg("title", {}, m + ": " + n));
      g.appendChild(r);
    });
    g.appendChild(svg("text", { class: "axis", x: pad, y: H - 6 }, months[0][0]));
    g.appendChild(svg("text", { class: "axis", x: W - pad, y: H - 6, "text-anchor": "end" }, months[months.length - 1][0]));
    g.appendChild(svg("text", { class: "axis", x: pad, y: 12 }, "max " + max + "/month"));
    return g;
  }

  async function showActor(ref) {
    const view = clear($("actor-view"));
    show("actor-view");
    let a;
    try { a = await getJSON("/actors/" + encodeURIComponent(ref)); }
    catch (e) { view.appendChild(el("p", { class: "err", text: "could not load " + ref + " — " + e.message })); return; }
    const entry = a.entry || {};
    const name = entry.name || a.name || ref;
    view.appendChild(el("h2", {}, name, entry.name_ar ? el("span", { class: "ar", lang: "ar", text: " · " + entry.name_ar }) : null));
    view.appendChild(el("div", { class: "muted", text: ref + (entry.inter ? " · inter " + entry.inter : "") + (entry.country ? " · " + entry.country : "") }));
    const aliases = entry.aliases || entry.aliases_ar || entry.names_ar;
    if (Array.isArray(aliases) && aliases.length) view.appendChild(el("p", { class: "ar", lang: "ar", text: aliases.slice(0, 12).join(" · ") }));
    view.appendChild(el("button", { class: "linkish", type: "button", text: "show this actor's events on the map", onclick: () => {
      const sel = $("f-actor");
      if (![...sel.options].some((o) => o.value === ref)) sel.appendChild(el("option", { value: ref, text: name }));
      sel.value = ref; loadEvents();
    } }));
    const rels = Array.isArray(a.graph) ? a.graph : collectRelations([a.relations, a.kb_relations], []);
    view.appendChild(el("h3", { text: "Relations (" + rels.length + ")" }));
    view.appendChild(drawGraph(ref, name, rels));
    view.appendChild(el("h3", { text: "Events over time" }));
    view.appendChild(drawMonths(countsOf({ by_month: a.by_month }, "month")));
    const types = countsOf({ by_type: a.by_type }, "type");
    if (types.length) {
      const t = el("table", { class: "fields", id: "actor-types" });
      for (const [k, n] of types) t.appendChild(el("tr", {}, el("th", { text: k }), el("td", { text: String(n) })));
      view.appendChild(t);
    }
  }

  // ------------------------------------------------------------------ start
  async function start() {
    initMap();
    initBrush();
    for (const id of ["f-type", "f-actor", "f-outlet", "f-admin1", "f-since", "f-until"]) $(id).addEventListener("change", loadEvents);
    $("f-reset").addEventListener("click", () => { $("filters").reset(); loadEvents(); });
    window.addEventListener("hashchange", route);
    window.addEventListener("resize", () => renderTimeline());
    try { await loadFacets(); } catch (e) { setStatus("could not load filters — " + e.message, true); }
    await loadEvents();
    await route();
    document.body.setAttribute("data-ready", "1");
  }
  document.addEventListener("DOMContentLoaded", () => {
    start().catch((e) => { setStatus("page error — " + (e && e.message ? e.message : e), true); document.body.setAttribute("data-error", String(e)); });
  });
})();
