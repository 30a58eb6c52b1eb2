"""What technicians read while they work a job in their own words (es/en): the closing
summary, delays, follow-up visits, "not fixed", customer absent, questions and help —
and what the customer is told about each. No internal codes: states, priorities and
coverage outcomes are said in words (`WORDS`)."""

from __future__ import annotations

from types import MappingProxyType

from backend.domain.language import pick

FIELD = MappingProxyType({
    "ask_hours_free": {"es": "{incident}: ¿cuántas horas trabajó? (p. ej. 2h y media, 90 min)",
                       "en": "{incident}: how many hours did you work? (e.g. 2.5 h, 90 min)"},
    "ask_km": {"es": "{incident}: ¿cuántos km de desplazamiento (ida y vuelta)? (0 si ninguno)",
               "en": "{incident}: how many km did you travel (round trip)? (0 if none)"},
    "ask_parts_free": {"es": "{incident}: ¿qué piezas usó? (p. ej. 2 filtros de aire, presostato)"
                             " o «ninguna».",
                       "en": "{incident}: which parts did you use? (e.g. 2 air filters, pressure "
                             "switch) or \"none\"."},
    "summary": {"es": "{incident} — resumen:\n• Horas: {hours}\n• Km: {km}\n• Piezas: {parts}\n"
                      "• Notas: {notes}\n¿Cerrar así? Responda SÍ, o escriba lo que haya que "
                      "corregir (p. ej. «fueron 3h»).",
                "en": "{incident} — summary:\n• Hours: {hours}\n• Km: {km}\n• Parts: {parts}\n"
                      "• Notes: {notes}\nClose it like this? Reply YES, or write what to "
                      "correct (e.g. \"it was 3h\")."},
    "ask_reason": {"es": "{incident} rechazado; pasa al siguiente técnico. ¿Motivo? (opcional)",
                   "en": "{incident} declined; it goes to the next technician. Reason? "
                         "(optional)"},
    "declined_reason": {"es": "{incident} rechazado ({reason}); pasa al siguiente técnico. "
                              "/jobs lista sus trabajos.",
                        "en": "{incident} declined ({reason}); it goes to the next technician. "
                              "/jobs lists your jobs."},
    "reason_kept": {"es": "Anotado el motivo: {reason}. /jobs lista sus trabajos.",
                    "en": "Reason noted: {reason}. /jobs lists your jobs."},
    "ask_eta": {"es": "{incident}: ¿a qué hora llegará? (p. ej. a las 12:30, en 20 min)",
                "en": "{incident}: what time will you get there? (e.g. by 12:30, in 20 min)"},
    "delay_noted": {"es": "{incident}: nueva hora de llegada {eta}. Avisado el cliente.",
                    "en": "{incident}: new arrival time {eta}. The customer has been told."},
    "ask_day": {"es": "{incident}: ¿qué día volverá? (p. ej. el jueves, mañana)",
                "en": "{incident}: which day will you come back? (e.g. Thursday, tomorrow)"},
    "follow_up_noted": {
        "es": "{incident}: segunda visita el {day}; orden nueva {order}. La incidencia sigue "
              "abierta y el cliente está avisado. /jobs lista sus trabajos.",
        "en": "{incident}: return visit on {day}; new order {order}. The incident stays open "
              "and the customer has been told. /jobs lists your jobs."},
    "not_fixed_noted": {"es": "{incident}: anotado que no se pudo reparar; pasa a la oficina "
                              "para asignar un especialista. /jobs lista sus trabajos.",
                        "en": "{incident}: noted as not fixed; it goes to the office to send "
                              "a specialist."},
    "absent_noted": {"es": "{incident}: anotado cliente ausente; la oficina contactará con el "
                           "cliente para otra cita. /jobs lista sus trabajos.",
                     "en": "{incident}: customer absent noted; the office will contact the "
                           "customer for a new appointment. /jobs lists your jobs."},
    "job_detail": {"es": "{incident} · {customer}\nDirección: {address}\nContacto: {contact}\n"
                         "Franja: {window}\nPlazo SLA: {deadline}\nEstado: {state}",
                   "en": "{incident} · {customer}\nAddress: {address}\nContact: {contact}\n"
                         "Time window: {window}\nSLA deadline: {deadline}\nState: {state}"},
    "next_job": {"es": "Siguiente trabajo:\n{detail}", "en": "Next job:\n{detail}"},
    "help": {"es": "Puede escribir con sus palabras: «voy», «llegué», «terminado, 2h, 30 km, "
                   "cambiado el filtro», «llego tarde, a las 12», «vuelvo el jueves», «no he "
                   "podido arreglarlo», «no hay nadie»; o preguntar «dirección?», «teléfono?», "
                   "/jobs, «siguiente».",
             "en": "Write in your own words: \"on my way\", \"arrived\", \"done, 2h, 30 km, "
                   "replaced the filter\", \"running late, there by 12\", \"back on "
                   "Thursday\", \"couldn't fix it\", \"nobody here\"; or ask \"address?\", "
                   "\"phone?\", /jobs, \"next\"."},
    "eta_window": {"es": "llegada prevista {eta}", "en": "expected arrival {eta}"},
    "help_short": {"es": "También puede escribirlo con palabras, o /help.",
                   "en": "You can also write it in words, or /help."},
    "not_understood": {"es": "No le he entendido.", "en": "Sorry, I did not understand."},
    "choices_now": {"es": "{incident} ({state}). Ahora puede:", "en": "{incident} ({state}). "
                                                                    "You can now:"},
    "no_active": {"es": "No tiene trabajos en curso. /jobs lista sus trabajos; /help, la ayuda.",
                  "en": "You have no job under way. /jobs lists your jobs; /help for help."},
    "already_done": {"es": "{incident} ya está {state}. /jobs lista sus trabajos.",
                     "en": "{incident} is already {state}. /jobs lists your jobs."},
    "customer_delay": {"es": "Avisa: el técnico {technician} llegará con retraso, sobre las {eta} "
                             "({incident}).",
                       "en": "Avisa: technician {technician} is running late and will arrive "
                             "at about {eta} ({incident})."},
    "customer_follow_up": {
        "es": "Avisa: {incident} necesita una segunda visita; el técnico volverá el {day}.",
        "en": "Avisa: {incident} needs a return visit; the technician will come back on {day}."},
    "customer_absent": {
        "es": "Avisa: el técnico {technician} fue a atender {incident} y no encontró a nadie. "
              "Le llamaremos para una nueva cita.",
        "en": "Avisa: technician {technician} came for {incident} and nobody was there. We "
              "will call you to arrange a new visit."},
    "customer_not_fixed": {
        "es": "Avisa: {incident} necesita un especialista; le informaremos de la próxima "
              "visita.",
        "en": "Avisa: {incident} needs a specialist; we will let you know the next visit."},
    "supervisor_not_fixed": {
        "es": "Avisa: {technician} no pudo reparar {incident}: «{said}». Asigne un especialista.",
        "en": "Avisa: {technician} could not fix {incident}: \"{said}\". Assign a specialist."},
    "supervisor_absent": {
        "es": "Avisa: {technician} no encontró a nadie en {incident}: «{said}». Llame al "
              "cliente para otra cita.",
        "en": "Avisa: {technician} found nobody for {incident}: \"{said}\". Call the customer "
              "for a new visit."},
})

