"""Personal data never reaches the training files. Pure.

- e-mail addresses → ``cliente@example.com`` (also ``UPPER@EXAMPLE.COM``,
  ``first.last+tag@sub.example.co.uk``, ``o'brien@x.ie``, ``ana (at) acme (dot) es``);
- phone numbers → ``600 000 000``: a run of digits, spaces, dots, dashes and brackets
  with 9-15 digits (``+34 612 34 56 78``, ``0034612345678``, ``+1-202-555-0143``,
  ``(555) 123-4567``, ``+44 (0)20 7946 0958``), or 7-8 digits written as a phone
  (``+372 5123 456``, ``123-4567``); dates (``2025-06-02``) are not phones;
- names after "me llamo / mi nombre es / my name is" (any case), after "soy / I am / I'm /
  this is / aquí / le habla" and in sign-offs ("Saludos, / Un saludo, / Regards, /
  Thanks, …") when capitalised → ``Alex``;
- the values the caller knows belong to the conversation (its address, the customer's
  contacts' names, e-mails and phones) wherever they appear, in any case;
- every other run of 4 or more digits (customer codes, serial numbers, verification
  codes, card, IBAN and ID numbers, postcodes) → the same number of ``0``: ``C-1002`` →
  ``C-0000``, ``SN-48213`` → ``SN-00000``, so the regexes in bot/data/nlu/regex.yml still
  recognise the shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PLACEHOLDERS = {"email": "cliente@example.com", "phone": "600 000 000", "name": "Alex"}
PII_ENTITIES = {"email": "email", "phone": "phone", "phone_number": "phone", "name": "name",
                "person": "name", "first_name": "name", "last_name": "name"}

EMAIL = re.compile(r"[\w.%'’+-]+@[\w-]+(?:\.[\w-]+)+")
AT_DOT = re.compile(r"(?i)[\w.+-]+\s*[(\[]\s*(?:at|arroba)\s*[)\]]\s*[\w-]+"
                    r"(?:\s*(?:\.|[(\[]\s*(?:dot|punto)\s*[)\]])\s*[\w-]+)+")
PHONE = re.compile(r"(?<![\w/+-])(?:\+\s?)?(?:\(\+?\d{1,4}\)\s?)?\d[\d ().-]*\d(?![\w/-])")
PHONE_7_8 = re.compile(r"^(?:[+(].*|\d{3}[ .-]\d{4}|\d{3}[ .-]\d{2}[ .-]\d{2})$")
DIGITS = re.compile(r"\d{4,}")
UPPER = "A-ZÀ-ÖØ-Þ"
WORD = f"[{UPPER}][a-zà-öø-ÿ{UPPER}'’-]+"
ANY_WORD = f"[a-zà-öø-ÿ{UPPER}][a-zà-öø-ÿ{UPPER}'’-]+"
PARTICLE = r"(?:de|del|la|las|los|y|van|von|da|di|du|le|mac|mc)"
REST = rf"(?:\s+(?:{PARTICLE}\s+)*{WORD})*"
STRONG = re.compile(r"(?i:\b((?:me llamo|mi nombre es|my name is|my name's|my name’s|mi nombre:"
                    r"|nombre:|name:)\s*))"
                    rf"({ANY_WORD}{REST})")
WEAK = re.compile(r"(?i:\b((?:soy|i am|i'm|i’m|this is|aquí|aqui|le habla|te habla|"
                  r"de parte de|on behalf of|un saludo|saludos|atentamente|gracias|"
                  r"regards|thanks|thank you|cheers|sincerely|firmado)[,:;.!]?\s+))"
                  rf"({WORD}{REST})")


def _phone(m: re.Match[str]) -> str:
    raw = m.group(0)
    digits = sum(c.isdigit() for c in raw)
    if 9 <= digits <= 15 or (7 <= digits <= 8 and PHONE_7_8.match(raw)):
        return PLACEHOLDERS["phone"]
    return raw


def _known(text: str, known: Iterable[str]) -> str:
    """Each known value (longest first; 6+ characters when it has digits), then each word
    of 3+ letters of a known name."""
    values = {v.strip() for v in known
              if v and len(v.strip()) >= (6 if any(c.isdigit() for c in v) else 3)}
    words = {w for v in values if "@" not in v and not any(c.isdigit() for c in v)
             for w in re.findall(r"[^\W\d_]{3,}", v)}
    for value in sorted(values | words, key=len, reverse=True):
        kind = "email" if "@" in value else "phone" if any(c.isdigit() for c in value) else "name"
        text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", PLACEHOLDERS[kind], text,
                      flags=re.IGNORECASE)
    return text


def scrub(text: str, known: Iterable[str] = ()) -> str:
    text = AT_DOT.sub(PLACEHOLDERS["email"], EMAIL.sub(PLACEHOLDERS["email"], text))
    text = _known(text, known)
    text = PHONE.sub(_phone, text)
    text = STRONG.sub(lambda m: m.group(1) + PLACEHOLDERS["name"], text)
    text = WEAK.sub(lambda m: m.group(1) + PLACEHOLDERS["name"], text)
    return DIGITS.sub(lambda m: "0" * len(m.group(0)), text)


def placeholder_for(entity: str) -> str | None:
    kind = PII_ENTITIES.get(entity)
    return PLACEHOLDERS[kind] if kind else None
