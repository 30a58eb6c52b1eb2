"use strict";
// Charts of the reporting page, drawn with uPlot (vendored: uPlot.iife.min.js, MIT) and the
// channels' heat map as a coloured table. No network: everything is served by the backend.
window.CHARTS = (function () {
  const COLORS = ["#1f6fb2", "#d9822b", "#3a9d5d", "#b23b3b", "#7a5bb5", "#6b7280"];
  const WIDTH = 520, HEIGHT = 220;

  function holder(box, title) {
    const fig = document.createElement("figure");
    fig.className = "chart";
    const cap = document.createElement("figcaption"); cap.textContent = title;
    fig.append(cap);
    box.append(fig);
    return fig;
  }

  // Lines over dates: days "YYYY-MM-DD" or months "YYYY-MM"; values may be null (no data).
  function lines(box, title, keys, series, percent) {
    const fig = holder(box, title);
    if (!keys.length) { fig.append(I18N.t("no_data")); return fig; }
    const xs = keys.map((k) => Date.parse(k.length === 7 ? `${k}-01T00:00:00Z` : `${k}T00:00:00Z`) / 1000);
    const fmt = (v) => (v === null ? "–" : percent ? `${Math.round(v * 100)} %` : String(v));
    const opts = {
      width: WIDTH, height: HEIGHT, tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
      scales: { x: xs.length > 1 ? { time: true } : { time: true, auto: false, range: [xs[0] - 86400 * 20, xs[0] + 86400 * 20] },
        y: percent ? { range: [0, 1] } : { range: (u, lo, hi) => [0, Math.max(1, hi)] } },
      axes: [{}, { values: (u, vals) => vals.map(fmt) }],
      series: [{ label: I18N.t("col.date") }, ...series.map((s, i) => ({
        label: s.label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true,
        points: { show: true, size: 6 }, value: (u, v) => fmt(v),
      }))],
    };
    new uPlot(opts, [xs, ...series.map((s) => s.values)], fig);
    return fig;
  }

  // Bars by category (channels, customers): x is the category's index.
  function bars(box, title, labels, values, seriesLabel) {
    const fig = holder(box, title);
    if (!labels.length) { fig.append(I18N.t("no_data")); return fig; }
    const opts = {
      width: WIDTH, height: HEIGHT,
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (u, lo, hi) => [0, Math.max(1, hi)] } },
      axes: [{ values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? labels[v] || "" : "")) }, {}],
      series: [{ value: (u, v) => (v === null ? "–" : labels[v]) },
        { label: seriesLabel, fill: COLORS[0] + "cc", stroke: COLORS[0], paths: uPlot.paths.bars({ size: [0.6, 60] }) }],
      legend: { show: true },
    };
    new uPlot(opts, [labels.map((_, i) => i), values], fig);
    return fig;
  }

  // 7 rows (Monday..Sunday) × 24 hours; the cell's shade grows with its count.
  function heatMap(box, title, cells, days) {
    const fig = holder(box, title);
    const max = Math.max(1, ...cells.flat());
    const table = document.createElement("table");
    table.className = "heat";
    const head = document.createElement("tr");
    head.append(document.createElement("th"));
    for (let h = 0; h < 24; h++) { const th = document.createElement("th"); th.textContent = h; head.append(th); }
    table.append(head);
    cells.forEach((row, d) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th"); th.textContent = days[d]; tr.append(th);
      row.forEach((n, h) => {
        const td = document.createElement("td");
        td.textContent = n || "";
        td.title = `${days[d]} ${h}:00 · ${n}`;
        td.dataset.n = n;
        const a = n / max;
        td.style.backgroundColor = n ? `rgba(31, 111, 178, ${(0.12 + 0.88 * a).toFixed(3)})` : "";
        if (a > 0.55) td.classList.add("dark");
        tr.append(td);
      });
      table.append(tr);
    });
    fig.append(table);
    return fig;
  }

  return { lines, bars, heatMap };
})();
