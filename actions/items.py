"""Several machines or faults in one message (issue 13 §2; pure functions, no I/O).

"1) The MULTIVAC is giving weak seals… 2) The compressor CMP-5520-G tripped…" or "la camara
esta a 9 grados, y el VRV no enfria en la 402" name two of the customer's machines, each
with its own fault: :func:`split_items` gives one :class:`Item` per machine, with the part
of the message that is about it. A message about one machine (however many times it is
named) gives one item or none; the bot then goes on with one incident as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from actions.corrections import affirmed
from actions.equipment_match import best_by_words, match_equipment, named_firmly
from actions.parsing import fold
from actions.urgency import read_urgency

Equipment = dict[str, Any]

# A numbered or bulleted list first ("1)", "2.", "- ", "• "), else sentences and clauses.
_LIST_ITEM = re.compile(r"(?m)^\s*(?:\(?\d{1,2}[).:-]|[-*•·])\s+")
_CLAUSE = re.compile(r"(?:[.;!?\n]+\s*|,?\s+(?:y|e|and|also|ademas|además|tambien|también|"
                     r"plus|otra cosa|another thing)\s+(?=(?:(?:de|del|for|of)\s+)?(?:el|la|los|"
                     r"las|lo|the|our|nuestr[oa]|en|in|on|at)\b))", re.IGNORECASE)


# "both compute nodes", "todas las bombas", "las dos carretillas", "every pump"
_PLURAL = re.compile(r"(?<![a-z])(both|all|every|each|all the|the two|the three|ambas|ambos|"
                     r"tod[oa]s|cada|l[oa]s (dos|tres|cuatro|cinco))(?![a-z])")


@dataclass
class Item:
    equipment: Equipment
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(p.strip() for p in self.parts if p.strip())


def segments(text: str) -> list[str]:
    """The message cut into the pieces that may each be about one machine."""
    return [c for piece in _listed(unwrapped(text)) for c in _clauses(piece)]


# A line of an e-mail body wrapped in mid-sentence ("The cold store\nis at +9 °C") goes on.
_WRAPPED = re.compile(r"(?<=[^\s.;:!?])[ \t]*\n(?=[ \t]*[a-z\u00e0-\u00ff(+-])")


def unwrapped(text: str) -> str:
    """``text`` with the lines wrapped in mid-sentence joined again."""
    return _WRAPPED.sub(" ", text)


def _listed(text: str) -> list[str]:
    listed = [p for p in _LIST_ITEM.split(text) if p.strip()]
    return listed if len(listed) > 1 else [text]


def _clauses(piece: str) -> list[str]:
    return [c for c in _CLAUSE.split(piece) if c and c.strip()]


def _heads(text: str) -> set[int]:
    """The indexes (in :func:`segments`) of the first clause of each item of a numbered or
    bulleted list: an item of its own names its machine however briefly ("2. El cassette
    de climatización gotea")."""
    pieces = _listed(unwrapped(text))
    if len(pieces) < 2:
        return set()
    heads, at = set(), 0
    for piece in pieces:
        heads.add(at)
        at += len(_clauses(piece))
    return heads


def split_items(text: str, items: Sequence[Equipment]) -> list[Item]:
    """One item per machine the message is about, in the order named; a part that names
    no machine belongs to the machine before it (what was said before any is left out), and
    so does one that names another only by a single word of its kind ("our company mail
    server is down" beside the stretch wrapper's report is no report on the WMS server),
    unless it opens an item of a numbered or bulleted list."""
    found: list[Item] = []
    current: Item | None = None
    heads = _heads(text)
    for n, part in enumerate(segments(text)):
        machine = match_equipment(part, items) if len(items) > 1 else None
        if machine is not None and (n in heads or named_firmly(part, machine)):
            known = next((i for i in found if i.equipment.get("id") == machine.get("id")), None)
            if known is None:
                known = Item(machine)
                found.append(known)
            current = known
        if current is not None:
            current.parts.append(part)
    return found


def item_levels(several: list[Item], urgency: str) -> list[str]:
    """Each machine's urgency read from what is said of it; one of which nothing readable
    is said is medium when another's is read (one machine's urgency is never read from what
    is said of another: "seguimos imprimiendo" beside "el compresor no arranca"), else the
    urgency of the whole report."""
    levels = [read_urgency(i.text) for i in several]
    fallback = "medium" if any(levels) else urgency
    return [level or fallback for level in levels]


def machines_named(text: str, items: Sequence[Equipment]) -> list[Equipment]:
    """The machines one request is about: each named one, or all those a plural names
    ("both Cisco nodes", "todas las bombas de la planta")."""
    named = [i.equipment for i in split_items(text, items)]
    if len(named) > 1 or not _PLURAL.search(fold(text)):
        return named
    tied = best_by_words(text, items)
    return tied if len(tied) > 1 else named


def about(text: str, items: Sequence[Equipment], machine_id: str) -> str:
    """What ``text`` says of the machine ``machine_id``: the parts that name no machine or
    name it, and those that follow it as in :func:`split_items` (another machine named only
    by a word of its kind stays with it), but not the parts about another machine, firmly
    named, or named in any way before this one is ("our company mail server is down today"
    before the stretch wrapper's report)."""
    parts = [(part, match_equipment(part, items)) for part in segments(text)]
    named = any(m is not None and m.get("id") == machine_id for _, m in parts)
    kept: list[str] = []
    ours: bool | None = None  # None: before any machine; then whose part this is
    for part, other in parts:
        if other is not None and other.get("id") == machine_id:
            ours = True
        elif other is not None and (named and ours is not True or named_firmly(part, other)):
            ours = False
        if ours is not False:
            kept.append(part)
    return " ".join(kept)


def only_as_fine(item: Item) -> bool:
    """The item names its machine only where it says it is fine or used meanwhile
    ("Seguimos pudiendo imprimir en la Canon del ala norte, así que no estamos parados"):
    no fault of its own."""
    kept = [affirmed(part) for part in item.parts]
    return kept != item.parts and not named_firmly(" ".join(kept), item.equipment)
