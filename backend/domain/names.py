"""Free-form names (equipment families, travel zones): any name a company uses, one
spelling — lower case, no accents, words joined by "_" ("CNC lathe" → "cnc_lathe",
"Aragón" → "aragon", "United Kingdom North" → "united_kingdom_north")."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W_]+")


def free_name(text: str) -> str:
    """The one spelling of ``text``; "" when it has no letter or digit."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                    if not unicodedata.combining(c))
    return "_".join(WORD.findall(plain))
