"use strict";
window.T = {
  en: {title: "Improve the bot", user: "Username", password: "Password", signin: "Sign in",
    review: "Messages to review", filter: "Filter", text: "Text", conf: "Confidence", why: "Why",
    detail: "Message", save: "Save label", discard: "Discard", training: "Training",
    train: "Train a new model", rollback: "Roll back", active: "Active model",
    activate: "Activate", worse: "worse than the active model", better: "not worse",
    notadmin: "Admins only", export: "Export training data",
    exporthelp: "Writes the labelled messages to bot/data/nlu/labelled_*.yml, personal data removed.",
    exportbtn: "Export…", exportconfirm: "Export now", cancel: "Cancel",
    willexport: "{n} labelled messages will be exported; files that change:",
    nothing: "Nothing changes: the files already hold every label.",
    exported: "Exported {n} labelled messages: files written:",
    example: "{n} example", examples: "{n} examples",
    newintents: "New intents: {list} (declared in bot/domain/labelled_intents.yml; the bot answers them on purpose once a rule or story names them).",
    skipped: "Skipped (Rasa's own intents): {list}.",
    change: {new: "new", changed: "changes", unchanged: "unchanged", removed: "removed"},
    flagged: "flagged by agent"},
  es: {notadmin: "Solo administradores", activate: "Activar", worse: "peor que el modelo activo",
    better: "no empeora",
    willexport: "Se exportarán {n} mensajes etiquetados; ficheros que cambian:",
    nothing: "No cambia nada: los ficheros ya tienen todas las etiquetas.",
    exported: "Exportados {n} mensajes etiquetados; ficheros escritos:",
    example: "{n} ejemplo", examples: "{n} ejemplos",
    newintents: "Intents nuevos: {list} (declarados en bot/domain/labelled_intents.yml; el bot los atiende a propósito cuando una regla o historia los nombre).",
    skipped: "Omitidos (intents propios de Rasa): {list}.",
    change: {new: "nuevo", changed: "cambia", unchanged: "sin cambios", removed: "se borra"},
    flagged: "marcado por agente"}
};
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
