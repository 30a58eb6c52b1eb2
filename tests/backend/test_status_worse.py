"""A status question that also says the fault got worse (actions/status.py, bot environment,
against the real backend): the incident's priority is raised and the words noted on it; a
plain status question, or one that says nothing worse than what is known, changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.followups.test_api_followups import report
from tests.backend.helpers import call, verified_conversation
from tests.helpers.bot_actions import BOT_PYTHON, case, run_cases

pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")


async def priority(client: Any, incident: str) -> str:
    _, body = await call(client, "GET", f"/api/incidents/{incident}", "agents")
    return str(body["priority"])


async def status(client: Any, cid: str, text: str) -> None:
    await run_cases(str(client.server.make_url("")).rstrip("/"),
                    [case("actions.status:ActionCheckStatus", cid, intent="check_status",
                          text=text)])


async def test_a_status_question_saying_it_got_worse_raises_the_priority(client: Any) -> None:
    cid = await verified_conversation(client)
    incident = await report(client, cid, "el compresor hace un ruido raro")
    assert await priority(client, incident) == "high"
    await status(client, cid, "alguna novedad? ya no arranca")  # high: nothing worse
    assert await priority(client, incident) == "high"
    await status(client, cid, "y ahora estamos desalojando la nave, hay humo. viene alguien?")
    assert await priority(client, incident) == "critical"
    await status(client, cid, "alguna novedad?")
    assert await priority(client, incident) == "critical"
    _, listed = await call(client, "GET", "/api/incidents?customer=C-1001", "agents")
    assert [i["id"] for i in listed["incidents"] if i["state"] != "cancelled"] == [incident]


async def test_a_status_question_that_asks_for_a_call_keeps_the_call_back(client: Any) -> None:
    cid = await verified_conversation(client)
    incident = await report(client, cid, "el compresor hace un ruido raro")
    await status(client, cid, "viene alguien hoy? q me marque el tecnico antes, al 611 22 33 "
                              "44, mejor entre las 16 y las 18h")
    _, listed = await call(client, "GET", "/api/callbacks?customer=C-1001", "agents")
    assert [(c["number"], c["window"], c["incident_id"]) for c in listed["callbacks"]] == [
        ("611223344", "16:00-18:00", incident)]
