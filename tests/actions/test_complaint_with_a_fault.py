"""A complaint that also reports a fault on one of the customer's machines (actions/
followups.py, bot environment, against the real backend): the fault is filed first, the
complaint is recorded on that incident and raised to a person; a complaint naming no fault
files nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.helpers import call, verified_conversation
from tests.helpers.bot_actions import BOT_PYTHON, case, responses, run_cases, slots_set

pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")


async def complain(client: Any, cid: str, text: str, language: str) -> dict[str, Any]:
    [done] = await run_cases(str(client.server.make_url("")).rstrip("/"),
                             [case("actions.followups:ActionRecordComplaint", cid,
                                   intent="complain", text=text, language=language,
                                   verified=True)])
    return done


async def incidents(client: Any, cid: str) -> list[dict[str, Any]]:
    status, body = await call(client, "GET", f"/api/conversations/{cid}/incidents",
                              "actions")
    assert status == 200, body
    return list(body["incidents"])


@pytest.mark.parametrize(("language", "text"), [
    ("es", ("Estoy harto, es la tercera vez este año. La fotocopiadora Ricoh de la planta 1 "
            "vuelve a "
           "fallar: se atasca y no imprime. Quiero que me llame un responsable.")),
    ("en", ("This is not acceptable, your engineer never turned up last time. And now the "
           "Atlas Copco compressor trips and stops every hour. I want to speak to a manager.")),
])
async def test_the_fault_in_a_complaint_is_filed_and_the_complaint_goes_on_it(
        client, language, text):
    cid = await verified_conversation(client)
    before = {i["id"] for i in await incidents(client, cid)}
    done = await complain(client, cid, text, language)
    said = responses(done)
    assert said[0].startswith("utter_incident_created_"), said
    assert "utter_complaint_recorded" in said
    filed = slots_set(done)["filed_incident"]
    assert {i["id"] for i in await incidents(client, cid)} - before == {filed}
    recorded = next(m for m in done["messages"]
                    if m.get("response") == "utter_complaint_recorded")
    assert recorded.get("incident_id") == filed


@pytest.mark.parametrize(("language", "text"), [
    ("es", ("El técnico llegó tarde y fue muy maleducado con nuestro personal, quiero poner "
           "una queja.")),
    ("en", "the staff in the canteen keep complaining about it, it still isn't working right"),
])
async def test_a_complaint_naming_no_machine_of_theirs_files_nothing(client, language, text):
    """No machine named firmly: a complaint about the one reported before, or about no
    fault, is recorded, not filed as a new incident."""
    cid = await verified_conversation(client)
    before = await incidents(client, cid)
    done = await complain(client, cid, text, language)
    assert not any(r.startswith("utter_incident_created_") for r in responses(done))
    assert await incidents(client, cid) == before
