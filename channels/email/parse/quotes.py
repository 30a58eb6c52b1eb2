"""Finding where the customer's own words end and quoted history begins.

``MARKERS`` is the table of reply/forward separators, in English and Spanish
(plus the commonest other languages clients produce); a header block such as
Outlook's "From: … / Sent: …" or "De: … / Enviado el: …" is found by
``HEADER_FROM`` followed closely by ``HEADER_DATE``. Lines starting with ``>``
are quoted and dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from channels.email.parse.signature import CUT_ANYWHERE

_I = re.IGNORECASE
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "reply",
        re.compile(
            r"^(?:on|el|am|le|em|il|op)\b.{0,300}?\b(?:wrote|escribió|escribio|schrieb|"
            r"a écrit|escreveu|ha scritto|schreef)\s*:?\s*$",
            _I,
        ),
    ),
    (
        "reply",
        re.compile(
            r"^-{2,}\s*(?:original message|mensaje original|message d'origine|"
            r"ursprüngliche nachricht|messaggio originale)\s*-{2,}\s*$",
            _I,
        ),
    ),
    (
        "forward",
        re.compile(
            r"^-{2,}\s*(?:forwarded message|mensaje reenviado|message transféré|"
            r"weitergeleitete nachricht)\s*-{2,}\s*$",
            _I,
        ),
    ),
    (
        "forward",
        re.compile(
            r"^(?:begin forwarded message|inicio del mensaje reenviado|mensaje reenviado)\s*:\s*$",
            _I,
        ),
    ),
)
HEADER_FROM = re.compile(r"^\*?(?:from|de|von|da)\s*:\*?\s*\S", _I)
HEADER_DATE = re.compile(
    r"^\*?(?:sent|date|enviado(?: el)?|fecha|gesendet|envoyé|data)\s*:\*?\s*\S", _I
)
HEADER_ANY = re.compile(
    r"^\*?(?:from|to|cc|bcc|subject|sent|date|de|para|asunto|enviado(?: el)?|fecha|cc|"
    r"importance|importancia|reply-to|responder a)\s*:",
    _I,
)
SEPARATOR = re.compile(r"^(?:_{10,}|-{10,}|={10,})\s*$")
_ATTRIBUTION_HINT = re.compile(r"@|\d")


@dataclass(frozen=True)
class Split:
    """``own`` the customer's lines (answers written between quoted lines included),
    ``forwarded`` the body of a forwarded message, ``cut`` whether anything was quoted."""

    own: list[str]
    forwarded: list[str]
    cut: bool


def _marker_at(lines: list[str], index: int) -> str | None:
    for span in (1, 2, 3):
        window = " ".join(line.strip() for line in lines[index : index + span])
        if len(window) > 400:
            break
        for kind, pattern in MARKERS:
            if pattern.match(window):
                return kind
    if HEADER_FROM.match(lines[index].strip()):
        following = (line.strip() for line in lines[index + 1 : index + 6])
        if any(HEADER_DATE.match(line) for line in following):
            return "reply"
    return None


def _skip_headers(lines: list[str]) -> list[str]:
    index = 0
    while index < len(lines) and (
        not lines[index].strip() or HEADER_ANY.match(lines[index].strip())
    ):
        index += 1
    return lines[index:]


def split_quoted(lines: list[str], forwarding: bool = False) -> Split:
    """Cut ``lines`` at the first reply or forward marker; drop ``>`` lines.

    Answers typed between the ``>`` lines of the quoted history are the customer's
    own words and are kept. With ``forwarding`` (the subject says Fw:/RV:…) an
    Outlook header block starts a forwarded message rather than a quoted reply.
    """
    own, forwarded, cut = lines, [], False
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        kind = _marker_at(lines, index)
        if kind is None:
            continue
        own, cut = lines[: _separator_before(lines, index)], True
        rest = lines[index + 1 :]
        if kind == "forward" or (forwarding and HEADER_FROM.match(line.strip())):
            forwarded = _skip_headers(rest)
        else:
            own = own + _interleaved(rest)
        break
    kept: list[str] = []
    for line in own:
        if line.lstrip().startswith(">"):
            cut = True
            if kept and _is_attribution(kept[-1]):
                kept.pop()
            continue
        kept.append(line)
    return Split(kept, forwarded, cut)


def _interleaved(rest: list[str]) -> list[str]:
    """Lines typed between quoted (``>``) lines after a reply marker, up to the next marker."""
    answers: list[str] = []
    quoted = False
    for index, line in enumerate(rest):
        text = line.strip()
        if text.startswith(">"):
            quoted = True
            answers.append(line)
        elif quoted and text and (
            _marker_at(rest, index) is not None or any(p.match(text) for p in CUT_ANYWHERE)
        ):
            break
        elif quoted:
            answers.append(line)
    return answers


def _separator_before(lines: list[str], index: int) -> int:
    """Where the cut starts: at a separator line just above the marker, if any."""
    above = index - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    return above if above >= 0 and SEPARATOR.match(lines[above].strip()) else index


def _is_attribution(line: str) -> bool:
    text = line.strip()
    return text.endswith(":") and len(text) < 300 and bool(_ATTRIBUTION_HINT.search(text))
