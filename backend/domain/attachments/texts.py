"""What the customer is told about a file that is not kept, in both languages."""

from __future__ import annotations

REPLIES: dict[str, dict[str, str]] = {
    "too_large": {
        "es": "El archivo es demasiado grande (máximo {mb} MB). Envía una foto más pequeña o "
              "descríbenos el problema por escrito.",
        "en": "That file is too large ({mb} MB at most). Please send a smaller picture or "
              "describe the problem in words.",
    },
    "refused": {
        "es": "No podemos aceptar ese archivo por seguridad; lo hemos apartado para que lo "
              "revise una persona. Envía una foto (JPEG o PNG) o un PDF sin macros.",
        "en": "We can't accept that file for security reasons; it has been set aside for a "
              "person to review. Please send a photo (JPEG or PNG) or a plain PDF.",
    },
}


def reply(kind: str, **values: object) -> dict[str, str]:
    return {lang: text.format(**values) for lang, text in REPLIES[kind].items()}
