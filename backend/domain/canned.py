"""Canned responses for agents (data/canned_responses.yml): one text per language with
named placeholders filled from the conversation. Pure: parsing, checking and filling.

A placeholder the conversation cannot fill (no incident yet, an unidentified customer) is
left visible as ``{name}`` and listed in ``missing``, so the agent completes it before
sending; nothing is silently dropped."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from backend.domain.errors import InvalidRequest
from backend.domain.language import LANGUAGES

PLACEHOLDERS = ("customer_name", "customer_code", "agent_name", "incident_id")
_FIELD = re.compile(r"\{([a-z_]+)\}")
_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class Canned:
    """One canned response: its id, title and text per language, and the queues it is for
    (empty: every queue)."""

    id: str
    title: Mapping[str, str]
    text: Mapping[str, str]
    queues: tuple[str, ...] = ()

    def for_queue(self, queue: str) -> bool:
        return not self.queues or queue in self.queues


def _bilingual(entry: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    value = entry.get(key)
    if not isinstance(value, Mapping) or set(value) != set(LANGUAGES):
        raise InvalidRequest(f"{where}: {key} needs exactly the languages {', '.join(LANGUAGES)}")
    out = {lang: value[lang] for lang in LANGUAGES}
    if not all(isinstance(text, str) and text.strip() for text in out.values()):
        raise InvalidRequest(f"{where}: {key} must be non-empty text in every language")
    return out


def parse(document: Any) -> tuple[Canned, ...]:
    """The responses of the data file's document; InvalidRequest naming the bad entry."""
    entries = document.get("responses") if isinstance(document, Mapping) else None
    if not isinstance(entries, list):
        raise InvalidRequest("canned responses: a top-level 'responses' list is required")
    seen: set[str] = set()
    out: list[Canned] = []
    for n, entry in enumerate(entries, 1):
        where = f"canned response #{n}"
        if not isinstance(entry, Mapping) or not _ID.match(str(entry.get("id", ""))):
            raise InvalidRequest(f"{where}: an id of lowercase letters, digits and _ is required")
        cid = str(entry["id"])
        if cid in seen:
            raise InvalidRequest(f"{where}: id {cid} is used twice")
        seen.add(cid)
        text = _bilingual(entry, "text", f"{where} ({cid})")
        for lang, body in text.items():
            unknown = sorted(set(_FIELD.findall(body)) - set(PLACEHOLDERS))
            if unknown:
                raise InvalidRequest(f"{where} ({cid}, {lang}): unknown placeholder "
                                     f"{{{unknown[0]}}}; known: {', '.join(PLACEHOLDERS)}")
        queues = entry.get("queues") or []
        if not isinstance(queues, list) or not all(isinstance(q, str) for q in queues):
            raise InvalidRequest(f"{where} ({cid}): queues must be a list of queue names")
        out.append(Canned(cid, _bilingual(entry, "title", f"{where} ({cid})"), text,
                          tuple(queues)))
    return tuple(out)


def fill(template: str, values: Mapping[str, str | None]) -> tuple[str, list[str]]:
    """The text with every known value put in, and the placeholders left unfilled."""
    missing: list[str] = []

    def put(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value:
            return value
        if match.group(1) not in missing:
            missing.append(match.group(1))
        return match.group(0)

    return _FIELD.sub(put, template), missing
