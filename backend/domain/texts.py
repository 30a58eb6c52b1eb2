"""The catalogue of what the backend itself says to customers, in both languages: one table
``kind → {"es": …, "en": …}`` read by `say` with the one language rule
(`backend.domain.language`: the customer's language, else the company default).
Technicians' texts are in `backend.domain.routing.texts`, coverage reasons in
`backend.domain.coverage.messages`, document wording in `services/billing/wording.py`."""

from __future__ import annotations

from backend.domain.language import pick

TEXTS: dict[str, dict[str, str]] = {
    "otp": {
        "en": "Avisa: your verification code is {code} (valid {minutes} minutes).",
        "es": "Avisa: tu código de verificación es {code} (válido {minutes} minutos).",
    },
    # handoff
    "joined": {
        "es": "{name}, del equipo de atención, se ha unido a la conversación.",
        "en": "{name} from our service team has joined the conversation.",
    },
    "released": {
        "es": "Te paso de nuevo con el asistente virtual. Escríbeme cuando quieras.",
        "en": "You are back with the virtual assistant. Write whenever you like.",
    },
    "closed": {
        "es": "Damos por cerrada esta conversación. Si necesitas algo más, escríbenos cuando "
              "quieras.",
        "en": "We're closing this conversation now. If you need anything else, write to us "
              "whenever you like.",
    },
    "handoff_waiting": {
        "es": "Gracias, lo he anotado en tu conversación. Una persona del equipo te "
              "contestará por aquí en cuanto esté disponible; no hace falta que repitas nada.",
        "en": "Thanks, I've added that to your conversation. A person from our team will "
              "answer you here as soon as they're available; no need to repeat anything.",
    },
    "transferred": {
        "es": "Te paso con otra persona del equipo; enseguida te atiende.",
        "en": "I'm passing you to a colleague, who will be with you shortly.",
    },
    # consent to a billable visit asked again (services/coverage/reminders.py)
    "consent_reminder": {
        "es": "Avisa: {incident} está en espera de tu respuesta: ¿enviamos al técnico con las "
              "condiciones de pago que te indicamos? Mientras no nos digas que sí, no podemos "
              "mandar a nadie. Responde sí o no.",
        "en": "Avisa: {incident} is waiting for your answer: shall we send the technician on "
              "the paid terms we gave you? Until you say yes we cannot send anyone. Reply yes "
              "or no.",
    },
    "consent_yes": {"es": "Sí, adelante", "en": "Yes, go ahead"},
    "consent_no": {"es": "No, gracias", "en": "No, thanks"},
    # incidents: assignment, merges and splits
    "incident_assigned": {
        "es": "Avisa: Técnico {technician} asignado a {incident}.",
        "en": "Avisa: Technician {technician} assigned to {incident}.",
    },
    "incident_merged": {
        "es": "Avisa: su aviso {source} trata del mismo problema que {target}; los hemos "
              "unido y le informaremos de {target}.",
        "en": "Avisa: your report {source} is about the same problem as {target}; we merged "
              "them and will keep you posted on {target}.",
    },
    "incident_unmerged": {
        "es": "Avisa: {source} vuelve a seguirse por separado de {target}.",
        "en": "Avisa: {source} is followed separately from {target} again.",
    },
    "incident_split": {
        "es": "Avisa: su mensaje se trata como un problema distinto de {source}: {target}.",
        "en": "Avisa: your message is handled as a problem separate from {source}: {target}.",
    },
}


def say(kind: str, language: str | None, **values: object) -> str:
    return pick(TEXTS[kind], language).format(**values)


def otp_text(language: str | None, code: str, minutes: int) -> str:
    return say("otp", language, code=code, minutes=minutes)
