"use strict";
window.T = {
  en: {title: "Improve the bot", user: "Username", password: "Password", signin: "Sign in",
    review: "Messages to review", filter: "Filter", text: "Text", conf: "Confidence", why: "Why",
    detail: "Message", save: "Save label", discard: "Discard", training: "Training",
    train: "Train a new model", rollback: "Roll back", active: "Active model",
    activate: "Activate", worse: "worse than the active model", better: "not worse",
    notadmin: "Admins only"},
  es: {notadmin: "Solo administradores", activate: "Activar", worse: "peor que el modelo activo",
    better: "no empeora"}
};
window.lang = localStorage.getItem("avisa-lang") || "es";
window.t = (key) => (window.T[window.lang][key] || window.T.en[key] || key);
window.applyLang = () => {
  document.documentElement.lang = window.lang;
  if (!window.T.es.title) {
    document.querySelectorAll("[data-t]").forEach((el) => { window.T.es[el.dataset.t] = el.textContent; });
  }
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = window.t(el.dataset.t); });
  document.getElementById("lang").textContent = window.lang === "es" ? "EN" : "ES";
};
