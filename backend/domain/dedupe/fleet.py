"""Which of the customer's machines a report is about, when it says so only in words."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from backend.domain.dedupe.extract import compact, serials
from backend.domain.dedupe.families import families_in, family_of
from backend.domain.dedupe.model import Machine
from backend.domain.dedupe.text import content_tokens

SERIAL_SIMILARITY = 85.0  # a serial typed with one slip still names the machine
WORD_SIMILARITY = 85.0

Narrower = Callable[[str, list[Machine]], list[Machine]]


def _digit_groups(code: str) -> set[str]:
    groups, current = set(), ""
    for char in code + " ":
        if char.isdigit():
            current += char
        elif current:
            if len(current) >= 3:
                groups.add(current)
            current = ""
    return groups


MIN_SERIAL = 5  # shorter serials are not looked for inside the running text


def _in_text(text: str, fleet: Sequence[Machine]) -> list[Machine]:
    """Serials written in any form: `sn50331`, `SN 50331`, `s/n-50331` all name SN-50331
    (case, spaces, dashes and slashes are ignored)."""
    squeezed = compact(text)
    return [m for m in fleet if m.serial and len(compact(m.serial)) >= MIN_SERIAL
            and compact(m.serial) in squeezed]


def _serial_hits(given: set[str], fleet: Sequence[Machine]) -> list[Machine]:
    known = [m for m in fleet if m.serial]
    exact = [m for m in known if compact(m.serial or "") in given]
    if exact:
        return exact
    return [
        m
        for m in known
        if any(fuzz.ratio(compact(m.serial or ""), g) >= SERIAL_SIMILARITY for g in given)
    ]


def _by_number(text: str, pool: list[Machine]) -> list[Machine]:
    """ "el compresor 2291" names CMP-2291-X when no other machine has 2291."""
    words = set(re.findall(r"\d{3,}", text))
    return [m for m in pool if m.serial and _digit_groups(compact(m.serial)) & words]


def _by_family(text: str, pool: list[Machine]) -> list[Machine]:
    named = families_in(text)
    return [m for m in pool if family_of(m.label) in named]


def _matches(word: str, tokens: tuple[str, ...]) -> bool:
    return any(
        word == t or (len(word) >= 4 and fuzz.ratio(word, t) >= WORD_SIMILARITY) for t in tokens
    )


def _distinct_words(describe: Callable[[Machine], str | None]) -> Narrower:
    """Keep the machines whose site (or label) words, not shared by every machine of
    the pool, appear in the text: "la de Zaragoza", "the small one" (a site with two
    machines narrows to those two)."""

    def narrow(text: str, pool: list[Machine]) -> list[Machine]:
        words = {m.id: set(content_tokens(describe(m) or "")) for m in pool}
        common = set.intersection(*words.values()) if words else set()
        tokens = content_tokens(text)
        return [m for m in pool if any(_matches(w, tokens) for w in words[m.id] - common)]

    return narrow


_NARROWERS: tuple[Narrower, ...] = (
    _by_family,
    _distinct_words(lambda m: m.site),
    _distinct_words(lambda m: m.label),
    _by_number,
)


def infer_equipment(
    text: str, fleet: Sequence[Machine], serial: str | None = None, equipment_id: str | None = None
) -> frozenset[str]:
    """The machines the report may be about: one when a serial or the words single it
    out, several when only the kind is known, all when nothing is (empty fleet → empty)."""
    return _infer(text, tuple(fleet), serial, equipment_id)


@lru_cache(maxsize=8192)
def _infer(text: str, fleet: tuple[Machine, ...], serial: str | None, equipment_id: str | None
           ) -> frozenset[str]:
    if equipment_id is not None and any(m.id == equipment_id for m in fleet):
        return frozenset({equipment_id})
    named = named_by_serial(text, fleet, serial)
    if len(named) == 1:
        return named
    given = set(serials(text)) | ({compact(serial)} if serial else set())
    hits = _serial_hits(given, fleet) if given else []
    if len(hits) == 1:
        return frozenset({hits[0].id})
    pool = hits or list(fleet)
    for narrow in _NARROWERS:
        if len(pool) == 1:
            break
        narrowed = narrow(text, pool)
        if narrowed:
            pool = narrowed
    return frozenset(m.id for m in pool)


def named_by_serial(text: str, fleet: Sequence[Machine], serial: str | None = None
                    ) -> frozenset[str]:
    """Machines whose serial the report gives exactly (in any typed form), in the text or
    in the form field. A serial that is none of the customer's names no machine."""
    return _named(text, tuple(fleet), serial)


@lru_cache(maxsize=8192)
def _named(text: str, fleet: tuple[Machine, ...], serial: str | None) -> frozenset[str]:
    hits = _in_text(text, fleet)
    if serial:
        hits += [m for m in fleet if m.serial and compact(m.serial) == compact(serial)]
    return frozenset(m.id for m in hits)
