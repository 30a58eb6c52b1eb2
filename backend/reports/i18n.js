"use strict";
// The reporting page's wording in Spanish and English; [data-i18n] elements are filled from it.
const I18N = (function () {
  const TEXTS = {
    es: {
      title: "Informes", username: "Usuario", password: "Contraseña", sign_in: "Entrar",
      sign_in_failed: "Usuario o contraseña incorrectos.", error: "Algo ha fallado.",
      managers_only: "Solo responsables de servicio y administradores pueden ver los informes.",
      print: "Imprimir", from: "Desde", to: "Hasta", customer: "Cliente", channel: "Canal", queue: "Cola",
      all: "Todos", apply: "Aplicar", csv: "Exportar CSV", close: "Cerrar", no_data: "Sin datos en el periodo.",
      personal: "Incluir datos personales", truncated: "Solo se muestran los 500 más recientes.",
      docs_truncated: "Solo se muestran las 500 primeras filas: filtre por cliente o exporte CSV para verlas todas.",
      period_is: "Periodo: del {from} al {to} (hora de Madrid).", yes: "sí", no: "no",
      days: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
      r: { sla: "SLA", bot: "El bot", channels: "Canales", duplicates: "Duplicados", technicians: "Técnicos", money: "Cobertura y facturación", satisfaction: "Satisfacción" },
      list: { incidents: "Incidencias", conversations: "Conversaciones" },
      f: {
        csat: "CSAT (valoraciones de 4 o 5)", average_score: "Valoración media (1–5)",
        low_scores: "Valoraciones bajas (seguimiento)", response_rate: "Clientes que responden",
        response_compliance: "Cumplimiento de respuesta", resolution_compliance: "Cumplimiento de resolución",
        breaches: "Incumplimientos", response_median: "Respuesta (mediana, horario del contrato)",
        response_p90: "Respuesta (p90)", resolution_median: "Resolución (mediana, horario del contrato)",
        resolution_p90: "Resolución (p90)", conversations: "Conversaciones", contained: "Resueltas por el bot",
        handed: "Pasadas a una persona", containment: "Contención", customers: "Clientes con conversaciones",
        multi_channel: "Clientes en más de un canal", multi_channel_share: "Cuota multicanal",
        merged: "Fusionados automáticamente", asked: "Preguntados al cliente", confirmed: "Confirmados por el cliente",
        declined: "Rechazados por el cliente", agent_merged: "Fusionados por agentes", split_back: "Separados por agentes",
        false_merge_rate: "Fusiones falsas", accept_median: "Tiempo hasta aceptar (mediana)", accept_p90: "Tiempo hasta aceptar (p90)",
        on_site_median: "Tiempo en el sitio (mediana)", first_time_fix: "Resueltas a la primera", covered_share: "Cuota cubierta",
      },
      c: { compliance_by_month: "Cumplimiento por mes", containment_trend: "Contención por día",
        messages_by_channel: "Mensajes de clientes por canal", heat_map: "Mensajes por día y hora",
        top_out_of_contract: "Gasto fuera de contrato por cliente" },
      by: { contract: "Por contrato", customer: "Por cliente", priority: "Por prioridad", queue: "Por cola",
        channel: "Por canal", language: "Por idioma", channel_pair: "Por par de canales", technician: "Por técnico", zone: "Por zona", month: "Por mes" },
      k: { response: "respuesta", resolution: "resolución" },
      cov: { covered: "Cubiertas", partly_covered: "Cubiertas en parte", not_covered: "No cubiertas" },
      doc: { delivery_note: "albarán", contract_invoice: "factura de contrato", invoice: "factura" },
      reason: { request_human: "pide una persona", nlu_fallback: "no entendido", low_confidence: "poca confianza",
        complain: "queja", verification_locked: "verificación bloqueada", rule: "regla", agent: "agente" },
      breach_list: "Incumplimientos (los 50 más recientes)", handoffs_by_reason: "Traspasos por motivo",
      misunderstood: "Mensajes no entendidos", verification: "Verificación", first_time_fix: "Resueltas a la primera por técnico",
      documents: "Albaranes y facturas por cliente y mes", top_out_of_contract: "Clientes con más gasto fuera de contrato",
      renewals_due: "Contratos por renovar",
      col: { key: "", response: "Respuestas", response_compliance: "Cumplimiento", response_breaches: "Incumplidas",
        resolution: "Resoluciones", resolution_compliance: "Cumplimiento", resolution_breaches: "Incumplidas",
        incident_id: "Incidencia", kind: "Tipo", due_at: "Vence (UTC)", met_at: "Cumplido (UTC)", customer: "Cliente",
        priority: "Prioridad", contract: "Contrato", conversations: "Conversaciones", contained: "Resueltas por el bot",
        containment: "Contención", reason: "Motivo", channel: "Canal", handoffs: "Traspasos", language: "Idioma",
        predicted: "Con predicción", misunderstood: "No entendidos", rate: "Tasa", attempted: "Intentos",
        verified: "Verificados", locked: "Bloqueados", success: "Éxito", messages: "Mensajes", first: "Primer canal",
        second: "Segundo canal", merged: "Fusionados", confirmed: "Confirmados", declined: "Rechazados",
        agent_merged: "Fusionados por agentes", split: "Separados", offered: "Ofrecidos", accepted: "Aceptados",
        timed_out: "Sin respuesta", withdrawn: "Retirados", acceptance: "Aceptación", technician: "Técnico",
        finished: "Terminados", fixed_first_time: "A la primera", month: "Mes", documents: "Documentos", net: "Base",
        total: "Total", delivery_notes: "Albaranes", type: "Tipo", end: "Fin", renews: "Se renueva", id: "Id",
        created_at: "Creada (UTC)", state: "Estado", equipment: "Equipo", symptom: "Síntoma", handled_by: "Atiende",
        address: "Dirección", date: "Fecha", ratings: "Valoraciones", csat: "CSAT (4–5)",
        average: "Media (1–5)", low: "Bajas (≤ 2)" },
    },
    en: {
      title: "Reports", username: "Username", password: "Password", sign_in: "Sign in",
      sign_in_failed: "Wrong username or password.", error: "Something went wrong.",
      managers_only: "Only service managers and admins can see the reports.",
      print: "Print", from: "From", to: "To", customer: "Customer", channel: "Channel", queue: "Queue",
      all: "All", apply: "Apply", csv: "Export CSV", close: "Close", no_data: "No data in the period.",
      personal: "Include personal data", truncated: "Only the 500 most recent are shown.",
      docs_truncated: "Only the first 500 rows are shown: filter by customer or export CSV to see them all.",
      period_is: "Period: {from} to {to} (Madrid time).", yes: "yes", no: "no",
      days: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
      r: { sla: "SLA", bot: "The bot", channels: "Channels", duplicates: "Duplicates", technicians: "Technicians", money: "Coverage and billing", satisfaction: "Satisfaction" },
      list: { incidents: "Incidents", conversations: "Conversations" },
      f: {
        csat: "CSAT (ratings of 4 or 5)", average_score: "Average rating (1–5)",
        low_scores: "Low ratings (followed up)", response_rate: "Customers who answer",
        response_compliance: "Response compliance", resolution_compliance: "Resolution compliance",
        breaches: "Breaches", response_median: "Response (median, contract hours)", response_p90: "Response (p90)",
        resolution_median: "Resolution (median, contract hours)", resolution_p90: "Resolution (p90)",
        conversations: "Conversations", contained: "Solved by the bot", handed: "Handed to a person",
        containment: "Containment", customers: "Customers with conversations", multi_channel: "Customers on more than one channel",
        multi_channel_share: "Multi-channel share", merged: "Merged automatically", asked: "Asked to the customer",
        confirmed: "Confirmed by the customer", declined: "Declined by the customer", agent_merged: "Merged by agents",
        split_back: "Split back by agents", false_merge_rate: "False merges", accept_median: "Time to accept (median)",
        accept_p90: "Time to accept (p90)", on_site_median: "On-site time (median)", first_time_fix: "First-time fix",
        covered_share: "Covered share",
      },
      c: { compliance_by_month: "Compliance by month", containment_trend: "Containment by day",
        messages_by_channel: "Customer messages by channel", heat_map: "Messages by day and hour",
        top_out_of_contract: "Out-of-contract spend by customer" },
      by: { contract: "By contract", customer: "By customer", priority: "By priority", queue: "By queue",
        channel: "By channel", language: "By language", channel_pair: "By channel pair", technician: "By technician", zone: "By zone", month: "By month" },
      k: { response: "response", resolution: "resolution" },
      cov: { covered: "Covered", partly_covered: "Partly covered", not_covered: "Not covered" },
      doc: { delivery_note: "delivery note", contract_invoice: "contract invoice", invoice: "invoice" },
      reason: { request_human: "asked for a person", nlu_fallback: "not understood", low_confidence: "low confidence",
        complain: "complaint", verification_locked: "verification locked", rule: "rule", agent: "agent" },
      breach_list: "Breaches (the 50 most recent)", handoffs_by_reason: "Handoffs by reason",
      misunderstood: "Misunderstood messages", verification: "Verification", first_time_fix: "First-time fix by technician",
      documents: "Delivery notes and invoices by customer and month", top_out_of_contract: "Top customers by out-of-contract spend",
      renewals_due: "Contracts due for renewal",
      col: { key: "", response: "Responses", response_compliance: "Compliance", response_breaches: "Breached",
        resolution: "Resolutions", resolution_compliance: "Compliance", resolution_breaches: "Breached",
        incident_id: "Incident", kind: "Kind", due_at: "Due (UTC)", met_at: "Met (UTC)", customer: "Customer",
        priority: "Priority", contract: "Contract", conversations: "Conversations", contained: "Solved by the bot",
        containment: "Containment", reason: "Reason", channel: "Channel", handoffs: "Handoffs", language: "Language",
        predicted: "With a prediction", misunderstood: "Misunderstood", rate: "Rate", attempted: "Attempts",
        verified: "Verified", locked: "Locked out", success: "Success", messages: "Messages", first: "First channel",
        second: "Second channel", merged: "Merged", confirmed: "Confirmed", declined: "Declined",
        agent_merged: "Merged by agents", split: "Split", offered: "Offered", accepted: "Accepted",
        timed_out: "Timed out", withdrawn: "Withdrawn", acceptance: "Acceptance", technician: "Technician",
        finished: "Finished", fixed_first_time: "First time", month: "Month", documents: "Documents", net: "Net",
        total: "Total", delivery_notes: "Delivery notes", type: "Type", end: "End", renews: "Renews", id: "Id",
        created_at: "Created (UTC)", state: "State", equipment: "Equipment", symptom: "Symptom", handled_by: "Handled by",
        address: "Address", date: "Date", ratings: "Ratings", csat: "CSAT (4–5)",
        average: "Average (1–5)", low: "Low (≤ 2)" },
    },
  };
  let lang = localStorage.getItem("avisa.lang") || (navigator.language || "es").slice(0, 2);
  if (!TEXTS[lang]) lang = "es";
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
  return { t, apply, toggle, get lang() { return lang; } };
})();
