/* Avisa chat widget. Embed with one tag:
 *   <script src="https://your-gateway/widget.js"></script>
 * Optional attributes: data-lang="es|en", data-mode="page" + data-target="element-id".
 * A portal's logged-in customer: window.AvisaIdentity = {user_id, expires, signature} set
 * before this tag, or data-user-id + data-expires + data-signature (docs/channels.md).
 * No build step, no dependencies. Text is always inserted with textContent (never HTML).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__avisaWidget) { return; }
  window.__avisaWidget = true;

  var origin = new URL(script.src, location.href).origin;
  var wsOrigin = origin.replace(/^http/, "ws");
  var mode = script.getAttribute("data-mode") === "page" ? "page" : "bubble";
  var lang = (script.getAttribute("data-lang") || navigator.language || "en").slice(0, 2).toLowerCase();
  var TEXTS = {
    es: {
      title: "Servicio técnico", open: "Abrir el chat", close: "Cerrar el chat",
      placeholder: "Escribe tu mensaje…", send: "Enviar", online: "En línea",
      offline: "Reconectando…", hello: "¡Hola! Cuéntanos qué le pasa a tu equipo o pregúntanos por tu aviso.",
      log: "Conversación", tooLong: "El mensaje es demasiado largo (máximo 4000 caracteres)."
    },
    en: {
      title: "Service desk", open: "Open chat", close: "Close chat",
      placeholder: "Type your message…", send: "Send", online: "Online",
      offline: "Reconnecting…", hello: "Hi! Tell us what is wrong with your equipment or ask about your request.",
      log: "Conversation", tooLong: "Your message is too long (4000 characters at most)."
    }
  };
  var T = TEXTS[lang] || TEXTS.en;
  var TOKEN_KEY = "avisa.widget.token";
  var HISTORY_KEY = "avisa.widget.history";
  var MAX_TEXT = 4000;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function storage(kind) {
    try { return window[kind]; } catch (e) { return null; }
  }
  var local = storage("localStorage");
  var sess = storage("sessionStorage");

  // ---- DOM ---------------------------------------------------------------
  if (!document.querySelector('link[href="' + origin + '/widget.css"]')) {
    var css = el("link");
    css.rel = "stylesheet";
    css.href = origin + "/widget.css";
    document.head.appendChild(css);
  }
  var root = el("div", "avisa-root avisa-mode-" + mode);
  root.lang = lang;
  var bubble = el("button", "avisa-bubble", "💬");
  bubble.type = "button";
  bubble.setAttribute("aria-label", T.open);
  var badge = el("span", "avisa-badge", "");
  badge.hidden = true;
  bubble.appendChild(badge);
  var panel = el("section", "avisa-panel");
  panel.setAttribute("aria-label", T.title);
  var header = el("header", "avisa-header");
  var title = el("span", "avisa-title", T.title);
  var status = el("span", "avisa-status", T.offline);
  var closeBtn = el("button", "avisa-close", "×");
  closeBtn.type = "button";
  closeBtn.setAttribute("aria-label", T.close);
  header.append(title, status);
  var log = el("div", "avisa-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", T.log);
  var typing = el("div", "avisa-typing");
  typing.append(el("span"), el("span"), el("span"));
  typing.hidden = true;
  var form = el("form", "avisa-form");
  var input = el("textarea", "avisa-input");
  input.rows = 1;
  input.maxLength = MAX_TEXT;
  input.placeholder = T.placeholder;
  input.setAttribute("aria-label", T.placeholder);
  var sendBtn = el("button", "avisa-send", T.send);
  sendBtn.type = "submit";
  form.append(input, sendBtn);
  panel.append(header, log, form);

  if (mode === "bubble") {
    header.appendChild(closeBtn);
    panel.hidden = true;
    root.append(panel, bubble);
  } else {
    root.appendChild(panel);
  }

  function mount() {
    var target = document.getElementById(script.getAttribute("data-target") || "");
    (target || document.body).appendChild(root);
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
  // ---- rendering ----------------------------------------------------------- (uploads: widget-upload.js)
  var history = [];
  var unread = 0;

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function render(entry, live) {
    var msg = el("div", "avisa-msg avisa-msg-" + entry.who, entry.text || "");
    if (entry.image && /^https?:\/\//.test(entry.image)) {
      var img = el("img");
      img.src = entry.image;
      img.alt = "";
      msg.appendChild(img);
    }
    if (entry.text || entry.image) { log.insertBefore(msg, typing); }
    if (entry.buttons && entry.buttons.length) {
      var chips = el("div", "avisa-chips");
      entry.buttons.forEach(function (button) {
        var chip = el("button", "avisa-chip", button.title);
        chip.type = "button";
        chip.disabled = !live || entry.used;
        chip.addEventListener("click", function () {
          Array.prototype.forEach.call(chips.children, function (c) { c.disabled = true; });
          entry.used = true;
          saveHistory();
          send({ type: "button", payload: button.payload, title: button.title }, button.title);
        });
        chips.appendChild(chip);
      });
      log.insertBefore(chips, typing);
    }
    scrollDown();
  }

  function add(entry) {
    history.push(entry);
    if (history.length > 100) { history.shift(); }
    saveHistory();
    render(entry, true);
    if (entry.who === "bot" && mode === "bubble" && panel.hidden) {
      unread += 1;
      badge.textContent = String(unread);
      badge.hidden = false;
    }
  }

  function saveHistory() {
    if (sess) { try { sess.setItem(HISTORY_KEY, JSON.stringify(history)); } catch (e) { /* full */ } }
  }

  function loadHistory() {
    var raw = sess && sess.getItem(HISTORY_KEY);
    try { history = raw ? JSON.parse(raw) : []; } catch (e) { history = []; }
    if (!history.length) { history.push({ who: "system", text: T.hello }); }
    history.forEach(function (entry, i) { render(entry, i === history.length - 1); });
  }

  log.appendChild(typing);
  loadHistory();

  var typingTimer = null;
  function setTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) { typingTimer = setTimeout(function () { typing.hidden = true; }, 30000); }
    scrollDown();
  }

  // ---- connection ----------------------------------------------------------
  var ws = null;
  var attempt = 0;
  var pending = {}; // client id -> event, until the server acknowledges it

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function setOnline(on) {
    status.textContent = on ? T.online : T.offline;
    status.classList.toggle("avisa-online", on);
  }

  function getToken() {
    var stored = local && local.getItem(TOKEN_KEY);
    return fetch(origin + "/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(stored ? { token: stored } : {})
    }).then(function (res) {
      if (!res.ok) { throw new Error("session " + res.status); }
      return res.json();
    }).then(function (data) {
      if (local) { local.setItem(TOKEN_KEY, data.token); }
      return data.token;
    });
  }

  function portalIdentity() {
    var given = window.AvisaIdentity;
    if (given && typeof given === "object" && given.user_id && given.signature) {
      return { user_id: String(given.user_id), expires: given.expires ? Number(given.expires) : null,
               signature: String(given.signature) };
    }
    var user = script.getAttribute("data-user-id"), expires = script.getAttribute("data-expires");
    var signature = script.getAttribute("data-signature");
    if (!user || !signature) { return null; }
    return { user_id: user, expires: expires ? Number(expires) : null, signature: signature };
  }

  function connect() {
    getToken().then(function (token) {
      ws = new WebSocket(wsOrigin + "/ws");
      ws.onopen = function () {
        var auth = { type: "auth", token: token }; // never in the URL
        var identity = portalIdentity();
        if (identity) { auth.identity = identity; }
        ws.send(JSON.stringify(auth));
        attempt = 0; setOnline(true); flush();
      };
      ws.onmessage = function (e) {
        var event;
        try { event = JSON.parse(e.data); } catch (err) { return; }
        (HANDLERS[event.type] || function () {})(event);
      };
      ws.onclose = function (e) {
        if (e.code === 4401 && local) { local.removeItem(TOKEN_KEY); } // a new session next
        ws = null; setOnline(false); setTyping(false); retry();
      };
    }).catch(retry);
  }

  var retryTimer = null;
  function retry() {
    if (retryTimer) { return; }
    var delay = Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2);
    attempt += 1;
    retryTimer = setTimeout(function () { retryTimer = null; connect(); }, delay);
  }

  function flush() {
    Object.keys(pending).forEach(function (id) { transmit(pending[id]); });
  }

  function transmit(event) {
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(event)); }
  }

  function send(event, shown) {
    event.id = newId();
    pending[event.id] = event;
    add({ who: "user", text: shown });
    setTyping(true);
    transmit(event);
  }

  var HANDLERS = {
    ready: function () {},
    typing: function () { setTyping(true); },
    idle: function () { setTyping(false); },
    ack: function (e) { delete pending[e.id]; },
    bot: function (e) {
      setTyping(false);
      add({ who: "bot", text: e.text, buttons: e.buttons || [], image: e.image });
    },
    error: function (e) {
      setTyping(false);
      if (e.id && e.code !== "unavailable") { delete pending[e.id]; }
      add({ who: "system", text: e.text });
      if (e.code === "unavailable") { setTimeout(flush, 10000); }
    }
  };

  // ---- user input ----------------------------------------------------------
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    if (text.length > MAX_TEXT) { add({ who: "system", text: T.tooLong }); return; }
    input.value = "";
    send({ type: "message", text: text }, text);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  bubble.addEventListener("click", function () {
    panel.hidden = !panel.hidden;
    if (!panel.hidden) { unread = 0; badge.hidden = true; input.focus(); scrollDown(); }
  });
  closeBtn.addEventListener("click", function () { panel.hidden = true; bubble.focus(); });

  window.__avisaWidget = { origin: origin, lang: lang, form: form, panel: panel, add: add, token: getToken, identity: portalIdentity };
  connect();
  var upload = el("script"); upload.src = origin + "/widget-upload.js"; document.head.appendChild(upload);
})();
