"""Features of one (report, candidate incident) pair for the learned scorer.

Each is a number, mostly in [0, 1]; "unknown" is encoded by indicator features
(e.g. `machine_unknown`) rather than by a middle value, so the regression can weigh
"we don't know" on its own. `FEATURES` lists them in a fixed order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from backend.domain.dedupe.analysis import TextAnalysis, analyse, analyses_of
from backend.domain.dedupe.cues import cue, cues
from backend.domain.dedupe.marks import (
    contrast,
    numbered_agreement,
)
from backend.domain.dedupe.model import IncidentView
from backend.domain.dedupe.profile import profile_text
from backend.domain.dedupe.similarity import text_similarities
from backend.domain.dedupe.text import expanded

MIN_WORDS = 3
_AGAIN = re.compile(
    r"\b(?:otra vez|de nuevo|nuevamente|vuelve a|volvio a|ha vuelto|again|back again|"
    r"same (?:problem|issue|fault) as|once more|recurr\w*)\b"
)
_AUTOMATED = re.compile(r"\b(?:no ?reply|noreply|alarm|alert|monitor|telemetr\w*|scada|bms)\b")

FEATURES: tuple[str, ...] = (
    "ts", "tsort", "partial", "wratio", "chargram", "jaccard", "shared",
    "short", "codes_same", "codes_differ", "symptom_same", "symptom_differ",
    "machine_same", "machine_overlap", "machine_unknown", "serial_named", "site_same",
    "family_same", "family_differ", "time_exp", "time_log", "sender_same",
    "channel_same", "cue_follow", "cue_new", "again", "automated", "reports",
    "sim_margin", "only_candidate", "number_same", "number_clash", "names_shared",
    "names_new", "contrast", "kind_differ", "number_any", "chargram_margin", "most_recent",
    "follow_alone", "short_alone", "sender_recent", "symptom_alone", "machine_symptom",
    "machine_differ", "follow_any", "new_any", "new_same_machine",
)


@lru_cache(maxsize=8192)
def again(text: str) -> bool:
    """"otra vez", "de nuevo", "again": the fault is back (or still there)."""
    return bool(_AGAIN.search(expanded(text)))


def _union(profiles: Sequence[TextAnalysis], attr: str) -> frozenset[Any]:
    out: frozenset[Any] = frozenset()
    for p in profiles:
        out |= getattr(p, attr)
    return out


def _agreement(mine: frozenset[str], theirs: frozenset[str]) -> tuple[float, float]:
    """(share agreeing, 1 when both are known and disjoint)."""
    if not mine or not theirs:
        return 0.0, 0.0
    shared = len(mine & theirs) / min(len(mine), len(theirs))
    return shared, float(shared == 0.0)


def _families(text_families: frozenset[str], machines: frozenset[str],
              family_of_machine: Mapping[str, str]) -> frozenset[str]:
    return text_families | frozenset(family_of_machine[m] for m in machines
                                     if m in family_of_machine)


@dataclass(frozen=True)
class ReportSide:
    """What the pair features read of the new report, worked out once for all of its
    candidates."""

    analysis: TextAnalysis
    content_words: int
    who: str  # the sender, lower case
    channel: str
    cue: float
    cues: tuple[bool, bool]
    again: bool
    automated: bool
    contrast: bool


def report_side(text: str, sender: str, channel: str) -> ReportSide:
    who = sender.strip().lower()
    return ReportSide(
        analysis=analyse(text), content_words=profile_text(text).content_words, who=who,
        channel=channel, cue=cue(text), cues=cues(text), again=again(text),
        automated=bool(_AUTOMATED.search(expanded(f"{who} {text}"))), contrast=contrast(text))


def pair_features(
    *,
    report: ReportSide,
    hours_since: float,
    equipment_ids: frozenset[str],
    named_machines: frozenset[str],
    incident: IncidentView,
    sites: Mapping[str, str],
    family_of_machine: Mapping[str, str],
) -> dict[str, float]:
    """Features of the pair, except the two that compare candidates with each other
    (`sim_margin`, `only_candidate`: see `with_context`)."""
    mine = report.analysis
    theirs = analyses_of(incident)
    f = text_similarities(mine, theirs)
    f["short"] = float(report.content_words < MIN_WORDS)
    f["codes_same"], f["codes_differ"] = _agreement(mine.codes, _union(theirs, "codes"))
    f["symptom_same"], f["symptom_differ"] = _agreement(mine.symptoms,
                                                        _union(theirs, "symptoms"))
    known = bool(equipment_ids) and bool(incident.equipment_ids)
    shared_machines = equipment_ids & incident.equipment_ids
    f["machine_unknown"] = float(not known)
    f["machine_overlap"] = (
        len(shared_machines) / (len(equipment_ids) * len(incident.equipment_ids)) if known else 0.0
    )
    f["machine_same"] = float(
        known and len(equipment_ids) == 1 and equipment_ids == incident.equipment_ids
    )
    f["machine_differ"] = float(known and not shared_machines)
    f["serial_named"] = float(bool(named_machines & incident.equipment_ids))
    my_sites = {sites[m] for m in equipment_ids if m in sites}
    their_sites = {sites[m] for m in incident.equipment_ids if m in sites}
    f["site_same"] = float(len(my_sites) == 1 and my_sites == their_sites)
    fam_theirs = _families(_union(theirs, "families"), incident.equipment_ids,
                           family_of_machine)
    f["family_same"], f["family_differ"] = _agreement(mine.families, fam_theirs)
    hours = max(hours_since, 0.0)
    f["time_exp"] = math.exp(-hours / 24.0)
    f["time_log"] = math.log1p(hours) / math.log1p(24.0 * 14)
    f["sender_same"] = float(bool(report.who) and report.who in incident.senders)
    f["channel_same"] = float(bool(report.channel) and report.channel == incident.channel)
    f["cue_follow"], f["cue_new"] = float(report.cue == 1.0), float(report.cue == 0.0)
    f["follow_any"], f["new_any"] = (float(x) for x in report.cues)
    f["new_same_machine"] = f["new_any"] * f["machine_same"]
    f["again"] = float(report.again)
    f["automated"] = float(report.automated)
    f["reports"] = min(len(incident.texts), 5) / 5.0
    theirs_numbered = _union(theirs, "numbered")
    f["number_same"], f["number_clash"] = numbered_agreement(mine.numbered, theirs_numbered)
    their_names = _union(theirs, "names")
    f["names_shared"] = min(len(mine.names & their_names), 3) / 3.0
    f["names_new"] = float(bool(mine.names - their_names) and not mine.names & their_names)
    f["contrast"] = float(report.contrast)
    f["kind_differ"] = float(mine.request != any(t.request for t in theirs))
    mine_numbers = {n for _, n in mine.numbered}
    f["number_any"] = float(bool(mine_numbers & {n for _, n in theirs_numbered}))
    f["hours"] = hours
    return f


def with_context(pairs: Sequence[dict[str, float]]) -> list[dict[str, float]]:
    """Add the features that compare each candidate with the others of the same report:
    how far its text similarity is ahead of the best other one, and whether it is alone."""
    out = []
    for n, f in enumerate(pairs):
        others = [p for i, p in enumerate(pairs) if i != n]
        out.append({
            **f,
            "sim_margin": f["ts"] - max(p["ts"] for p in others) if others else 0.0,
            "chargram_margin": (
                f["chargram"] - max(p["chargram"] for p in others) if others else 0.0
            ),
            "only_candidate": float(not others),
            "most_recent": float(all(f["hours"] <= p["hours"] for p in others)),
            # a few "and"s a linear model cannot draw on its own
            "follow_alone": f["cue_follow"] * float(not others),
            "short_alone": f["short"] * float(not others),
            "sender_recent": f["sender_same"] * f["time_exp"],
            "symptom_alone": f["symptom_same"] * float(not others),
            "machine_symptom": f["machine_same"] * f["symptom_same"],
        })
    return out
