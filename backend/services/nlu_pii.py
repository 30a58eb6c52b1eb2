"""Personal data never reaches the training files: e-mail addresses, phone numbers and
names (after "me llamo", "soy", "my name is"…) become fixed placeholders. Pure."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w-])\+?\d[\d .-]{7,}\d(?![\w-])")
NAME = re.compile(r"(?i:\b(me llamo|mi nombre es|soy|my name is|i am|i'm|this is)\s+)"
                  r"([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)*)")
PLACEHOLDERS = {"email": "cliente@example.com", "phone": "600 000 000", "name": "Alex"}
PII_ENTITIES = {"email": "email", "phone": "phone", "phone_number": "phone", "name": "name",
                "person": "name", "first_name": "name", "last_name": "name"}


def scrub(text: str) -> str:
    text = EMAIL.sub(PLACEHOLDERS["email"], text)
    text = PHONE.sub(PLACEHOLDERS["phone"], text)
    return NAME.sub(lambda m: f"{m.group(1)} {PLACEHOLDERS['name']}", text)


def placeholder_for(entity: str) -> str | None:
    kind = PII_ENTITIES.get(entity)
    return PLACEHOLDERS[kind] if kind else None
