"use strict";
// The reporting page's wording in Spanish and English (i18n.json); [data-i18n] elements are
// filled from it.
const I18N = (function () {
  // The tables are data: i18n.json beside this file, one object per language.
  let TEXTS = {};
  const ready = fetch("/reports/static/i18n.json", { credentials: "same-origin" })
    .then((response) => response.json()).then((texts) => { TEXTS = texts; });

  let lang = localStorage.getItem("avisa.lang") || (navigator.language || "es").slice(0, 2);
  if (!["es", "en"].includes(lang)) lang = "es";
  function t(key) {
    let value = TEXTS[lang];
    for (const p of key.split(".")) value = value ? value[p] : undefined;
    return value === undefined ? key : value;
  }
  function apply() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.title = `Avisa · ${t("title")}`;
    const toggle = document.getElementById("lang-toggle");
    if (toggle) toggle.textContent = lang === "es" ? "English" : "Español";
  }
  function toggle() {
    lang = lang === "es" ? "en" : "es";
    localStorage.setItem("avisa.lang", lang);
    apply();
  }
  // ready: resolves once the tables are loaded; the page applies them after it.
  return { t, apply, toggle, ready, get lang() { return lang; } };
})();
