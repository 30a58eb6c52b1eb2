"""Everything a technician, a supervisor or a customer reads about dispatch, in es and en."""

from __future__ import annotations

from types import MappingProxyType

from backend.domain.language import language
from backend.domain.routing.texts_field import FIELD

_BASE = {
    "job_card": {
        "es": "Nuevo trabajo {incident} ({priority})\nCliente: {customer}\nLugar: {site}\n"
              "Equipo: {equipment}\nAvería: {symptom}\nCobertura: {coverage}\n"
              "Respuesta antes de: {due}\nConfirme antes de {ack}.",
        "en": "New job {incident} ({priority})\nCustomer: {customer}\nSite: {site}\n"
              "Equipment: {equipment}\nFault: {symptom}\nCoverage: {coverage}\n"
              "Respond by: {due}\nPlease acknowledge by {ack}.",
    },
    "photo_links": {"es": "Fotos de la avería ({count}), enlaces válidos 72 h:",
                    "en": "Photos of the fault ({count}), links valid for 72 h:"},
    "photo_added": {"es": "Foto añadida a {incident} (orden {order}).",
                    "en": "Photo added to {incident} (order {order})."},
    "photo_refused": {"es": "Ese archivo no se puede guardar en {incident}; envíe una foto.",
                      "en": "That file cannot be kept on {incident}; please send a photo."},
    "photo_no_job": {"es": "No tiene ningún trabajo en curso al que añadir la foto.",
                     "en": "You have no job under way to add the photo to."},
    "sms_choices": {"es": "Responda 1 para aceptar, 2 para rechazar.",
                    "en": "Reply 1 to accept, 2 to decline."},
    "service_order_mail": {
        "es": "Orden de servicio {order} para {incident}\n\n{card}\n\nSerie: {serial}\n"
              "Dirección: {address}\nContacto: {contact}",
        "en": "Service order {order} for {incident}\n\n{card}\n\nSerial: {serial}\n"
              "Address: {address}\nContact: {contact}",
    },
    "accepted": {"es": "Trabajo {incident} aceptado. Orden {order}.",
                 "en": "Job {incident} accepted. Order {order}."},
    "declined": {"es": "Trabajo {incident} rechazado; pasa al siguiente técnico.",
                 "en": "Job {incident} declined; it goes to the next technician."},
    "too_late": {"es": "{incident} ya no está a su nombre ({why}). /jobs lista sus trabajos.",
                 "en": "{incident} is no longer yours ({why}). /jobs lists your jobs."},
    "on_the_way": {"es": "{incident}: en camino. Pulse Llegué al llegar.",
                   "en": "{incident}: on your way. Press Arrived when you get there."},
    "arrived": {"es": "{incident}: en el sitio. Pulse Terminado al acabar.",
                "en": "{incident}: on site. Press Finished when you are done."},
    "ask_hours": {"es": "{incident}: ¿cuántas horas de mano de obra? (p. ej. 2,5)",
                  "en": "{incident}: how many labour hours? (e.g. 2.5)"},
    "ask_parts": {"es": "¿Piezas usadas? Elija, escriba REF x CANTIDAD o CANTIDAD x pieza PRECIO "
                        "(p. ej. 2 x filtro hidráulico 35,50), una por línea, o 0 si ninguna.",
                  "en": "Parts used? Choose, type REF x QUANTITY or QUANTITY x part PRICE "
                        "(e.g. 2 x hydraulic filter 35.50), one per line, or 0 for none."},
    "part_price_pending": {"es": "sin precio: lo pondrá la oficina",
                           "en": "no price: the office will set it"},
    "ask_notes": {"es": "¿Notas del trabajo? (o 0 si ninguna)",
                  "en": "Notes on the work? (or 0 for none)"},
    "confirm": {"es": "{incident}: {hours} h, piezas: {parts}, notas: {notes}. ¿Cerrar?",
                "en": "{incident}: {hours} h, parts: {parts}, notes: {notes}. Close it?"},
    "closed": {"es": "{incident} cerrado. Orden {order}{note}. /jobs lista sus trabajos.",
               "en": "{incident} closed. Order {order}{note}. /jobs lists your jobs."},
    "bad_hours": {"es": "No entiendo las horas: escriba un número, p. ej. 2,5.",
                  "en": "I could not read the hours: type a number, e.g. 2.5."},
    "bad_part": {"es": "No entiendo la pieza «{part}»: elija de la lista o escriba p. ej. "
                       "REF x 2 o 2 x filtro 35,50.",
                 "en": "I could not read the part \"{part}\": choose from the list or type e.g. "
                       "REF x 2 or 2 x filter 35.50."},
    "jobs": {"es": "Sus trabajos abiertos:\n{lines}", "en": "Your open jobs:\n{lines}"},
    "no_jobs": {"es": "No tiene trabajos abiertos.", "en": "You have no open jobs."},
    "linked": {"es": "Hola {name}: Telegram enlazado. Recibirá aquí sus trabajos. /jobs los lista.",
               "en": "Hi {name}: Telegram linked. Your jobs will arrive here. /jobs lists them."},
    "bad_code": {"es": "Código no válido o caducado; pida uno nuevo a su responsable.",
                 "en": "Invalid or expired code; ask your supervisor for a new one."},
    "not_yours": {"es": "Ese trabajo no es suyo.", "en": "That job is not yours."},
    "unknown": {"es": "No le entiendo. /jobs lista sus trabajos; /help, la ayuda.",
                "en": "I did not understand. /jobs lists your jobs; /help for help."},
    "supervisor_unacked": {
        "es": "Avisa: {technician} no confirmó {incident} a tiempo; ofrecido a {next}.",
        "en": "Avisa: {technician} did not acknowledge {incident} in time; offered to {next}.",
    },
    "supervisor_declined": {
        "es": "Avisa: {technician} rechazó {incident} ({reason}); ofrecido a {next}.",
        "en": "Avisa: {technician} declined {incident} ({reason}); offered to {next}.",
    },
    "supervisor_nobody": {"es": "Avisa: nadie disponible para {incident}: asígnelo a mano.",
                          "en": "Avisa: nobody available for {incident}: assign it by hand."},
    "sla_warn": {"es": "Avisa SLA: {incident} vence ({kind}) a las {due}.",
                 "en": "Avisa SLA: {incident} is due ({kind}) at {due}."},
    "sla_breach": {"es": "Avisa SLA INCUMPLIDO: {incident} ({kind}) venció a las {due}.",
                   "en": "Avisa SLA BREACHED: {incident} ({kind}) was due at {due}."},
    "customer_on_the_way": {"es": "Avisa: el técnico {technician} va de camino ({incident}).",
                            "en": "Avisa: technician {technician} is on the way ({incident})."},
    "customer_done": {"es": "Avisa: trabajo terminado en {incident}. Gracias.",
                      "en": "Avisa: work on {incident} is finished. Thank you."},
    "customer_alarm": {
        "es": "Avisa: su equipo {equipment} envió la alarma {code}; hemos abierto {incident} "
              "y le mantendremos informado.",
        "en": "Avisa: your equipment {equipment} raised alarm {code}; we opened {incident} "
              "and will keep you posted.",
    },
    "customer_recovered": {"es": ("Avisa: la alarma {code} de {equipment} se ha recuperado "
                                  "({incident})."),
                           "en": "Avisa: alarm {code} on {equipment} has recovered ({incident})."},
    "customer_slot": {
        "es": "Avisa: toca {task} de {equipment} el {day} ({incident}). Elija franja:",
        "en": "Avisa: {task} of {equipment} is due on {day} ({incident}). Choose a slot:",
    },
}
TEXTS = MappingProxyType({**_BASE, **FIELD})

BUTTONS = MappingProxyType({
    "accept": {"es": "Aceptar", "en": "Accept"},
    "decline": {"es": "Rechazar", "en": "Decline"},
    "on_the_way": {"es": "En camino", "en": "On my way"},
    "arrived": {"es": "Llegué", "en": "Arrived"},
    "finish": {"es": "Terminado", "en": "Finished"},
    "yes": {"es": "Sí, cerrar", "en": "Yes, close"},
    "no": {"es": "No, corregir", "en": "No, redo"},
    "none": {"es": "Ninguna", "en": "None"},
    "help": {"es": "Ayuda", "en": "Help"},
    "address": {"es": "Dirección y contacto", "en": "Address and contact"},
})


def lang(value: str | None) -> str:
    return language(value)


def say(kind: str, language: str | None, **values: object) -> str:
    return TEXTS[kind][lang(language)].format(**values)


def button(kind: str, language: str | None) -> str:
    return BUTTONS[kind][lang(language)]
