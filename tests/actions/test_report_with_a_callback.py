"""A report that asks to be rung back in the same message (actions/incident.py, bot
environment, against the real backend): the incident is filed and the call-back kept with
its number and window; a report that asks for no call files the incident only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.helpers import verified_conversation
from tests.helpers.bot_actions import BOT_PYTHON, case, responses, run_cases

pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")


async def file_report(client: Any, text: str, language: str) -> dict[str, Any]:
    cid = await verified_conversation(client)
    [done] = await run_cases(str(client.server.make_url("")).rstrip("/"), [
        case("actions.incident:ActionCreateIncident", cid, intent="report_problem", text=text,
             language=language, verified=True, equipment_id="EQ-0002", symptom=text,
             urgency="high")])
    return done


@pytest.mark.parametrize(("language", "text", "window"), [
    ("es", ("La Ricoh de la planta 1 se atasca y no imprime. Que me llame el técnico "
           "al 655 321 987 de 10 a 12, por favor."), "de 10:00 a 12:00"),
    ("en", ("The Ricoh copier on floor 1 jams and won't print. Please ring me on "
           "07700 900321 between 2 and 4pm."), "14:00-16:00"),
])
async def test_the_call_back_asked_in_a_report_is_kept(client, language, text, window):
    done = await file_report(client, text, language)
    said = responses(done)
    assert said[0].startswith("utter_incident_created_"), said
    kept = next(m for m in done["messages"] if m.get("response") == "utter_callback_recorded")
    assert kept.get("window") == window


async def test_a_report_asking_for_no_call_keeps_none(client):
    done = await file_report(client, "La Ricoh de la planta 1 no imprime, la apagué ayer y nada",
                             "es")
    assert not any(r.startswith("utter_callback") for r in responses(done))
