"""Commands and wording of the Telegram channel, in Spanish and English."""

from __future__ import annotations

from types import MappingProxyType

# A command becomes words the bot understands, in the user's language: Rasa never sees "/".
COMMANDS = MappingProxyType(
    {
        "/start": {"es": "hola", "en": "hello"},
        "/help": {"es": "ayuda", "en": "help"},
        "/ayuda": {"es": "ayuda", "en": "help"},
        "/cancel": {"es": "cancelar", "en": "cancel"},
        "/cancelar": {"es": "cancelar", "en": "cancel"},
    }
)

# Shown as the bot's command menu (setMyCommands), per language.
MENU = MappingProxyType(
    {
        "es": (("start", "Empezar"), ("help", "Qué puedo hacer"), ("cancel", "Cancelar")),
        "en": (("start", "Start"), ("help", "What I can do"), ("cancel", "Cancel")),
    }
)

NOTICES = MappingProxyType(
    {
        "text_only": (
            "Por ahora solo puedo leer texto: escríbeme el mensaje, por favor.\n"
            "For now I can only read text: please type your message."
        ),
        "stale_button": (
            "Esa opción ya no está activa; se la paso al asistente como texto.\n"
            "That option is no longer active; I passed it on as text."
        ),
    }
)
