"""Table-driven ranking of technicians (backend/domain/routing/scoring.py): each case gives
the job, the technicians, the expected order and the reasons that decided it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

from backend.domain.coverage import CoveredHours, HolidayCalendar
from backend.domain.routing import JobFacts, TechnicianFacts, rank

# Tuesday 2026-06-02 10:00 Madrid (08:00 UTC); Saturday 2026-06-06 10:00 Madrid
TUE = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)
SAT = datetime(2026, 6, 6, 8, 0, tzinfo=UTC)
NIGHT = datetime(2026, 6, 2, 21, 0, tzinfo=UTC)  # 23:00 Madrid
OFFICE = "mon-fri 08:00-16:00"
HOLIDAY = HolidayCalendar.of("aragon", [date(2026, 6, 2)])


def shift(schedule: str = OFFICE, holidays: HolidayCalendar | None = None) -> CoveredHours:
    return CoveredHours.parse("Europe/Madrid", schedule, *(() if holidays is None else (holidays,)))


def tech(tid: str, zone: str = "aragon", skills: str = "compressor", schedule: str = OFFICE,
         load: int = 0, absent: tuple[tuple[date, date], ...] = (),
         holidays: HolidayCalendar | None = None) -> TechnicianFacts:
    return TechnicianFacts(tid, zone, frozenset(skills.split(",")), shift(schedule, holidays),
                           absent, load)


@dataclass
class Case:
    name: str
    job: JobFacts
    techs: list[TechnicianFacts]
    order: list[str]                      # eligible ones, best first
    ineligible: dict[str, str] = field(default_factory=dict)  # id → blocking reason
    first_reasons: tuple[str, ...] = ()   # reason codes the winner must carry


def job(at: datetime = TUE, family: str | None = "compressor", zone: str | None = "aragon",
        due_in: timedelta | None = None, cap: int = 4, urgent: bool = False) -> JobFacts:
    return JobFacts(at, family, zone, at + due_in if due_in else None, cap, urgent)


CASES = [
    Case("single skilled technician", job(), [tech("T-01")], ["T-01"],
         first_reasons=("skill", "same_zone", "on_shift")),
    Case("skill missing excludes", job(), [tech("T-01", skills="copier"), tech("T-02")],
         ["T-02"], {"T-01": "skill_missing"}),
    Case("nobody has the skill", job(family="forklift"), [tech("T-01"), tech("T-02")], [],
         {"T-01": "skill_missing", "T-02": "skill_missing"}),
    Case("no family: skills do not matter", job(family=None),
         [tech("T-02", skills="copier"), tech("T-01")], ["T-01", "T-02"]),
    Case("same zone beats other zone", job(), [tech("T-01", zone="madrid"), tech("T-02")],
         ["T-02", "T-01"], first_reasons=("same_zone",)),
    Case("other zone still eligible", job(), [tech("T-05", zone="cataluna")], ["T-05"],
         first_reasons=("other_zone",)),
    Case("unknown site zone: no penalty", job(zone=None),
         [tech("T-02", zone="madrid"), tech("T-01")], ["T-01", "T-02"]),
    Case("on shift beats off shift", job(),
         [tech("T-01", schedule="mon-fri 16:00-22:00"), tech("T-02")], ["T-02", "T-01"],
         first_reasons=("on_shift",)),
    Case("off shift at night for everybody: earliest shift wins", job(at=NIGHT),
         [tech("T-01", schedule="mon-fri 10:00-18:00"),
          tech("T-02", schedule="mon-fri 06:00-14:00")],
         ["T-02", "T-01"], first_reasons=("nobody_on_shift",)),
    Case("night: the 24x7 on-call technician wins", job(at=NIGHT),
         [tech("T-01"), tech("T-04", schedule="24x7")], ["T-04", "T-01"],
         first_reasons=("on_shift",)),
    Case("weekend: mon-sat technician on shift", job(at=SAT),
         [tech("T-01"), tech("T-03", schedule="mon-sat 07:00-15:00")], ["T-03", "T-01"]),
    Case("holiday in the zone: off for the day", job(),
         [tech("T-01", holidays=HOLIDAY), tech("T-02", zone="madrid")], ["T-02", "T-01"]),
    Case("holiday does not stop 24x7", job(),
         [tech("T-04", schedule="24x7", holidays=HOLIDAY)], ["T-04"],
         first_reasons=("on_shift",)),
    Case("absent today excludes", job(),
         [tech("T-01", absent=((date(2026, 6, 1), date(2026, 6, 5)),)), tech("T-02")],
         ["T-02"], {"T-01": "absent"}),
    Case("absence ended yesterday does not", job(),
         [tech("T-01", absent=((date(2026, 5, 25), date(2026, 6, 1)),))], ["T-01"]),
    Case("absence starts tomorrow does not", job(),
         [tech("T-01", absent=((date(2026, 6, 3), date(2026, 6, 9)),))], ["T-01"]),
    Case("overloaded excludes", job(), [tech("T-01", load=4), tech("T-02", load=1)], ["T-02"],
         {"T-01": "overloaded"}),
    Case("cap is configurable", job(cap=2), [tech("T-01", load=2), tech("T-02")], ["T-02"],
         {"T-01": "overloaded"}),
    Case("lower load wins between equals", job(), [tech("T-01", load=2), tech("T-02", load=1)],
         ["T-02", "T-01"]),
    Case("load beats nothing else: same zone with 2 jobs over other zone idle", job(),
         [tech("T-01", load=2), tech("T-09", zone="madrid")], ["T-01", "T-09"]),
    Case("tight SLA: other zone pays more", job(due_in=timedelta(hours=1)),
         [tech("T-09", zone="madrid"), tech("T-01", load=3)], ["T-01", "T-09"]),
    Case("tight SLA: off shift pays more", job(due_in=timedelta(hours=1)),
         [tech("T-01", schedule="mon-fri 12:00-20:00"), tech("T-02", zone="madrid")],
         ["T-02", "T-01"]),
    Case("not urgent: on shift far beats off shift nearby", job(due_in=timedelta(hours=24)),
         [tech("T-01", schedule="mon-fri 11:00-19:00"), tech("T-09", zone="madrid")],
         ["T-09", "T-01"], first_reasons=("on_shift", "other_zone")),
    Case("urgent: off shift nearby may beat on shift far, and says so",
         job(due_in=timedelta(hours=24), urgent=True),
         [tech("T-01", schedule="mon-fri 11:00-19:00"), tech("T-09", zone="madrid")],
         ["T-01", "T-09"], first_reasons=("off_shift", "urgent_off_shift")),
    Case("not urgent at night: the on-call technician of another zone, not the local one",
         job(at=NIGHT), [tech("T-01"), tech("T-04", zone="madrid", schedule="24x7")],
         ["T-04", "T-01"], first_reasons=("on_shift",)),
    Case("nobody on shift qualifies: off shift offered, and says so", job(at=NIGHT),
         [tech("T-01"), tech("T-04", skills="copier", schedule="24x7")], ["T-01"],
         {"T-04": "skill_missing"}, first_reasons=("off_shift", "nobody_on_shift")),
    Case("next shift after the deadline is penalised", job(at=NIGHT, due_in=timedelta(hours=4)),
         [tech("T-01"), tech("T-04", zone="madrid", schedule="24x7")], ["T-04", "T-01"]),
    Case("ties broken by id", job(), [tech("T-03"), tech("T-02")], ["T-02", "T-03"]),
    Case("several blockers all reported", job(family="hvac"),
         [tech("T-01", load=9, absent=((date(2026, 6, 2), date(2026, 6, 2)),))], [],
         {"T-01": "skill_missing"}),
    Case("multi-skilled technician qualifies", job(family="refrigeration"),
         [tech("T-01", skills="compressor,hvac,refrigeration")], ["T-01"],
         first_reasons=("skill",)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_ranking(case: Case) -> None:
    ranked = rank(case.job, case.techs)
    assert [s.technician_id for s in ranked if s.eligible] == case.order
    blocked = {s.technician_id: [r.code for r in s.reasons] for s in ranked if not s.eligible}
    for tid, code in case.ineligible.items():
        assert code in blocked[tid], blocked
    if case.first_reasons:
        codes = [r.code for r in ranked[0].reasons]
        assert all(code in codes for code in case.first_reasons), codes
    for s in ranked:  # points are the sum of the reasons: every choice explains itself
        assert s.points == sum(r.points for r in s.reasons)


def test_at_least_25_cases() -> None:
    assert len(CASES) >= 25