# internal values said in words
WORDS = MappingProxyType({
    "offered": {"es": "ofrecido", "en": "offered"},
    "accepted": {"es": "aceptado", "en": "accepted"},
    "on_the_way": {"es": "en camino", "en": "on the way"},
    "arrived": {"es": "en el sitio", "en": "on site"},
    "finished": {"es": "terminado", "en": "finished"},
    "declined": {"es": "rechazado", "en": "declined"},
    "expired": {"es": "caducado: no se confirmó a tiempo", "en": "expired: not acknowledged "
                                                                   "in time"},
    "withdrawn": {"es": "reasignado por la oficina", "en": "reassigned by the office"},
    "follow_up": {"es": "pendiente de segunda visita", "en": "waiting for a return visit"},
    "not_fixed": {"es": "pasado a la oficina", "en": "passed to the office"},
    "absent": {"es": "cliente ausente", "en": "customer absent"},
    "low": {"es": "prioridad baja", "en": "low priority"},
    "medium": {"es": "prioridad media", "en": "medium priority"},
    "high": {"es": "prioridad alta", "en": "high priority"},
    "critical": {"es": "prioridad crítica", "en": "critical priority"},
    "covered": {"es": "cubierto por contrato", "en": "covered"},
    "partly_covered": {"es": "cubierto en parte", "en": "partly covered"},
    "not_covered": {"es": "no cubierto (facturable)", "en": "not covered (billable)"},
})


def word(value: str | None, language: str) -> str:
    if value is None:
        return "-"
    entry = WORDS.get(value)
    return pick(entry, language) if entry else value
