"use strict";
// The console's wording in Spanish and English; [data-i18n] elements are filled from it.
const I18N = (function () {
  const TEXTS = {
    es: {
      console: "Consola", username: "Usuario", password: "Contraseña", sign_in: "Entrar",
      sign_in_failed: "Usuario o contraseña incorrectos.", error: "Algo ha fallado.",
      offline: "Sin conexión con el servidor.", sign_out: "Salir", available: "Disponible",
      queue: "Cola", mine: "Mis conversaciones", waiting: "En espera", tasks: "Tareas",
      others: "Con otros agentes", empty_queue: "Nadie espera. Buen trabajo.", take: "Atender",
      taken_by_other: "Otro agente la ha cogido antes.", pick: "Elige una conversación de la cola.",
      reply_placeholder: "Escribe la respuesta al cliente… (Ctrl+Intro envía)",
      note_placeholder: "Nota interna (el cliente no la ve)…", send: "Enviar", add_note: "Añadir nota",
      hand_back: "Devolver al bot", transfer: "Transferir", transfer_to: "Transferir a…",
      customer: "Cliente", contracts: "Contratos", equipment: "Equipos", incidents: "Incidencias abiertas",
      coverage: "Cobertura", notes: "Notas y registro", new_incident: "Nueva incidencia",
      symptom: "Síntoma", priority: "Prioridad", create: "Crear", merge_into: "Fusionar en…",
      split: "Separar", save: "Guardar", verified: "verificado", not_verified: "sin verificar",
      waiting_for: "espera", answer_within: "espera {wait} (objetivo: atender en {target})", late: "fuera de plazo",
      unknown_customer: "Cliente sin identificar", in_warranty: "en garantía",
      no_coverage: "sin contrato", channel: "Canal", reason: "Motivo", held_by: "Atiende",
      shortcuts: "Atajos de teclado", close: "Cerrar", slots_hint: "Datos para el bot (opcional)",
      sent: "Enviado.", handed_back: "Conversación devuelta al bot.", note_added: "Nota guardada.",
      bot: "Bot", agent: "Agente", customer_says: "Cliente", take_first: "Atender la primera en espera",
      focus_reply: "Ir a la respuesta", help: "Ayuda", transferred: "Transferida.",
      incident_saved: "Incidencia guardada.", reports: "informes (ids, coma)",
      flag: "⚑ No entendido", flagged: "⚑ Marcado", flag_title: "Marcar: el bot no entendió este mensaje",
      flag_heading: "El bot no entendió este mensaje", flag_send: "Enviar a revisión", cancel: "Cancelar",
      flag_placeholder: "Nota para quien revisa (opcional): qué quería el cliente…",
      flag_sent: "Mensaje enviado a revisión.",
      attachment: "adjunto", attachment_refused: "{name}: retenido, no se muestra ({reason})",
      attachment_reasons: { too_large: "demasiado grande", html: "es una página HTML", svg: "es un SVG",
        markup: "es un documento de marcado", executable: "es un programa", pdf_active: "PDF con código activo",
        zip_bomb: "archivo comprimido peligroso", too_many_pixels: "imagen con demasiados píxeles",
        unreadable: "imagen ilegible" },
      reasons: { request_human: "pide una persona", nlu_fallback: "el bot no entiende",
        complain: "queja", verification_locked: "verificación bloqueada", rule: "regla", agent: "agente" },
      kinds: { live: "en directo", callback: "llamar al cliente", message: "mensaje" },
      states: { waiting: "en espera", assigned: "atendida", closed: "cerrada" },
      queues: { general: "general", urgent: "urgente", verification: "verificación", billing: "facturación" },
      channels: { web: "web", sms: "SMS", telegram: "Telegram", email: "correo", whatsapp: "WhatsApp", rest: "API" },
      priorities: { low: "baja", medium: "media", high: "alta", critical: "crítica" },
      incident_states: { new: "nueva", assigned: "asignada", acknowledged: "aceptada", in_progress: "en curso",
        resolved: "resuelta", closed: "cerrada", cancelled: "cancelada" },
      contract_types: { full_maintenance: "mantenimiento integral", partial_labour: "mano de obra",
        partial_parts: "piezas", rental: "alquiler", onsite_24h: "asistencia in situ 24 h", helpdesk: "soporte remoto",
        continuous_service: "servicio continuo", warranty_extension: "extensión de garantía" },
      contract_states: { active: "en vigor", draft: "borrador", expired: "vencido", cancelled: "cancelado", suspended: "suspendido" },
      log: { requested: "escalada", taken: "atendida", transferred: "transferida", released: "devuelta al bot", note: "nota" },
      canned: "Respuestas rápidas…", canned_missing: "Completa antes de enviar:",
      placeholders: { customer_name: "nombre del cliente", customer_code: "código de cliente",
        agent_name: "tu nombre", incident_id: "número de incidencia" },
      search: "Buscar", search_placeholder: "Buscar cliente, incidencia o conversación…",
      search_results: "Resultados de la búsqueda", no_results: "Sin resultados.",
      found_customers: "Clientes", found_incidents: "Incidencias", found_conversations: "Conversaciones",
      history: "Historial del cliente", no_history: "Sin conversaciones ni incidencias anteriores.",
      past_conversations: "Conversaciones anteriores", closed_incidents: "Incidencias cerradas",
      confirm_transfer: "¿Transferir esta conversación a {target}?", confirm: "Confirmar",
      confirm_hand_back: "¿Devolver esta conversación al bot?",
      close_conversation: "Cerrar conversación", confirm_close: "¿Cerrar esta conversación sin devolverla al bot? Se avisará al cliente.",
      close_pending: "Cerrando la conversación…", conversation_closed: "Conversación cerrada.", close_undone: "Cierre deshecho.",
      transfer_pending: "Transfiriendo a {target}…", undo: "Deshacer", transfer_undone: "Transferencia anulada.",
      new_conversation: "Nueva conversación en espera", notify_on: "Avisos", notify_body: "{who} espera ({reason})",
      to_queue: "cola {queue}",
      slots: { serial_number: "número de serie", incident_id: "número de incidencia", priority: "prioridad",
        symptom: "síntoma", customer_code: "código de cliente", language: "idioma" },
    },
    en: {
      console: "Console", username: "Username", password: "Password", sign_in: "Sign in",
      sign_in_failed: "Wrong username or password.", error: "Something went wrong.",
      offline: "No connection to the server.", sign_out: "Sign out", available: "Available",
      queue: "Queue", mine: "My conversations", waiting: "Waiting", tasks: "Tasks",
      others: "With other agents", empty_queue: "Nobody is waiting. Good job.", take: "Take",
      taken_by_other: "Another agent took it first.", pick: "Pick a conversation from the queue.",
      reply_placeholder: "Write your reply to the customer… (Ctrl+Enter sends)",
      note_placeholder: "Internal note (the customer never sees it)…", send: "Send", add_note: "Add note",
      hand_back: "Hand back to bot", transfer: "Transfer", transfer_to: "Transfer to…",
      customer: "Customer", contracts: "Contracts", equipment: "Equipment", incidents: "Open incidents",
      coverage: "Coverage", notes: "Notes and log", new_incident: "New incident",
      symptom: "Symptom", priority: "Priority", create: "Create", merge_into: "Merge into…",
      split: "Split", save: "Save", verified: "verified", not_verified: "not verified",
      waiting_for: "waiting", answer_within: "waiting {wait} (target: taken within {target})", late: "overdue",
      unknown_customer: "Unidentified customer", in_warranty: "in warranty",
      no_coverage: "no contract", channel: "Channel", reason: "Reason", held_by: "Held by",
      shortcuts: "Keyboard shortcuts", close: "Close", slots_hint: "Details for the bot (optional)",
      sent: "Sent.", handed_back: "Conversation handed back to the bot.", note_added: "Note saved.",
      bot: "Bot", agent: "Agent", customer_says: "Customer", take_first: "Take the first waiting",
      focus_reply: "Go to the reply box", help: "Help", transferred: "Transferred.",
      incident_saved: "Incident saved.", reports: "reports (ids, comma)",
      flag: "⚑ Misunderstood", flagged: "⚑ Flagged", flag_title: "Flag: the bot misunderstood this message",
      flag_heading: "The bot misunderstood this message", flag_send: "Send for review", cancel: "Cancel",
      flag_placeholder: "Note for the reviewer (optional): what the customer meant…",
      flag_sent: "Message sent for review.",
      attachment: "attachment", attachment_refused: "{name}: quarantined, not shown ({reason})",
      attachment_reasons: { too_large: "too large", html: "it is an HTML page", svg: "it is an SVG",
        markup: "it is a markup document", executable: "it is a program", pdf_active: "PDF with active code",
        zip_bomb: "dangerous archive", too_many_pixels: "image with too many pixels",
        unreadable: "unreadable image" },
      reasons: { request_human: "asked for a person", nlu_fallback: "bot did not understand",
        complain: "complaint", verification_locked: "verification locked", rule: "rule", agent: "agent" },
      kinds: { live: "live", callback: "call back", message: "message" },
      states: { waiting: "in the queue", assigned: "with an agent", closed: "closed conversation" },
      queues: { general: "General", urgent: "Urgent", verification: "Verification", billing: "Billing" },
      channels: { web: "Web", sms: "SMS", telegram: "Telegram", email: "E-mail", whatsapp: "WhatsApp", rest: "API" },
      priorities: { low: "Low", medium: "Medium", high: "High", critical: "Critical" },
      incident_states: { new: "New", assigned: "Technician assigned", acknowledged: "Accepted", in_progress: "In progress",
        resolved: "Resolved", closed: "Closed", cancelled: "Cancelled" },
      contract_types: { full_maintenance: "full maintenance", partial_labour: "labour only",
        partial_parts: "parts only", rental: "rental", onsite_24h: "24 h on-site", helpdesk: "remote helpdesk",
        continuous_service: "continuous service", warranty_extension: "warranty extension" },
      contract_states: { active: "in force", draft: "draft", expired: "expired", cancelled: "cancelled", suspended: "suspended" },
      log: { requested: "escalated", taken: "taken", transferred: "transferred", released: "handed back", note: "note" },
      canned: "Canned responses…", canned_missing: "Fill in before sending:",
      placeholders: { customer_name: "customer's name", customer_code: "customer code",
        agent_name: "your name", incident_id: "incident number" },
      search: "Search", search_placeholder: "Search customer, incident or conversation…",
      search_results: "Search results", no_results: "Nothing found.",
      found_customers: "Customers", found_incidents: "Incidents", found_conversations: "Conversations",
      history: "Customer history", no_history: "No earlier conversations or incidents.",
      past_conversations: "Earlier conversations", closed_incidents: "Closed incidents",
      confirm_transfer: "Transfer this conversation to {target}?", confirm: "Confirm",
      confirm_hand_back: "Hand this conversation back to the bot?",
      close_conversation: "Close conversation", confirm_close: "Close this conversation without handing it back to the bot? The customer will be told.",
      close_pending: "Closing the conversation…", conversation_closed: "Conversation closed.", close_undone: "Close undone.",
      transfer_pending: "Transferring to {target}…", undo: "Undo", transfer_undone: "Transfer undone.",
      new_conversation: "New conversation waiting", notify_on: "Alerts", notify_body: "{who} is waiting ({reason})",
      to_queue: "queue {queue}",
      slots: { serial_number: "serial number", incident_id: "incident number", priority: "priority",
        symptom: "symptom", customer_code: "customer code", language: "language" },
    },
  };
  let lang = localStorage.getItem("avisa.lang") || (navigator.language || "es").slice(0, 2);
  if (!TEXTS[lang]) lang = "es";
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
    if (!TEXTS[wanted] || wanted === lang) return lang;
    lang = wanted;
    localStorage.setItem("avisa.lang", lang);
    apply();
    document.dispatchEvent(new Event("langchange"));
    return lang;
  }
  function toggle() { return use(lang === "es" ? "en" : "es"); }
  return { t, tv, apply, use, toggle, get lang() { return lang; } };
})();
