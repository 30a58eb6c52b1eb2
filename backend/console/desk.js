"use strict";
// The console's desk tools: canned responses, search, the customer's history, alerts of new
// conversations (tab title count, desktop notification, a short tone), confirmation and undo.
const Desk = (function () {
  const t = I18N.t, tv = I18N.tv;
  const $ = (id) => document.getElementById(id);
  const C = () => window.Console;
  const UNDO_MS = 6000;
  const baseTitle = document.title;
  const seen = new Set();
  let primed = false, canned = { key: null, list: [], ready: null }, pending = null;

  // --- confirmation and undo ---------------------------------------------------------------
  function confirm(text) {
    const dialog = $("confirm-dialog");
    $("confirm-text").textContent = text;
    dialog.returnValue = "";
    return new Promise((resolve) => {
      dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
      dialog.showModal();
      $("confirm-ok").focus();
    });
  }

  // Run ``commit`` after a few seconds unless undone; a page that closes commits at once.
  function later(text, commit, undone) {
    flush();
    const back = document.activeElement;
    const entry = { commit, undone, back };
    entry.timer = setTimeout(() => finish(entry, false), UNDO_MS);
    pending = entry;
    $("undo-text").textContent = text;
    $("undo-bar").hidden = false;
    $("undo").focus();
  }

  function finish(entry, leaving) {
    if (pending !== entry) return;
    clearTimeout(entry.timer);
    pending = null;
    $("undo-bar").hidden = true;
    entry.commit(leaving);
  }

  function flush() { if (pending) finish(pending, false); }

  function undo() {
    if (!pending) return;
    const entry = pending;
    clearTimeout(entry.timer);
    pending = null;
    $("undo-bar").hidden = true;
    entry.undone();
    if (entry.back && entry.back.isConnected) entry.back.focus();
  }

  // --- alerts ----------------------------------------------------------------------------------
  function background() { return document.hidden || !document.hasFocus(); }

  function tone() {
    try {
      const audio = new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      osc.frequency.value = 880;
      osc.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.15);
    } catch (e) { /* no audio: the title and the notification remain */ }
  }

  function alertOf(item) {
    tone();
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    const who = item.customer ? item.customer.name : t("unknown_customer");
    const note = new Notification(t("new_conversation"), {
      body: t("notify_body", { who, reason: tv("reasons", item.reason) }), tag: "avisa-" + item.id });
    note.onclick = () => { window.focus(); C().open(item.conversation_id); note.close(); };
  }

  function onQueue(items) {
    const waiting = items.filter((i) => i.state === "waiting");
    document.title = waiting.length ? `(${waiting.length}) ${baseTitle}` : baseTitle;
    for (const item of waiting) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      if (primed && background()) alertOf(item);
    }
    primed = true;
  }

  function notifyButton() {
    const button = $("notify");
    button.hidden = !("Notification" in window) || Notification.permission !== "default";
  }

  // --- canned responses --------------------------------------------------------------------
  async function loadCanned(d) {
    // In the customer's language; reloaded when what fills the placeholders may have changed.
    const hid = d.handoff.id;
    const key = JSON.stringify([hid, d.customer && d.customer.code, d.incidents.map((i) => i.id), d.agent_slots]);
    if (canned.key === key) return;
    const current = { key, list: canned.list, ready: null };
    canned = current;
    current.ready = (async () => {
      const data = await C().run(() => C().api("GET", `/handoffs/${hid}/canned`));
      if (!data || canned !== current) return;
      current.list = data.responses;
      const el = C().el;
      $("canned").replaceChildren(el("option", { value: "" }, t("canned")),
        ...data.responses.map((r) => el("option", { value: r.id }, r.title)));
    })();
  }

  async function useCanned() {
    // A response picked while the list is reloading (an incident just created, the customer
    // just identified) is filled from the new list, not the old texts with their placeholders.
    const id = $("canned").value;
    $("canned").value = "";
    let ready;
    while (ready !== canned.ready) { ready = canned.ready; await ready; }
    const chosen = canned.list.find((r) => r.id === id);
    if (!chosen) return;
    const box = $("reply");
    const start = box.selectionStart, end = box.selectionEnd;
    box.value = box.value.slice(0, start) + chosen.text + box.value.slice(end);
    box.focus();
    if (chosen.missing.length) {
      C().toast(`${t("canned_missing")} ${chosen.missing.map((m) => tv("placeholders", m)).join(", ")}`, true);
      const at = box.value.indexOf(`{${chosen.missing[0]}}`, start);
      box.setSelectionRange(at, at + chosen.missing[0].length + 2);
    } else {
      box.setSelectionRange(start + chosen.text.length, start + chosen.text.length);
    }
  }

  // --- search and history --------------------------------------------------------------------
  function when(iso) { return new Date(iso).toLocaleDateString(I18N.lang, { dateStyle: "medium" }); }

  function section(title, rows) {
    const el = C().el;
    return rows.length ? [el("h3", {}, title), el("ul", { class: "found" }, ...rows.map((r) => el("li", {}, r)))] : [];
  }

  function openButton(text, cid) {
    return C().el("button", { type: "button", class: "link", onclick: () => { $("search-dialog").close(); C().open(cid); } }, text);
  }

  function historyButton(text, code) {
    return C().el("button", { type: "button", class: "link", onclick: () => showHistory(code) }, text);
  }

  async function search(text) {
    if (text.trim().length < 2) return;
    const found = await C().run(() => C().api("GET", "/search?q=" + encodeURIComponent(text.trim())));
    if (!found) return;
    const el = C().el;
    const rows = [
      ...section(t("found_conversations"), found.conversations.map((c) => [openButton(`${c.id}`, c.id),
        el("span", { class: "small muted" }, ` ${tv("channels", c.channel)} · ${when(c.at)} · `), c.snippet])),
      ...section(t("found_customers"), found.customers.map((c) => [historyButton(`${c.name} (${c.code})`, c.code)])),
      ...section(t("found_incidents"), found.incidents.map((i) => [historyButton(i.id, i.customer_code),
        el("span", { class: "small muted" }, ` ${tv("incident_states", i.state)} · ${i.customer_code} · `), i.symptom])),
    ];
    $("search-results").replaceChildren(...(rows.length ? rows : [el("p", { class: "muted" }, t("no_results"))]));
    if (!$("search-dialog").open) $("search-dialog").showModal();
    const first = $("search-results").querySelector("button");
    if (first) first.focus();
  }

  function historyNodes(h) {
    const el = C().el;
    const rows = [
      ...section(t("past_conversations"), h.conversations.map((c) => [openButton(when(c.created_at), c.id),
        el("span", { class: "small muted" }, ` ${tv("channels", c.channel)}${c.reasons.length ? " · " + c.reasons.map((r) => tv("reasons", r)).join(", ") : ""}`),
        c.last ? el("div", { class: "small" }, c.last) : null])),
      ...section(t("closed_incidents"), h.incidents.map((i) => [el("strong", {}, i.id),
        ` · ${tv("incident_states", i.state)} · ${when(i.updated_at)}`, el("div", { class: "small" }, i.symptom)])),
    ];
    return rows.length ? rows : [el("p", { class: "muted small" }, t("no_history"))];
  }

  async function showHistory(code) {
    const h = await C().run(() => C().api("GET", `/customers/${encodeURIComponent(code)}/history`));
    if (!h) return;
    const el = C().el;
    $("search-results").replaceChildren(el("h3", {}, `${h.customer.name} (${h.customer.code})`), ...historyNodes(h));
    if (!$("search-dialog").open) $("search-dialog").showModal();
  }

  async function loadHistory(d) {
    if (!d.customer) { $("history").replaceChildren(); return; }
    const cid = d.handoff.conversation_id;
    const h = await C().run(() => C().api("GET", `/customers/${encodeURIComponent(d.customer.code)}/history?exclude=${encodeURIComponent(cid)}`));
    if (h && C().state.current === cid) $("history").replaceChildren(...historyNodes(h));
  }

  // --- wiring ----------------------------------------------------------------------------------
  let lastHistory = null;
  document.addEventListener("queuechange", (e) => onQueue(e.detail));
  document.addEventListener("detailchange", (e) => {
    loadCanned(e.detail);
    const key = `${e.detail.handoff.conversation_id}|${I18N.lang}`;
    if (key !== lastHistory) { lastHistory = key; loadHistory(e.detail); }
  });
  document.addEventListener("langchange", () => { canned.key = null; lastHistory = null; });
  document.addEventListener("DOMContentLoaded", () => {
    notifyButton();
    $("notify").addEventListener("click", () => Notification.requestPermission().then(notifyButton));
    $("canned").addEventListener("change", useCanned);
    $("undo").addEventListener("click", undo);
    $("search-form").addEventListener("submit", (e) => { e.preventDefault(); search($("search").value); });
    document.addEventListener("keydown", (e) => {
      if (e.altKey && (e.key === "z" || e.code === "KeyZ")) { e.preventDefault(); undo(); }
      else if (e.altKey && (e.key === "s" || e.code === "KeyS")) { e.preventDefault(); $("search").focus(); }
    });
    window.addEventListener("pagehide", () => { if (pending) finish(pending, true); });
  });
  return { confirm, later, flush };
})();
