"""Discourse cues: does the report say it follows up an earlier one, or that it is
about something else? ("sigue sin arrancar", "any update?" / "además", "separate issue")."""

from __future__ import annotations

import re
from functools import lru_cache

from backend.domain.dedupe.text import expanded

_FOLLOW_UP = re.compile(
    r"\b(?:sigue|siguen|seguimos|continua|continuan|todavia|aun no|aun sin|still|any news"
    r"|any update|"
    r"update on|novedad|novedades|como (?:os |les )?(?:dije|dijimos|comente|hablamos|indicamos)|"
    r"ya os|ya les|os escribi|les escribimos|le escribi|re:|re the|regarding the|further to"
    r"|following (?:the|up|my)|"
    r"as (?:discussed|mentioned|reported)|confirm\w*|lo de(?:l| la)?|olvide|perdon|sorry|"
    r"its the|it s the|adjunt\w*|attached|nadie ha venido|no one has come|nobody came|eta|"
    r"is someone coming|is an engineer|va a peor|getting worse|cuando viene|when will|serial is|"
    r"el numero|the number|es el|es la)\b"
)
_NEW_ISSUE = re.compile(
    r"\b(?:ademas|aparte|tambien|tb|otra cosa|otro problema|nueva incidencia|distint\w*|"
    r"y ahora|ahora (?:tambien|encima)|encima|also|as well|another|separate|unrelated|"
    r"new issue|different (?:issue|problem)|on top of|and now|plus|independiente\w*|"
    r"(?:no tiene|nada) que ver|not related|por cierto|de paso|by the way|btw|ah y|"
    r"one more thing|another thing|otro tema|second (?:issue|problem|fault))\b"
)


@lru_cache(maxsize=8192)
def cues(text: str) -> tuple[bool, bool]:
    """(says it follows up, says it is about something else): both may hold."""
    folded = expanded(text)
    return bool(_FOLLOW_UP.search(folded)), bool(_NEW_ISSUE.search(folded))


def cue(text: str) -> float:
    """1 for a follow-up, 0 for "another problem", 0.5 when the text says neither (or both)."""
    follow, new = cues(text)
    if follow == new:
        return 0.5
    return 1.0 if follow else 0.0
