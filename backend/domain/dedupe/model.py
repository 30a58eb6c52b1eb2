"""What the duplicate check reads and returns: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backend.domain.dedupe.analysis import TextAnalysis


# (str, Enum), not StrEnum: StrEnum would change what str() and format() give.
class Outcome(str, Enum):  # noqa: UP042
    MERGE = "merge"  # attach the report to the incident
    ASK = "ask"  # ask the customer whether it is about the incident
    NEW = "new"  # open a new incident


class IncidentStatus(str, Enum):  # noqa: UP042
    OPEN = "open"  # any state before resolved (new, assigned, in progress...)
    RESOLVED = "resolved"  # resolved or closed: a candidate for recurrence only


@dataclass(frozen=True)
class Machine:
    """One of the customer's machines. `label` is free text: a type ("air
    compressor"), a family, a model or a description, or all of them joined."""

    id: str
    label: str
    serial: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Report:
    """A problem report as it arrives, before any incident exists for it."""

    customer: str
    text: str
    at: datetime
    channel: str
    sender: str = ""
    serial: str | None = None  # a serial the customer gave in a form field
    equipment_id: str | None = None  # when the bot already knows the machine


@dataclass(frozen=True)
class IncidentView:
    """An incident of the customer as the duplicate check sees it.

    `texts` are the texts of the reports attached to it (first one first);
    `equipment_ids` the machines it may be about (one when known, empty when
    nothing is known)."""

    id: str
    customer: str
    status: IncidentStatus
    texts: tuple[str, ...]
    equipment_ids: frozenset[str]
    opened_at: datetime
    last_report_at: datetime
    channel: str = ""
    resolved_at: datetime | None = None
    senders: frozenset[str] = frozenset()  # who reported it (addresses or names)
    # the stored analysis of each text where there is one (`analysis.analyses_of`)
    analyses: tuple[TextAnalysis | None, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Scored:
    """One candidate incident with its score in [0, 1] and the reasons behind it."""

    incident_id: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    score: float
    incident_id: str | None = None  # the incident to merge into or to ask about
    reasons: tuple[str, ...] = ()
    recurrence_of: str | None = None  # a recently resolved incident this repeats
    equipment_ids: frozenset[str] = frozenset()  # machines the report may be about
    ranked: tuple[Scored, ...] = field(default=(), compare=False)
