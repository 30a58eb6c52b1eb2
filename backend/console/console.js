"use strict";
// Avisa agent console: live queue over WebSocket, one conversation at a time.
(function () {
  const t = I18N.t, tv = I18N.tv;
  const $ = (id) => document.getElementById(id);
  const state = { me: null, csrf: "", items: [], current: null, detail: null, colleagues: null,
    flagged: new Set(), flagging: null };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function toast(text, bad) {
    const box = $("toast");
    box.textContent = text;
    box.className = bad ? "toast bad" : "toast";
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.hidden = true; }, 3500);
  }

  async function api(method, path, body, keepalive) {
    const headers = { "Content-Type": "application/json" };
    if (method !== "GET") headers["X-CSRF-Token"] = state.csrf;
    const response = await fetch("/console/api" + path, {
      method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body), keepalive: !!keepalive,
    });
    if (response.status === 401) { window.location.assign("/console/login"); throw new Error("signed out"); }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const code = data.error ? data.error.code : "error";
      const error = new Error(code === "already_taken" ? t("taken_by_other") : (data.error ? data.error.message : t("error")));
      error.code = code;
      throw error;
    }
    return data;
  }

  async function run(action, okText) {
    try { const result = await action(); if (okText) toast(okText); return result; }
    catch (e) { toast(e.message, true); return null; }
  }

  function minutes(seconds) {
    const m = Math.floor(seconds / 60);
    return m < 60 ? `${m}′` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}`;
  }

  // --- queue ----------------------------------------------------------------------------
  function card(item) {
    const mine = item.agent === state.me.username;
    const who = item.customer ? `${item.customer.name} · ${item.customer.code}` : t("unknown_customer");
    const node = el("div", { class: "card" + (mine ? " mine" : "") + (item.conversation_id === state.current ? " active" : ""),
      role: "listitem", tabindex: "0", "data-cid": item.conversation_id, "data-id": item.id,
      // Enter on the card itself opens it; Enter on its Take button is the button's own
      // (opening first would rebuild the card and drop the button's click).
      onclick: () => open(item.conversation_id),
      onkeydown: (e) => { if (e.key === "Enter" && e.target === e.currentTarget) open(item.conversation_id); } },
      el("div", { class: "row" }, el("span", { class: "who" }, who),
        el("span", { class: "wait" }, minutes(item.waiting_seconds))),
      el("div", {}, el("span", { class: "badge " + item.channel }, tv("channels", item.channel)),
        el("span", { class: "badge " + (item.verified ? "ok" : "warn") }, item.verified ? t("verified") : t("not_verified")),
        el("span", { class: "badge" }, t("reasons." + item.reason)),
        item.kind !== "live" ? el("span", { class: "badge warn" }, t("kinds." + item.kind)) : null,
        item.queue !== "general" ? el("span", { class: "badge" }, tv("queues", item.queue)) : null),
      el("div", { class: "summary" }, item.summary || "—"));
    if (item.state === "waiting") {
      node.append(el("button", { class: "primary take-button", type: "button",
        onclick: (e) => { e.stopPropagation(); take(item.id, item.conversation_id); } }, t("take")));
    } else if (!mine) {
      node.append(el("div", { class: "small muted" }, `${t("held_by")}: ${item.agent}`));
    }
    return node;
  }

  // The wait against the target for taking a waiting conversation (AVISA_HANDOFF_ANSWER_MINUTES):
  // "4′ / 10′", red and marked overdue past it.
  function timer(node, item) {
    const target = state.answerWithin;
    const waiting = item.state === "waiting" && target;
    const late = waiting && item.waiting_seconds > target;
    node.textContent = waiting ? `${minutes(item.waiting_seconds)} / ${minutes(target)}${late ? " · " + t("late") : ""}`
      : minutes(item.waiting_seconds);
    node.classList.toggle("late", !!late);
    node.title = waiting ? t("answer_within", { wait: minutes(item.waiting_seconds), target: minutes(target) }) : t("waiting_for");
  }

  // The queue updates in place: a card whose content did not change keeps its node (and so
  // the keyboard focus and what the pointer is over); only changed cards are rebuilt.
  function cardKey(item) {
    const { waiting_seconds: _w, since_seconds: _s, ...rest } = item;
    return JSON.stringify([rest, rest.conversation_id === state.current, I18N.lang]);
  }

  function renderQueue() {
    const list = $("queue-list");
    const old = new Map([...list.children].filter((n) => n.dataset.key).map((n) => [n.dataset.key, n]));
    const focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest(".card") : null;
    const wanted = [];
    const groups = [
      ["mine", (i) => i.agent === state.me.username],
      ["waiting", (i) => i.state === "waiting" && i.kind === "live"],
      ["tasks", (i) => i.state === "waiting" && i.kind !== "live"],
      ["others", (i) => i.state === "assigned" && i.agent !== state.me.username],
    ];
    for (const [name, keep] of groups) {
      const items = state.items.filter(keep);
      if (!items.length) continue;
      const title = `${t(name)} (${items.length})`;
      const head = old.get("g:" + title) || el("div", { class: "group-title", "data-key": "g:" + title }, title);
      wanted.push(head);
      for (const item of items) {
        const key = cardKey(item);
        const node = old.get(key) || card(item);
        node.dataset.key = key;
        timer(node.querySelector(".wait"), item);
        wanted.push(node);
      }
    }
    if (!state.items.length) wanted.push(old.get("empty") || el("p", { class: "muted", "data-key": "empty" }, t("empty_queue")));
    const keep = new Set(wanted);
    [...list.children].forEach((node) => { if (!keep.has(node)) node.remove(); });
    wanted.forEach((node, i) => { if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null); });
    if (focused && document.activeElement !== focused) {
      const again = focused.isConnected ? focused : list.querySelector(`.card[data-id="${focused.dataset.id}"]`);
      if (again) again.focus();
    }
    document.dispatchEvent(new CustomEvent("queuechange", { detail: state.items }));
  }

  function queueIn(snapshot) { state.items = snapshot.items; state.answerWithin = snapshot.answer_within_seconds; renderQueue(); }
  async function loadQueue() { queueIn(await api("GET", "/queue")); }

  async function take(id, cid) {
    const ok = await run(() => api("POST", `/handoffs/${id}/take`));
    await loadQueue();
    if (ok) { await open(cid); $("reply").focus(); }
  }

  // --- one conversation -------------------------------------------------------------------
  async function open(cid) {
    state.current = cid;
    renderQueue();
    if (socket && socket.readyState === 1) socket.send(JSON.stringify({ watch: cid }));
    const detail = await run(() => api("GET", `/conversations/${encodeURIComponent(cid)}`));
    if (detail && state.current === cid) { state.detail = detail; renderDetail(); }
  }

  function holding() {
    const h = state.detail && state.detail.handoff;
    return h && h.state === "assigned" && (h.agent === state.me.username || state.me.role === "admin");
  }

  function renderDetail() {
    const d = state.detail, h = d.handoff;
    $("chat-empty").hidden = true; $("chat").hidden = false; $("file").hidden = false;
    $("chat-title").textContent = d.customer ? `${d.customer.name} (${d.customer.code})` : t("unknown_customer");
    $("chat-sub").textContent = [tv("channels", h.channel), tv("reasons", h.reason), tv("queues", h.queue),
      tv("states", h.state), h.agent].filter(Boolean).join(" · ");
    $("take").hidden = h.state !== "waiting";
    $("hand-back").disabled = !holding();
    $("close-conversation").disabled = !holding();
    $("transfer").disabled = !holding();
    $("transfer-go").disabled = !holding();
    $("reply").disabled = !holding();
    renderTranscript(d.transcript.messages || []);
    renderFile(d);
    document.dispatchEvent(new CustomEvent("detailchange", { detail: d }));
  }

  function renderTranscript(messages) {
    const box = $("transcript");
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.replaceChildren(...messages.map((m) => {
      const agent = m.payload && m.payload.agent_name;
      const who = m.direction === "in" ? t("customer_says") : agent ? `${t("agent")} ${agent}` : t("bot");
      const at = new Date(m.created_at).toLocaleString(I18N.lang, { dateStyle: "short", timeStyle: "short" });
      return el("li", { class: `msg ${m.direction}${agent ? " agent" : ""}`, "data-mid": m.id }, m.text,
        el("span", { class: "meta" }, `${who} · ${tv("channels", m.channel)} · ${at}`, m.direction === "in" ? flagButton(m) : null));
    }));
    if (atBottom || box.dataset.cid !== state.current) box.scrollTop = box.scrollHeight;
    box.dataset.cid = state.current;
  }

  // An agent flags a customer message the bot misunderstood: it joins the admins' review list.
  function flagButton(m) {
    const done = state.flagged.has(m.id);
    return el("button", { type: "button", class: "link flag-button" + (done ? " flagged" : ""), disabled: done,
      title: t("flag_title"), onclick: () => openFlag(m) }, done ? t("flagged") : t("flag"));
  }

  function openFlag(m) {
    state.flagging = m;
    $("flag-text").textContent = m.text;
    $("flag-note").value = "";
    $("flag-dialog").showModal();
    $("flag-note").focus();
  }

  async function sendFlag() {
    const m = state.flagging;
    if (!m) return;
    const ok = await run(() => api("POST", `/nlu/messages/${encodeURIComponent(m.id)}/flag`,
      { reason: $("flag-note").value.trim() }), t("flag_sent"));
    $("flag-dialog").close();
    if (ok) { state.flagged.add(m.id); if (state.detail) renderTranscript(state.detail.transcript.messages || []); }
  }

  function item(...children) { return el("div", { class: "item" }, ...children); }

  function renderFile(d) {
    const c = d.customer;
    $("customer").replaceChildren(c ? item(el("strong", {}, c.name), el("div", { class: "small muted" }, `${c.code} · ${c.tax_id || ""}`),
      ...c.contacts.map((p) => el("div", { class: "small" }, [p.name, p.phone, p.email].filter(Boolean).join(" · "))))
      : item(el("span", { class: "muted" }, t("unknown_customer"))));
    $("incidents").replaceChildren(...d.incidents.map((i) => incidentItem(i, d.incidents)));
    $("coverage").replaceChildren(...d.coverage.map((v) => item(el("strong", {}, v.serial), " ",
      v.in_warranty ? el("span", { class: "badge ok" }, t("in_warranty")) : null,
      v.contracts.length ? v.contracts.map((k) => el("span", { class: "badge" }, `${k.id} ${tv("contract_types", k.type)}`))
        : (v.in_warranty ? null : el("span", { class: "badge warn" }, t("no_coverage"))))));
    $("contracts").replaceChildren(...d.contracts.map((k) => item(el("strong", {}, k.id), ` ${tv("contract_types", k.type)} · ${tv("contract_states", k.state)}`,
      el("div", { class: "small muted" }, `${k.start} → ${k.end || "…"} · ${k.equipment.join(", ")}`))));
    $("incident-equipment").replaceChildren(el("option", { value: "" }, "—"),
      ...d.equipment.map((e) => el("option", { value: e.id }, `${e.serial} · ${e.model || e.family}`)));
    $("log").replaceChildren(...d.log.map((e) => el("li", {}, el("strong", {}, e.actor), ` · ${tv("log", e.kind)}`, e.text ? `: ${logText(e)}` : "")));
    const held = holding();
    $("incident-form").hidden = !held || !c;
  }

  // Log entries carry codes: the reason asked for, "queue <name>", the slots handed back.
  function logText(e) {
    if (e.kind === "requested") return tv("reasons", e.text);
    if (e.kind === "transferred" && e.text.startsWith("queue ")) return t("to_queue", { queue: tv("queues", e.text.slice(6)) });
    if (e.kind === "released") return e.text.split(", ").map((name) => tv("slots", name)).join(", ");
    return e.text;
  }

  function incidentItem(inc, all) {
    const others = all.filter((o) => o.id !== inc.id);
    const into = el("select", { "aria-label": t("merge_into") }, el("option", { value: "" }, t("merge_into")),
      ...others.map((o) => el("option", { value: o.id }, o.id)));
    const reports = el("input", { placeholder: t("reports"), "aria-label": t("reports") });
    const priority = el("select", { "aria-label": t("priority") }, ...["low", "medium", "high", "critical"].map((p) =>
      el("option", { value: p, selected: p === inc.priority }, tv("priorities", p))));
    const hid = state.detail.handoff.id;
    const tools = holding() ? el("div", { class: "tools" }, priority,
      el("button", { type: "button", onclick: () => run(() => api("PATCH", `/handoffs/${hid}/incidents/${inc.id}`, { priority: priority.value }), t("incident_saved")).then(refresh) }, t("save")),
      others.length ? into : null,
      others.length ? el("button", { type: "button", onclick: () => into.value && run(() => api("POST", `/handoffs/${hid}/incidents/${inc.id}/merge`, { into: into.value }), "OK").then(refresh) }, "⇢") : null,
      reports, el("button", { type: "button", onclick: () => run(() => api("POST", `/handoffs/${hid}/incidents/${inc.id}/split`,
        { reports: reports.value.split(",").map((r) => parseInt(r, 10)).filter((n) => !isNaN(n)) }), "OK").then(refresh) }, t("split"))) : null;
    const entry = item(el("strong", {}, inc.id), ` · ${tv("priorities", inc.priority)} · ${tv("incident_states", inc.state)}`, el("div", {}, inc.symptom),
      inc.equipment ? el("div", { class: "small muted" }, inc.equipment.serial) : null, tools);
    entry.dataset.iid = inc.id;
    return entry;
  }

  async function refresh() { if (state.current) await open(state.current); }

  async function loadColleagues() {
    state.colleagues = await api("GET", "/colleagues");
    const select = $("transfer");
    select.replaceChildren(el("option", { value: "" }, t("transfer_to")),
      ...state.colleagues.agents.map((a) => el("option", { value: "agent:" + a.username }, `${a.name}${a.available ? " ●" : ""}`)),
      ...state.colleagues.queues.map((q) => el("option", { value: "queue:" + q }, `⟶ ${tv("queues", q)}`)));
  }

  // --- actions ---------------------------------------------------------------------------------
  async function sendReply() {
    const text = $("reply").value.trim();
    if (!text || !holding()) return;
    const ok = await run(() => api("POST", `/handoffs/${state.detail.handoff.id}/reply`, { text }), t("sent"));
    if (ok) { $("reply").value = ""; await refresh(); }
  }

  async function handBack() {
    if (!holding() || !await Desk.confirm(t("confirm_hand_back"))) return;
    const slots = {};
    for (const name of ["customer_code", "serial_number", "incident_id", "priority"]) {
      const value = $("slot-" + name).value.trim();
      if (value) slots[name] = value;
    }
    const ok = await run(() => api("POST", `/handoffs/${state.detail.handoff.id}/release`, { slots }), t("handed_back"));
    if (ok) { await loadQueue(); await refresh(); }
  }

  // Choosing in the list does nothing by itself: the button asks for confirmation, and the
  // transfer is only sent once the few seconds to undo it have passed (or the page closes).
  async function transfer() {
    const [kind, target] = $("transfer").value.split(":");
    if (!target || !holding()) return;
    const label = $("transfer").selectedOptions[0].textContent.replace(" ●", "");
    const hid = state.detail.handoff.id;
    if (!await Desk.confirm(t("confirm_transfer", { target: label }))) return;
    $("transfer").value = "";
    Desk.later(t("transfer_pending", { target: label }), async (leaving) => {
      const ok = await run(() => api("POST", `/handoffs/${hid}/transfer`, { [kind]: target }, leaving), t("transferred"));
      if (ok && !leaving) { await loadQueue(); await refresh(); }
    }, () => toast(t("transfer_undone")));
  }

  // Closing without handing back: asked first, sent once the seconds to undo it have passed.
  async function closeConversation() {
    if (!holding()) return;
    const hid = state.detail.handoff.id;
    if (!await Desk.confirm(t("confirm_close"))) return;
    Desk.later(t("close_pending"), async (leaving) => {
      const ok = await run(() => api("POST", `/handoffs/${hid}/close`, {}, leaving), t("conversation_closed"));
      if (ok && !leaving) { await loadQueue(); await refresh(); }
    }, () => toast(t("close_undone")));
  }

  function firstWaiting() { return state.items.find((i) => i.state === "waiting"); }

  function bind() {
    $("reply-form").addEventListener("submit", (e) => { e.preventDefault(); sendReply(); });
    $("hand-back").addEventListener("click", handBack);
    $("close-conversation").addEventListener("click", closeConversation);
    $("transfer-go").addEventListener("click", transfer);
    $("take").addEventListener("click", () => { const h = state.detail.handoff; take(h.id, h.conversation_id); });
    $("note-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const text = $("note").value.trim();
      if (text && await run(() => api("POST", `/handoffs/${state.detail.handoff.id}/notes`, { text }), t("note_added"))) { $("note").value = ""; refresh(); }
    });
    $("incident-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = { symptom: $("incident-symptom").value, priority: $("incident-priority").value, equipment_id: $("incident-equipment").value || null };
      if (await run(() => api("POST", `/handoffs/${state.detail.handoff.id}/incidents`, body), t("incident_saved"))) { $("incident-symptom").value = ""; refresh(); }
    });
    $("available").addEventListener("change", (e) => run(() => api("POST", "/me/availability", { available: e.target.checked })));
    $("sign-out").addEventListener("click", async () => { await run(() => api("POST", "/logout")); window.location.assign("/console/login"); });
    $("lang-toggle").addEventListener("click", () => {  // remembered in the agent's profile
      const language = I18N.toggle();
      run(() => api("POST", "/me/language", { language }));
    });
    $("help-button").addEventListener("click", () => $("help").showModal());
    $("flag-form").addEventListener("submit", (e) => { e.preventDefault(); sendFlag(); });
    $("flag-cancel").addEventListener("click", () => $("flag-dialog").close());
    document.addEventListener("langchange", () => { renderQueue(); if (state.detail) renderDetail(); loadColleagues(); });
    document.addEventListener("keydown", (e) => {
      const typing = ["TEXTAREA", "INPUT", "SELECT"].includes(document.activeElement.tagName);
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter" && document.activeElement === $("reply")) { e.preventDefault(); sendReply(); }
      else if (e.altKey && (e.key === "b" || e.code === "KeyB")) { e.preventDefault(); handBack(); }
      else if (e.altKey && (e.key === "x" || e.code === "KeyX")) { e.preventDefault(); closeConversation(); }
      else if (e.altKey && (e.key === "t" || e.code === "KeyT")) { e.preventDefault(); const w = firstWaiting(); if (w) take(w.id, w.conversation_id); }
      else if (!typing && e.key === "/") { e.preventDefault(); $("reply").focus(); }
      else if (!typing && e.key === "?") { e.preventDefault(); $("help").showModal(); }
    });
  }

  // --- live updates -----------------------------------------------------------------------------
  let socket = null;
  function connect(delay) {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/console/ws`);
    socket.onopen = () => { $("live").classList.add("on"); delay = 1000; if (state.current) socket.send(JSON.stringify({ watch: state.current })); };
    socket.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (data.type === "queue") queueIn(data);
      else if (data.type === "conversation" && data.conversation_id === state.current) refresh();
      else if (data.type === "signed_out") window.location.assign("/console/login");
    };
    socket.onclose = () => { $("live").classList.remove("on"); setTimeout(() => connect(Math.min((delay || 1000) * 2, 15000)), delay || 1000); };
  }

  window.Console = { api, el, run, toast, open: (cid) => open(cid), state };

  async function start() {
    await I18N.ready;
    I18N.apply();
    const me = await api("GET", "/me");
    state.me = me.agent; state.csrf = me.csrf;
    I18N.use(state.me.language);
    $("me").textContent = `${state.me.name} · ${state.me.queues.join(", ")}`;
    $("available").checked = state.me.available;
    bind();
    await Promise.all([loadQueue(), loadColleagues()]);
    connect(1000);
  }
  start();
})();
