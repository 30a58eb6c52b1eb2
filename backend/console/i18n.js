"use strict";
// The console's wording in Spanish and English (i18n.json); [data-i18n] elements are filled
// from it.
const I18N = (function () {
  // The tables are data: i18n.json beside this file, one object per language.
  let TEXTS = {};
  const ready = fetch("/console/static/i18n.json", { credentials: "same-origin" })
    .then((response) => response.json()).then((texts) => { TEXTS = texts; });

  const LANGS = ["es", "en"];
  let lang = localStorage.getItem("avisa.lang") || (navigator.language || "es").slice(0, 2);
  if (!LANGS.includes(lang)) lang = "es";
  function t(key, values) {
    const parts = key.split(".");
    let value = TEXTS[lang];
    for (const p of parts) value = value ? value[p] : undefined;
    if (value === undefined) return key;
    return values ? String(value).replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m)) : value;
  }
  // An internal value (state, channel, reason…) in words; an unknown one without its underscores.
  function tv(group, code) {
    if (code === null || code === undefined || code === "") return "";
    const value = t(group + "." + code);
    return value === group + "." + code ? String(code).replace(/_/g, " ") : value;
  }
  function apply(root) {
    document.documentElement.lang = lang;
    (root || document).querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    (root || document).querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    (root || document).querySelectorAll("[data-i18n-aria]").forEach((el) => { el.setAttribute("aria-label", t(el.dataset.i18nAria)); });
    const toggle = document.getElementById("lang-toggle");
    if (toggle) toggle.textContent = lang === "es" ? "English" : "Español";
  }
  // The agent's language: from their profile once signed in (the browser's only before).
  function use(wanted) {
    if (!LANGS.includes(wanted) || wanted === lang) return lang;
    lang = wanted;
    localStorage.setItem("avisa.lang", lang);
    apply();
    document.dispatchEvent(new Event("langchange"));
    return lang;
  }
  function toggle() { return use(lang === "es" ? "en" : "es"); }
  // ready: resolves once the tables are loaded; pages call apply() and t() after it.
  return { t, tv, apply, use, toggle, ready, get lang() { return lang; } };
})();
