"""Ranking the technicians of a queue for one job (pure).

Points, each recorded as a `Reason` so the choice can be explained:

| fact                                         | effect                      |
|----------------------------------------------|-----------------------------|
| equipment family not among the skills        | not eligible (skill_missing)|
| absent on the job's local date               | not eligible (absent)       |
| open jobs >= the cap                         | not eligible (overloaded)   |
| family among the skills                      | +50 skill                   |
| site in the technician's zone / another zone | +40 same_zone / -30 other_zone |
| on shift now                                 | +30 on_shift                |
| off shift (or holiday): next shift in h hours| -10 - 2·h (cap -50) off_shift / holiday |
| next shift starts after the response deadline| -60 shift_after_deadline    |
| each open job                                | -10 load                    |
| tight SLA (< 2 h to the response deadline):  |                             |
|   another zone / off shift                   | -40 tight_sla_far / tight_sla_off_shift |

Eligible technicians come first, by points, then fewer open jobs, then id — except that
work nobody marked urgent goes to a technician on shift whenever one qualifies (the zone
never outweighs the calendar); an off-shift technician is offered non-urgent work only
when nobody on shift qualifies, and the choice says so (`nobody_on_shift`). Urgent work
(`JobFacts.urgent`) is ranked by points alone (`urgent_off_shift` when the best is off
shift).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from backend.domain.coverage.business_time import CoveredHours

TIGHT_SLA = timedelta(hours=2)


@dataclass(frozen=True)
class Reason:
    code: str
    points: int = 0
    detail: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "points": self.points, "detail": self.detail}


@dataclass(frozen=True)
class TechnicianFacts:
    id: str
    zone: str
    skills: frozenset[str]
    shift: CoveredHours | None = None  # with the zone's holidays; None: always available
    absences: tuple[tuple[date, date], ...] = ()  # inclusive local dates
    open_jobs: int = 0


@dataclass(frozen=True)
class JobFacts:
    at: datetime
    family: str | None = None
    zone: str | None = None
    response_due: datetime | None = None
    max_open_jobs: int = 4
    urgent: bool = False


@dataclass(frozen=True)
class Scored:
    technician_id: str
    eligible: bool
    points: int
    reasons: tuple[Reason, ...] = field(default=())
    open_jobs: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"technician_id": self.technician_id, "eligible": self.eligible,
                "points": self.points, "open_jobs": self.open_jobs,
                "reasons": [r.as_dict() for r in self.reasons]}


def _blockers(job: JobFacts, tech: TechnicianFacts, day: date) -> list[Reason]:
    out = []
    if job.family and job.family not in tech.skills:
        out.append(Reason("skill_missing", 0, job.family))
    if any(first <= day <= last for first, last in tech.absences):
        out.append(Reason("absent", 0, day.isoformat()))
    if tech.open_jobs >= job.max_open_jobs:
        out.append(Reason("overloaded", 0, f"{tech.open_jobs}/{job.max_open_jobs}"))
    return out


def _calendar(job: JobFacts, tech: TechnicianFacts, tight: bool) -> list[Reason]:
    shift = tech.shift
    if shift is None or shift.is_open(job.at):
        return [Reason("on_shift", 30)]
    start = shift.add(job.at, 0)
    hours = int((start - job.at).total_seconds() // 3600)
    code = "holiday" if shift.is_holiday(job.at) else "off_shift"
    out = [Reason(code, -min(10 + 2 * hours, 50), f"next shift {start.isoformat()}")]
    if job.response_due is not None and start > job.response_due:
        out.append(Reason("shift_after_deadline", -60, job.response_due.isoformat()))
    if tight:
        out.append(Reason("tight_sla_off_shift", -40))
    return out


def score(job: JobFacts, tech: TechnicianFacts) -> Scored:
    day = tech.shift.local_date(job.at) if tech.shift else job.at.date()
    blockers = _blockers(job, tech, day)
    if blockers:
        return Scored(tech.id, False, 0, tuple(blockers), tech.open_jobs)
    tight = job.response_due is not None and job.response_due - job.at < TIGHT_SLA
    reasons: list[Reason] = []
    if job.family:
        reasons.append(Reason("skill", 50, job.family))
    if job.zone is None or job.zone == tech.zone:
        reasons.append(Reason("same_zone", 40, tech.zone))
    else:
        reasons.append(Reason("other_zone", -30, f"{tech.zone}≠{job.zone}"))
        if tight:
            reasons.append(Reason("tight_sla_far", -40))
    reasons += _calendar(job, tech, tight)
    if tech.open_jobs:
        reasons.append(Reason("load", -10 * tech.open_jobs, str(tech.open_jobs)))
    return Scored(tech.id, True, sum(r.points for r in reasons), tuple(reasons), tech.open_jobs)


def on_shift(s: Scored) -> bool:
    return any(r.code == "on_shift" for r in s.reasons)


def rank(job: JobFacts, technicians: list[TechnicianFacts]) -> list[Scored]:
    scored = [score(job, tech) for tech in technicians]
    ranked = sorted(scored, key=lambda s: (not s.eligible, not job.urgent and not on_shift(s),
                                           -s.points, s.open_jobs, s.technician_id))
    if ranked and ranked[0].eligible and not on_shift(ranked[0]):
        code = "urgent_off_shift" if job.urgent else "nobody_on_shift"
        detail = ("urgent: offered off shift" if job.urgent else
                  "offered off shift: nobody on shift qualifies")
        first = ranked[0]
        ranked[0] = replace(first, reasons=(*first.reasons, Reason(code, 0, detail)))
    return ranked
