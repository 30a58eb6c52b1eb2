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
    flagged: "flagged by agent",
    labelled_now: "Of the {n} messages you labelled, {m} are now understood (the active model understood {b}).",
    labelled_none: "No labelled messages to check yet.",
    got_worse: "{k} test messages that were understood before are not any more:",
    got_worse_none: "No test message that was understood before is misread now.",
    labelled_details: "Each labelled message, before and now",
    col_message: "Message", col_meant: "Meant", col_before: "Active model read", col_now: "New model reads",
    verdict_worse: "Verdict: the new model reads fewer test messages right overall ({cand} against {act}). Check the examples above before activating it.",
    verdict_ok: "Verdict: the new model is at least as good overall ({cand} against {act}; {fixed} test messages now read right that were not). It can be activated.",
    verdict_mixed: "Verdict: better overall ({cand} against {act}; {fixed} test messages now read right), but {k} read wrong that were right. Activate it only if the examples above matter less than what it gained.",
    legend_title: "Right answers per intent:", legend_new: "new model", legend_active: "active model"},
  es: {notadmin: "Solo administradores", activate: "Activar", worse: "peor que el modelo activo",
    better: "no empeora",
    willexport: "Se exportarán {n} mensajes etiquetados; ficheros que cambian:",
    nothing: "No cambia nada: los ficheros ya tienen todas las etiquetas.",
    exported: "Exportados {n} mensajes etiquetados; ficheros escritos:",
    example: "{n} ejemplo", examples: "{n} ejemplos",
    newintents: "Intents nuevos: {list} (declarados en bot/domain/labelled_intents.yml; el bot los atiende a propósito cuando una regla o historia los nombre).",
    skipped: "Omitidos (intents propios de Rasa): {list}.",
    change: {new: "nuevo", changed: "cambia", unchanged: "sin cambios", removed: "se borra"},
    flagged: "marcado por agente",
    labelled_now: "De los {n} mensajes que etiquetaste, ahora se entienden {m} (el modelo activo entendía {b}).",
    labelled_none: "Aún no hay mensajes etiquetados que comprobar.",
    got_worse: "{k} mensajes de prueba que antes se entendían ya no se entienden:",
    got_worse_none: "Ningún mensaje de prueba que antes se entendía se lee mal ahora.",
    labelled_details: "Cada mensaje etiquetado, antes y ahora",
    col_message: "Mensaje", col_meant: "Quería decir", col_before: "El modelo activo leía", col_now: "El nuevo modelo lee",
    verdict_worse: "Veredicto: el nuevo modelo acierta menos mensajes de prueba en conjunto ({cand} frente a {act}). Revisa los ejemplos de arriba antes de activarlo.",
    verdict_ok: "Veredicto: el nuevo modelo es al menos igual de bueno en conjunto ({cand} frente a {act}; {fixed} mensajes de prueba que fallaban ahora se aciertan). Se puede activar.",
    verdict_mixed: "Veredicto: mejor en conjunto ({cand} frente a {act}; {fixed} mensajes de prueba que fallaban ahora se aciertan), pero {k} que se acertaban ahora fallan. Actívalo solo si los ejemplos de arriba importan menos que lo ganado.",
    legend_title: "Aciertos por intent:", legend_new: "modelo nuevo", legend_active: "modelo activo"}
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
