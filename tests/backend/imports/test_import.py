"""`avisa import` and POST /api/admin/import: a company's data with open incidents, their
history, booked visits and ordered parts; every bad row reported, nothing written then;
running it again changes nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import csv
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from backend.adapters.db import create_engine, session_factory
from backend.adapters.orm import (
    Contact,
    Customer,
    Equipment,
    Incident,
    IncidentEvent,
    IncidentPart,
    IncidentVisit,
    Site,
    Technician,
)
from backend.adapters.orm.dispatch import Dispatch
from backend.entrypoints.cli import main as cli
from backend.services.platform.imports.run import ImportRejected, import_files
from tests.backend.helpers import call
from tests.helpers.import_fixture import EBRO, ebro_document

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=UTC)
TABLES = (Customer, Site, Contact, Equipment, Incident, IncidentEvent, IncidentVisit,
          IncidentPart, Dispatch)


async def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return {t.__tablename__: int(await session.scalar(
                select(func.count()).select_from(t)) or 0) for t in TABLES}
    finally:
        await engine.dispose()


async def rows(url: str, query: Any) -> list[Any]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return list((await session.execute(query)).scalars())
    finally:
        await engine.dispose()


async def test_import_keeps_numbers_history_visits_parts_and_runs_again_unchanged(db_url):
    imported = await import_files(db_url, [EBRO], lambda: NOW)
    assert imported["incidents"] == 2 and imported["visits"] == 1 and imported["parts"] == 1
    first = await counts(db_url)
    incidents = {i.reference: i for i in await rows(db_url, select(Incident))}
    lathe = incidents["OT-2024-0117"]
    assert lathe.id.startswith("INC-") and lathe.state == "acknowledged"
    assert lathe.created_at == datetime(2026, 12, 7, 7, 30, tzinfo=UTC)  # 08:30 in Madrid
    assert incidents["NG-5531"].priority in ("normal", "medium")
    families = {e.id: e.family for e in await rows(db_url, select(Equipment))}
    assert families == {"EQ-9001": "cnc_lathe", "EQ-9002": "generators"}
    skills = {t.id: t.skills for t in await rows(db_url, select(Technician))}
    assert skills == {"T-91": ["cnc_lathe"], "T-92": ["generators"]}  # spelled as families
    zones = {s.id: s.zone for s in await rows(db_url, select(Site))}
    assert zones == {"S-9001-1": "navarra", "S-9002-1": "united_kingdom_north"}
    marta = (await rows(db_url, select(Contact).where(Contact.name == "Marta Gil")))[0]
    assert marta.telegram_username == "marta_ebro" and marta.preferred
    visit = (await rows(db_url, select(IncidentVisit)))[0]
    assert (visit.incident_id, visit.technician_id, visit.state) == (lathe.id, "T-91", "booked")
    assert visit.starts_at == datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
    part = (await rows(db_url, select(IncidentPart)))[0]
    assert (part.part_number, part.quantity, part.state, str(part.expected_on)) == (
        "SKF-7014", 2, "ordered", "2026-12-09")
    notes = [e.note for e in await rows(db_url, select(IncidentEvent).where(
        IncidentEvent.incident_id == lathe.id, IncidentEvent.kind == "history")
        .order_by(IncidentEvent.at))]
    assert notes == ["Llamada de Marta: vibración fuerte en el cabezal",
                     "Diagnóstico remoto: rodamiento del husillo"]
    offers = {d.technician_id: d.state for d in await rows(db_url, select(Dispatch))}
    assert offers == {"T-91": "accepted", "T-92": "offered"}

    again = await import_files(db_url, [EBRO], lambda: NOW)
    assert again == imported and await counts(db_url) == first
    assert {i.reference: i.id for i in await rows(db_url, select(Incident))} == {
        r: i.id for r, i in incidents.items()}


def _edit(folder: Path, name: str, row: int, **cells: str) -> None:
    path = folder / name
    with path.open(encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    table[row - 2].update(cells)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)


async def test_every_bad_row_is_reported_and_nothing_is_written(db_url, tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(EBRO, folder)
    _edit(folder, "incidents.csv", 3, priority="urgentísimo", state="closed")
    _edit(folder, "visits.csv", 2, ends_at="2026-12-10T08:00")
    _edit(folder, "parts.csv", 2, incident="OT-9999", quantity="-1")
    _edit(folder, "contacts.csv", 2, telegram_username="@x")
    _edit(folder, "equipment.csv", 3, customer="C-0404")
    with pytest.raises(ImportRejected) as rejected:
        await import_files(db_url, [folder], lambda: NOW)
    found = {(p.file, p.row, p.reason.split(":")[0]) for p in rejected.value.problems}
    assert found == {
        ("incidents.csv", 3, "'priority'"), ("incidents.csv", 3, "'state'"),
        ("visits.csv", 2, "ends_at must be after starts_at"),
        ("parts.csv", 2, "'quantity'"),
        ("contacts.csv", 2, "'telegram_username'"),
        ("equipment.csv", 3, "unknown customer 'C-0404'"),
        ("equipment.csv", 3, "site 'S-9002-1' is not a site of C-0404"),
    }
    assert all(n == 0 for n in (await counts(db_url)).values())


async def test_cli_prints_every_problem_and_exits_2(tmp_path, monkeypatch, capsys):
    def run(*argv: str) -> int:  # the CLI runs its own event loop: in a thread
        return int(cli.main(list(argv)))

    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("AVISA_TOKENS_FILE", str(tmp_path / "none.env"))
    assert await asyncio.to_thread(run, "db", "upgrade") == 0
    folder = tmp_path / "data"
    shutil.copytree(EBRO, folder)
    (folder / "machines.csv").write_text("id\nX\n", encoding="utf-8")
    _edit(folder, "history.csv", 3, at="yesterday")
    assert await asyncio.to_thread(run, "import", str(folder)) == 2
    err = capsys.readouterr().err
    assert "error: machines.csv: unknown kind 'machines'" in err
    assert "error: history.csv row 3: 'at': expected a date and time" in err
    assert "nothing imported: 2 problem(s)" in err
    (folder / "machines.csv").unlink()
    _edit(folder, "history.csv", 3, at="2026-12-07T12:10")
    assert await asyncio.to_thread(run, "import", str(folder)) == 0
    assert "2 incidents" in capsys.readouterr().out


async def test_api_imports_json_for_admins_only_and_answers_every_problem(backend_client):
    document = ebro_document()
    status, body = await call(backend_client, "POST", "/api/admin/import", "agents",
                              json=document)
    assert status == 403, body
    bad = {**document, "visits": [{**document["visits"][0], "technician": "T-00"}]}
    status, body = await call(backend_client, "POST", "/api/admin/import", json=bad)
    assert status == 400 and body["error"]["problems"] == [
        {"file": "body visits", "row": 1, "reason": "unknown technician 'T-00'"}]
    status, body = await call(backend_client, "POST", "/api/admin/import", json=document)
    assert status == 200, body
    assert body["imported"]["incidents"] == 2 and body["imported"]["contacts"] == 2
