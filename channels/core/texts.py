"""Texts the gateway itself shows to customers, always in Spanish and English."""

from __future__ import annotations

from types import MappingProxyType

TEXTS = MappingProxyType(
    {
        "rasa_down": (
            "Estamos teniendo problemas técnicos. Hemos guardado tu mensaje y te "
            "responderemos lo antes posible.\n"
            "We're having some trouble right now. Your message is saved and we'll "
            "get back to you as soon as we can."
        ),
        "backend_down": (
            "No hemos podido recibir tu mensaje ahora mismo. Inténtalo de nuevo en "
            "unos minutos.\n"
            "We couldn't take your message right now. Please try again in a few minutes."
        ),
        "too_long": (
            "El mensaje es demasiado largo (máximo 4000 caracteres).\n"
            "Your message is too long (4000 characters at most)."
        ),
        "empty": "El mensaje está vacío.\nYour message is empty.",
        "rate_limited": (
            "Demasiadas peticiones desde tu conexión en poco tiempo. Espera un momento y "
            "vuelve a intentarlo.\n"
            "Too many requests from your connection in a short time. Please wait a moment "
            "and try again."
        ),
        "attachment_received": (
            "Recibido, lo añadimos a tu aviso. Si quieres, cuéntanos también por escrito qué "
            "ocurre.\n"
            "Received: it's added to your report. Feel free to tell us in words what is "
            "happening too."
        ),
        "attachment_too_large": (
            "El archivo es demasiado grande para recibirlo. Envía una foto más pequeña o "
            "descríbenos el problema por escrito.\n"
            "That file is too large to receive. Please send a smaller photo or describe the "
            "problem in words."
        ),
        "attachment_lost": (
            "No hemos podido recibir el archivo. Inténtalo de nuevo o descríbenos el problema "
            "por escrito.\n"
            "We couldn't receive that file. Please try again or describe the problem in words."
        ),
        "link_refused": (
            "Este enlace no es válido o ha caducado. Pida uno nuevo a la oficina.\n"
            "This link is not valid or has expired. Ask the office for a new one."
        ),
        "file_missing": (
            "Este archivo ya no está disponible.\nThis file is no longer available."
        ),
        "bad_request": (
            "No hemos entendido ese mensaje del navegador.\n"
            "We couldn't understand that message from your browser."
        ),
    }
)
