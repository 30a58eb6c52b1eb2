"use strict";
// The tables are data: i18n.json beside this file (English whole; Spanish where the page's own
// Spanish text does not already say it). window.i18nReady resolves once they are loaded.
window.T = {en: {}, es: {}};
window.i18nReady = fetch("/admin/static/i18n.json", {credentials: "same-origin"})
  .then((response) => response.json()).then((texts) => { window.T = texts; });
window.lang = localStorage.getItem("avisa-lang") || "es";
window.t = (key, vars) => {
  const pick = (table) => key.split(".").reduce((v, k) => (v ? v[k] : undefined), table);
  const value = pick(window.T[window.lang]) || pick(window.T.en) || key;
  return Object.entries(vars || {}).reduce((s, [k, v]) => s.replace(`{${k}}`, v), value);
};
window.applyLang = () => {
  document.documentElement.lang = window.lang;
  if (!window.T.es.title) {
    document.querySelectorAll("[data-t]").forEach((el) => { window.T.es[el.dataset.t] = el.textContent; });
  }
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = window.t(el.dataset.t); });
  document.getElementById("lang").textContent = window.lang === "es" ? "EN" : "ES";
};
