"use strict";
const API = "/console/api/admin/nlu";
let csrf = "", current = null, timer = null;
const $ = (id) => document.getElementById(id);
const text = (tag, value, cls) => { const el = document.createElement(tag); el.textContent = value; if (cls) el.className = cls; return el; };

async function call(method, path, body) {
  const r = await fetch(path, {method, credentials: "same-origin", headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
    body: body === undefined ? undefined : JSON.stringify(body)});
  const data = await r.json();
  if (!r.ok) throw Object.assign(new Error((data.error || {}).message || r.status), {status: r.status});
  return data;
}

async function start() {
  await window.i18nReady;
  window.applyLang();
  try {
    const me = await call("GET", "/console/api/me");
    if (me.agent.role !== "admin") { $("login").hidden = false; $("login-error").hidden = false; $("login-error").textContent = t("notadmin"); return; }
    csrf = me.csrf; $("login").hidden = true; $("app").hidden = false;
    await Promise.all([loadReview(), loadRuns()]);
  } catch (e) { $("login").hidden = false; }
}

async function loadReview() {
  const params = new URLSearchParams([...new FormData($("filters"))].filter(([, v]) => v));
  const data = await call("GET", `${API}/review?${params}`);
  const body = $("review").querySelector("tbody"); body.replaceChildren();
  data.items.forEach((item) => {
    const tr = document.createElement("tr"); tr.className = "row"; tr.dataset.id = item.message_id;
    tr.append(text("td", item.text), text("td", item.intent || "?"),
      text("td", item.confidence === null ? "-" : item.confidence.toFixed(2)), text("td", item.reasons.map((r) => reason(r, item)).join(", ")));
    tr.onclick = () => open(item.message_id, tr); body.appendChild(tr);
  });
}

function reason(r, item) {
  if (r !== "flagged" || !item.flag) return r;
  return `${t("flagged")} (${item.flag.by})` + (item.flag.reason ? `: ${item.flag.reason}` : "");
}

async function open(id, tr) {
  document.querySelectorAll("tr.sel").forEach((x) => x.classList.remove("sel")); tr.classList.add("sel");
  current = await call("GET", `${API}/messages/${id}`);
  $("detail").hidden = false; $("context").replaceChildren();
  current.context.forEach((m) => $("context").appendChild(text("li", m.text, m.direction === "in" ? (m.id === id ? "sel" : "in") : "out")));
  $("ranking").textContent = current.ranking.map((r) => `${r.name} ${r.confidence.toFixed(2)}`).join(" · ");
  $("intents").replaceChildren(...current.ranking.map((r) => { const o = document.createElement("option"); o.value = r.name; return o; }));
  $("intent").value = ""; $("entities").value = "";
}

async function save(discard) {
  const entities = $("entities").value ? JSON.parse($("entities").value) : [];
  await call("POST", `${API}/messages/${current.message_id}/label`, {intent: $("intent").value, entities, discard});
  $("detail").hidden = true; await loadReview();
}

function showRun(run) {
  $("bar").value = run.progress; $("phase").textContent = `#${run.id} ${run.state} · ${run.phase}`;
  if (run.state !== "ready" || !run.report.per_intent) return;
  window.drawComparison($("compare"), run);  // compare.js: in words, examples side by side
  window.drawChart($("chart"), run.report.per_intent);
}

async function loadRuns() {
  const data = await call("GET", `${API}/runs`);
  $("active").textContent = data.active.model_path;
  const body = $("runs").querySelector("tbody"); body.replaceChildren();
  data.runs.forEach((run) => {
    const tr = document.createElement("tr");
    tr.append(text("td", `#${run.id}`), text("td", run.state), text("td", run.worse ? t("worse") : ""));
    if (run.state === "ready") {
      const b = text("button", t("activate")); b.className = "activate"; b.onclick = () => activate(run.id);
      const td = document.createElement("td"); td.appendChild(b); tr.appendChild(td);
    }
    body.appendChild(tr);
  });
  const last = data.runs[0];
  if (last) showRun(last);
  clearTimeout(timer);
  if (last && ["queued", "training", "evaluating"].includes(last.state)) timer = setTimeout(loadRuns, 1000);
}

function describe(report, list, onlyChanged) {
  const rows = Object.entries(report.changes).filter(([, c]) => !onlyChanged || c !== "unchanged");
  list.replaceChildren(...rows.map(([path, c]) => {
    const n = report.files[path.split("/").pop()];
    const count = n === undefined ? "" : t(n === 1 ? "example" : "examples", {n}) + " · ";
    return text("li", `${path}: ${count}${t(`change.${c}`)}`, `change-${c}`);
  }));
  return rows.length;
}

function notes(report, box) {
  box.textContent = [report.new_intents.length ? t("newintents", {list: report.new_intents.join(", ")}) : "",
    Object.keys(report.skipped).length ? t("skipped", {list: Object.keys(report.skipped).join(", ")}) : ""]
    .filter(Boolean).join(" ");
  box.hidden = !box.textContent;
}

async function exportPlan() {
  const plan = await call("GET", `${API}/export`);
  $("export-result").hidden = true; $("export-plan").hidden = false;
  const changed = describe(plan, $("export-changes"), true);
  $("export-summary").textContent = changed ? t("willexport", {n: plan.labelled}) : t("nothing");
  notes(plan, $("export-plan-notes"));
  $("export-confirm").disabled = !changed;
}

async function exportNow() {
  const done = await call("POST", `${API}/export`, {});
  $("export-plan").hidden = true; $("export-result").hidden = false;
  $("export-done").textContent = t("exported", {n: done.labelled});
  notes(done, $("export-result-notes"));
  describe(done, $("export-files"), false);
}

async function activate(id) { await call("POST", `${API}/runs/${id}/activate`, {}); await loadRuns(); }

$("login-form").onsubmit = async (ev) => {
  ev.preventDefault();
  try { await call("POST", "/console/api/login", {username: $("username").value, password: $("password").value}); await start(); }
  catch (e) { $("login-error").hidden = false; $("login-error").textContent = e.message; }
};
$("filters").onsubmit = (ev) => { ev.preventDefault(); loadReview(); };
$("save").onclick = () => save(false);
$("export").onclick = exportPlan;
$("export-confirm").onclick = exportNow;
$("export-cancel").onclick = () => { $("export-plan").hidden = true; };
$("discard").onclick = () => save(true);
$("train").onclick = async () => { await call("POST", `${API}/train`, {}); await loadRuns(); };
$("rollback").onclick = async () => { await call("POST", `${API}/rollback`, {}); await loadRuns(); };
$("lang").onclick = () => { window.lang = window.lang === "es" ? "en" : "es"; localStorage.setItem("avisa-lang", window.lang); window.applyLang(); if (!$("app").hidden) loadRuns(); };
start();
