// The interactive timeline: an SVG drawn from /api/timeline, with zoom (wheel, +/-), pan (drag),
// one lane per actor or outlet, uncertain dates drawn as ranges, and modality shown by style.
// No inline script anywhere (the page's Content-Security-Policy forbids it); text goes in with
// textContent, never innerHTML.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const LANE_H = 30, TOP = 24, LEFT = 150, RIGHT = 16, MAX_LANES = 14;
  const chart = document.getElementById("chart");
  if (!chart) return;
  const body = document.getElementById("chart-body");
  const status = document.getElementById("chart-status");
  const tip = document.getElementById("chart-tip");
  let data = null, lanes = [], t0 = 0, t1 = 1, full = [0, 1];

  function day(iso) { const p = iso.split("-").map(Number); return Date.UTC(p[0], p[1] - 1, p[2]); }
  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const k in attrs) node.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function width() { return Math.max(400, body.clientWidth || 900); }
  function x(t) { return LEFT + (t - t0) / (t1 - t0) * (width() - LEFT - RIGHT); }
  function at(px) { return t0 + (px - LEFT) / (width() - LEFT - RIGHT) * (t1 - t0); }

  function ticks() {
    const span = (t1 - t0) / DAY, out = [];
    const start = new Date(t0);
    let y = start.getUTCFullYear(), m = start.getUTCMonth();
    if (span > 3 * 366) {
      const step = Math.max(1, Math.ceil(span / 366 / 10));
      for (let yy = y; Date.UTC(yy, 0, 1) <= t1; yy += step) out.push([Date.UTC(yy, 0, 1), String(yy)]);
    } else if (span > 75) {
      const step = Math.max(1, Math.ceil(span / 31 / 12));
      for (let i = 0; Date.UTC(y, m + i, 1) <= t1; i += step) {
        const d = new Date(Date.UTC(y, m + i, 1));
        out.push([d.getTime(), d.toISOString().slice(0, 7)]);
      }
    } else {
      const step = Math.max(1, Math.ceil(span / 12));
      const first = Math.floor(t0 / DAY) * DAY;
      for (let t = first; t <= t1; t += step * DAY) out.push([t, new Date(t).toISOString().slice(0, 10)]);
    }
    return out.filter(function (tk) { return tk[0] >= t0 && tk[0] <= t1; });
  }

  function laneOf(ev) { const i = lanes.indexOf(ev.lane); return i >= 0 ? i : lanes.length - 1; }

  function draw() {
    body.textContent = "";
    if (!data || !data.events.length) {
      const p = document.createElement("p"); p.className = "dim";
      p.textContent = "No dated events to draw for this filter."; body.appendChild(p); return;
    }
    const w = width(), h = TOP + lanes.length * LANE_H + 8;
    const svg = el("svg", { width: w, height: h, viewBox: "0 0 " + w + " " + h, role: "img",
      "aria-label": "Timeline of " + data.shown + " events" }, body);
    const axis = el("g", { class: "axis" }, svg);
    ticks().forEach(function (tk) {
      const px = x(tk[0]);
      el("line", { x1: px, x2: px, y1: TOP - 4, y2: h }, axis);
      const t = el("text", { x: px + 2, y: TOP - 8 }, axis); t.textContent = tk[1];
    });
    lanes.forEach(function (name, i) {
      const y = TOP + i * LANE_H;
      el("line", { x1: 0, x2: w, y1: y + LANE_H, y2: y + LANE_H, stroke: "#eef0f2" }, svg);
      const t = el("text", { class: "lane-label", x: 6, y: y + LANE_H / 2 + 4 }, svg);
      t.textContent = name.length > 22 ? name.slice(0, 21) + "\u2026" : name;
    });
    const clip = el("clipPath", { id: "plot" }, el("defs", {}, svg));
    el("rect", { x: LEFT, y: 0, width: w - LEFT - RIGHT, height: h }, clip);
    const plot = el("g", { "clip-path": "url(#plot)" }, svg);
    data.events.forEach(function (ev, n) {
      const s = day(ev.start), e = day(ev.end) + DAY;
      if (e < t0 || s > t1) return;
      const lane = laneOf(ev), y = TOP + lane * LANE_H + (n % 2 ? 18 : 10);
      const link = el("a", { href: "/events/" + ev.id, class: "ev-link", "data-id": ev.id }, plot);
      const ranged = ev.precision !== "day" || ev.open;
      let shape;
      if (ranged) {
        const x0 = x(s), x1 = ev.open ? x(t1) : x(e);
        shape = el("rect", { x: x0, y: y - 4, width: Math.max(4, x1 - x0), height: 8, rx: 2,
          class: "ev range " + ev.modality }, link);
      } else {
        shape = el("circle", { cx: x(s), cy: y, r: 5, class: "ev " + ev.modality }, link);
      }
      if (ev.modality === "negated") {
        const cx = ranged ? x(s) + 4 : x(s);
        el("line", { x1: cx - 4, y1: y - 4, x2: cx + 4, y2: y + 4, class: "ev negated-x" }, link);
      }
      shape.addEventListener("mouseenter", function () { show(ev, shape); });
      shape.addEventListener("mouseleave", function () { tip.hidden = true; });
    });
    status.textContent = data.shown + " of " + data.total + " events drawn" +
      (data.shown < data.dated ? " (the best-sourced; narrow the filter to see all)" : "") +
      (data.total > data.dated ? "; " + (data.total - data.dated) + " undated in the list" : "");
  }

  function show(ev, shape) {
    const box = shape.getBoundingClientRect(), outer = chart.getBoundingClientRect();
    tip.textContent = ev.date + " \u00b7 " + ev.type + (ev.modality !== "asserted" ? " (" + ev.modality + ")" : "") +
      " \u00b7 " + ev.summary + " \u00b7 " + ev.sources + " source(s)";
    tip.style.left = Math.min(box.left - outer.left, outer.width - 370) + "px";
    tip.style.top = (box.bottom - outer.top + 6) + "px";
    tip.hidden = false;
  }

  function zoom(factor, center) {
    const c = center === undefined ? (t0 + t1) / 2 : center;
    const span = Math.max(7 * DAY, (t1 - t0) * factor);
    const left = (c - t0) / (t1 - t0);
    t0 = c - span * left; t1 = t0 + span; draw();
  }

  body.addEventListener("wheel", function (e) {
    e.preventDefault();
    const r = body.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 0.8 : 1.25, at(e.clientX - r.left));
  }, { passive: false });
  let drag = null;
  body.addEventListener("pointerdown", function (e) {
    if (e.target.closest && e.target.closest("a")) return;
    drag = { x: e.clientX, t0: t0, t1: t1 }; body.setPointerCapture(e.pointerId);
  });
  body.addEventListener("pointermove", function (e) {
    if (!drag) return;
    const dt = (e.clientX - drag.x) / (width() - LEFT - RIGHT) * (drag.t1 - drag.t0);
    t0 = drag.t0 - dt; t1 = drag.t1 - dt; draw();
  });
  body.addEventListener("pointerup", function () { drag = null; });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(2); });
  document.getElementById("zoom-reset").addEventListener("click", function () { t0 = full[0]; t1 = full[1]; draw(); });
  window.addEventListener("resize", draw);

  fetch(chart.dataset.api, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (json) {
      data = json;
      lanes = json.lanes.slice(0, MAX_LANES);
      if (json.lanes.length > MAX_LANES) lanes.push("(others)");
      if (json.events.length) {
        // Open on the middle 96% of the dates (a few events dated decades away would squash the
        // rest into a line); Reset shows everything.
        const starts = json.events.map(function (ev) { return day(ev.start); }).sort(function (a, b) { return a - b; });
        const ends = json.events.map(function (ev) { return day(ev.end) + DAY; }).sort(function (a, b) { return a - b; });
        const cut = Math.floor(starts.length * 0.02);
        const lo = starts[0], hi = ends[ends.length - 1];
        const pad = Math.max(DAY, (hi - lo) * 0.03);
        full = [lo - pad, hi + pad];
        const vlo = starts[cut], vhi = ends[ends.length - 1 - cut];
        const vpad = Math.max(DAY, (vhi - vlo) * 0.03);
        t0 = vlo - vpad; t1 = vhi + vpad;
      }
      chart.dataset.ready = "1";
      draw();
    })
    .catch(function (err) { status.textContent = "Could not load the chart: " + err.message; });
})();
