"""Verification by a customer code plus a machine serial or a registered e-mail (issue 13 §4),
through the API: typed as people type them; the answer never tells an unknown customer code
from a wrong factor; three wrong attempts (one-time codes included) lock the conversation."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.backend.helpers import call, inbound

CODE = re.compile(r"\b(\d{6})\b")
FACTOR = "/api/conversations/{}/verification/factor"


async def web(client: Any, session: str) -> str:
    return str((await inbound(client, "web", session))["conversation_id"])


async def factor(client: Any, cid: str, code: str, typed: str) -> tuple[int, Any]:
    return await call(client, "POST", FACTOR.format(cid), "actions",
                      json={"customer_code": code, "factor": typed})


async def identity(client: Any, cid: str) -> dict[str, Any]:
    _, body = await call(client, "GET", f"/api/conversations/{cid}/identity", "actions")
    return dict(body)


@pytest.mark.parametrize(("code", "typed"), [
    ("C-1001", "sn48213"),            # SN-48213 as typed off the plate
    ("c-1001", "SN 48213"),
    ("C-1001", "cmp.2291.x"),
    ("C-1002", "FRG-7781"),
    ("C-1002", " alice.grey@NORTHWIND.example "),  # a registered address, any case
    ("C-1001", "pedro.gil@talleresebro.es"),        # not the preferred contact's
    ("C-1001", "en la pegatina pone SN 48213 creo"),  # in a sentence
    ("C-1002", "my colleague's is alice.grey@northwind.example, if that helps"),
    # a whole e-mail, far longer than a code: the address, then the fault it is about
    ("C-1001", ("Buenos días:\n\nLes escribo desde mi correo personal porque el de la "
               "oficina no va hoy. Soy Pedro Gil, número de cliente . Mi correo registrado "
               "con ustedes es pedro.gil@talleresebro.es.\n\nEl compresor GA 30 de la nave 2 "
               "pierde aceite desde el lunes y hace un ruido metálico al arrancar; de momento "
               "sigue dando aire, pero cada vez tarda más en cargar.\n\nUn saludo,\nPedro")),
])
async def test_a_customer_code_and_its_own_factor_verify(client: Any, code: str,
                                                         typed: str) -> None:
    cid = await web(client, f"f-{typed.strip()}"[:60])
    status, body = await factor(client, cid, code, typed)
    assert status == 200, body
    assert body["verified"] is True
    assert body["customer"]["code"] == code.upper()
    found = await identity(client, cid)
    assert found["verified"] is True and found["customer"]["code"] == code.upper()


async def test_unknown_codes_and_wrong_factors_get_the_same_answer(client: Any) -> None:
    answers = []
    for n, (code, typed) in enumerate([
        ("C-1001", "FRG-7781"),                      # another customer's serial
        ("C-9999", "FRG-7781"),                      # no such customer
        ("C-1002", "marta.lazaro@talleresebro.es"),  # another customer's address
        ("C-1001", "12"),                            # too short to be a serial
    ]):
        cid = await web(client, f"wrong-{n}")
        status, body = await factor(client, cid, code, typed)
        answers.append((status, body["error"]["code"], body["error"].get("attempts_left")))
        assert (await identity(client, cid))["verified"] is False
    assert answers == [(400, "wrong_code", 2)] * 4


async def test_the_third_wrong_attempt_locks_codes_and_factors_alike(client: Any) -> None:
    cid = await web(client, "three-strikes")
    await call(client, "POST", f"/api/conversations/{cid}/verification", "actions",
               json={"customer_code": "C-1001"})
    _, claimed = await call(client, "POST", "/api/outbox/claim", "gateway", json={"limit": 5})
    [sent] = [CODE.search(i["text"]).group(1)  # type: ignore[union-attr]
              for i in claimed["items"] if i["kind"] == "otp"]
    wrong = f"{(int(sent) + 1) % 10**6:06d}"
    status, body = await call(client, "POST", f"/api/conversations/{cid}/verification/check",
                              "actions", json={"code": wrong})
    assert (status, body["error"]["attempts_left"]) == (400, 2)
    first = await factor(client, cid, "C-1001", "XX-0000")
    assert (first[0], first[1]["error"]["attempts_left"]) == (400, 1)
    second = await factor(client, cid, "C-1001", "YY-1111")
    assert second[0] == 423, second
    status, _ = await factor(client, cid, "C-1001", "SN-48213")  # even the right one now
    assert status == 423
    found = await identity(client, cid)
    assert found["verified"] is False and found["locked"] is True
