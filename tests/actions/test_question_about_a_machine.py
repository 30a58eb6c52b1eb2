"""A question read as a report that names a machine with an open fault is a question about
that fault (actions/identity.py, bot environment, against the real backend): its status is
told, not "outside what I can do"; a question about nothing of theirs still is."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.followups.test_api_followups import report
from tests.backend.helpers import verified_conversation
from tests.helpers.bot_actions import BOT_PYTHON, case, run_cases

pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")


async def check_identity(client: Any, cid: str, text: str) -> dict[str, Any]:
    [done] = await run_cases(str(client.server.make_url("")).rstrip("/"),
                             [case("actions.identity:ActionCheckIdentity", cid,
                                   intent="report_problem", text=text)])
    return done


async def test_a_question_about_a_machine_with_an_open_fault_is_told_its_status(client):
    cid = await verified_conversation(client)
    await report(client, cid, "el atlas copco pierde aceite")
    done = await check_identity(client, cid,
                                "hola, lo del atlas copco de malpica, ya lo teniais apuntado?")
    assert [m.get("response") for m in done["messages"]] == [None]  # the status, as text
    assert any(e.get("event") == "followup" and e.get("name") == "action_listen"
               for e in done["result"])  # the turn ends: no report started


async def test_a_question_about_nothing_of_theirs_is_out_of_scope(client):
    cid = await verified_conversation(client)
    await report(client, cid, "el atlas copco pierde aceite")
    done = await check_identity(client, cid, "por cierto, vendeis tambien carretillas nuevas?")
    assert [m.get("response") for m in done["messages"]] == ["utter_out_of_scope"]


async def test_a_question_read_as_a_booking_that_asks_for_no_service_books_nothing(client):
    """"do you also sell new forklifts?" read as a maintenance request is out of scope; a
    booking asked as a question is not."""
    cid = await verified_conversation(client)
    url = str(client.server.make_url("")).rstrip("/")
    [sell, book] = await run_cases(url, [
        case("actions.identity:ActionCheckIdentity", cid, intent="request_maintenance",
             text="por cierto, vendeis tambien carretillas nuevas? la nuestra es vieja"),
        case("actions.identity:ActionCheckIdentity", cid, intent="request_maintenance",
             text="could you book a service for both compressors next week?")])
    assert [m.get("response") for m in sell["messages"]] == ["utter_out_of_scope"]
    assert book["messages"] == []
