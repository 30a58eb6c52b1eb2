"use strict";
// The managers' reporting page: signs in like the console (session cookie), reads every
// report of /console/api/reports on the filters, draws the sections (sections.js) and opens
// the incidents or conversations behind a figure (the drill list), each with its CSV.
(function () {
  const API = "/console/api/reports";
  const REPORTS = ["sla", "bot", "channels", "duplicates", "technicians", "money", "satisfaction"];
  const $ = (id) => document.getElementById(id);
  const t = I18N.t;
  let drilled = null;
  let data = {};

  function query(extra, csv) {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData($("filters"))) if (v) p.set(k, String(v).trim());
    for (const [k, v] of Object.entries(extra || {})) if (v !== "" && v !== null) p.set(k, v);
    if (csv) p.set("format", "csv");
    return p;
  }
  const url = (name, extra, csv) => `${API}/${name}?${query(extra, csv)}`;

  async function get(path) {
    const r = await fetch(path, { credentials: "same-origin" });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      const e = body.error || {};
      throw Object.assign(new Error(e.message || String(r.status)), { status: r.status, code: e.code });
    }
    return body;
  }

  function showError(e) {
    $("error").textContent = e.message; $("error").hidden = false;
  }

  async function load() {
    $("error").hidden = true;
    try {
      const bodies = await Promise.all(REPORTS.map((n) => get(url(n))));
      data = Object.fromEntries(REPORTS.map((n, i) => [n, bodies[i]]));
    } catch (e) { showError(e); return; }
    render();
    if (drilled) await drill(drilled.list, drilled.q, drilled.label);
    $("app").dataset.loads = String(Number($("app").dataset.loads || 0) + 1);  // drawn
  }

  function render() {
    const f = data.sla.filters;
    $("f-from").value = f.from; $("f-to").value = f.to;
    $("period").textContent = t("period_is").replace("{from}", f.from).replace("{to}", f.to);
    for (const name of REPORTS) {
      const box = $(name);
      box.replaceChildren();
      const head = document.createElement("header");
      const h2 = document.createElement("h2"); h2.textContent = t(`r.${name}`);
      const csv = document.createElement("a");
      csv.className = "button csv noprint"; csv.textContent = t("csv");
      csv.href = url(name, {}, true); csv.download = `avisa-${name}.csv`; csv.dataset.csv = name;
      head.append(h2, csv);
      box.append(head);
      window.SECTIONS[name](box, data[name]);
    }
  }

  function cell(value) {
    const td = document.createElement("td");
    td.textContent = value === null || value === undefined ? "–" : String(value);
    return td;
  }

  async function drill(list, q, label) {
    drilled = { list, q, label };
    const extra = { ...q, personal: $("personal").checked ? "yes" : "" };
    let body;
    try { body = await get(url(list, extra)); } catch (e) { showError(e); return; }
    $("drill").hidden = false;
    $("drill-title").textContent = `${t(`list.${list}`)} · ${label} (${body.items.length})`;
    $("drill-csv").href = url(list, extra, true);
    $("drill-csv").download = `avisa-${list}.csv`;
    const cols = body.items.length ? Object.keys(body.items[0]) : ["id"];
    const tr = document.createElement("tr");
    cols.forEach((c) => { const th = document.createElement("th"); th.textContent = t(`col.${c}`); tr.append(th); });
    $("drill-table").tHead.replaceChildren(tr);
    $("drill-table").tBodies[0].replaceChildren(...body.items.map((item) => {
      const row = document.createElement("tr");
      cols.forEach((c) => row.append(cell(item[c])));
      return row;
    }));
    $("drill-more").hidden = !body.truncated;
    $("drill").scrollIntoView({ block: "start" });
  }

  async function start() {
    await I18N.ready;
    I18N.apply();
    let me;
    try { me = await get("/console/api/me"); } catch (e) { $("login").hidden = false; $("app").hidden = true; return; }
    if (!["manager", "admin"].includes(me.agent.role)) {
      $("login").hidden = false; $("app").hidden = true;
      $("login-error").textContent = t("managers_only"); $("login-error").hidden = false;
      return;
    }
    $("who").textContent = `${me.agent.name || me.agent.username} · ${me.agent.role}`;
    $("login").hidden = true; $("app").hidden = false;
    await load();
  }

  window.R = { drill, t, $ };
  document.addEventListener("click", (ev) => {
    const a = ev.target.closest("a.fig, a.drill");
    if (!a) return;
    ev.preventDefault();
    drill(a.dataset.list, JSON.parse(a.dataset.q || "{}"), a.dataset.label || a.textContent);
  });
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  $("personal").addEventListener("change", () => drilled && drill(drilled.list, drilled.q, drilled.label));
  $("drill-close").addEventListener("click", () => { $("drill").hidden = true; drilled = null; });
  $("print").addEventListener("click", () => window.print());
  $("lang-toggle").addEventListener("click", () => { I18N.toggle(); if (data.sla) render(); });
  $("login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("login-error").hidden = true;
    const r = await fetch("/console/api/login", {
      method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: $("username").value.trim(), password: $("password").value }),
    });
    if (!r.ok) {
      const body = await r.json().catch(() => ({}));
      $("login-error").textContent = (body.error || {}).code === "sign_in_failed" ? t("sign_in_failed") : ((body.error || {}).message || t("error"));
      $("login-error").hidden = false; $("password").value = "";
      return;
    }
    await start();
  });
  start();
})();
