"""The verification form (actions/verification.py, bot environment) against the real backend:
an unknown sender who gives the customer code and a registered address inside a whole
e-mail, the address well past its first lines, is verified at once (no code sent)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.helpers import call, inbound
from tests.helpers.bot_actions import BOT_PYTHON, case, run_cases, slots_set

pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")

MAIL = ("Asunto: Compresor nave 2\n\nBuenos días:\n\nLes escribo desde mi correo personal "
        "porque el de la oficina nos está dando problemas hoy y no sabemos cuándo volverá. "
        "Disculpen las molestias. Soy Pedro Gil, del taller, número de cliente C-1001. Mi "
        "correo registrado con ustedes es pedro.gil@talleresebro.es.\n\nEl compresor de la "
        "nave 2 pierde aceite desde el lunes.\n\nUn saludo,\nPedro Gil")


async def test_a_code_and_a_registered_address_deep_in_a_mail_verify(client: Any) -> None:
    assert MAIL.index("@") > 200  # past where the factor used to be cut
    cid = (await inbound(client, "email", "pedro.personal@example.com", MAIL))["conversation_id"]
    [outcome] = await run_cases(
        str(client.server.make_url("")).rstrip("/"),
        [case("actions.verification:ValidateVerificationForm", cid, intent="report_problem",
              text=MAIL, form="verification_form", call="validate_customer_code",
              requested_slot="customer_code")])
    assert slots_set(outcome).get("verified") is True, outcome
    _, identity = await call(client, "GET", f"/api/conversations/{cid}/identity", "actions")
    assert identity["verified"] is True and identity["customer"]["code"] == "C-1001"


async def test_a_code_and_a_serial_outside_the_form_verify(client: Any) -> None:
    """Typed before anything asked ("Customer code C-1001. Serial off the compressor is SN
    48213"), a message the NLU did not place: checked at once, the customer welcomed."""
    cid = (await inbound(client, "sms", "+34600000999", "hi"))["conversation_id"]
    text = "Customer code C-1001. Serial off the compressor is SN 48213"
    [outcome] = await run_cases(
        str(client.server.make_url("")).rstrip("/"),
        [case("actions.followups:ActionFallbackHandoff", cid, intent="nlu_fallback",
              text=text)])
    assert slots_set(outcome).get("verified") is True, outcome
    assert [m.get("response") for m in outcome["messages"]] == ["utter_verified_welcome"]
    _, identity = await call(client, "GET", f"/api/conversations/{cid}/identity", "actions")
    assert identity["verified"] is True
