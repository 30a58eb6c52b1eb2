"""Issue #8, acceptance 3: exported training data passes `rasa data validate` and contains
no phone number or e-mail address from a conversation.

Conversations are stored through POST /api/messages/inbound (as the gateway does),
labelled through the admin API (one label is a NEW intent typed by the admin), exported
into a scratch copy of bot/ (the repository's bot/data is never written), then:
- no phone, e-mail, name, customer code, serial or code typed by a customer appears in
  the generated files, and the only digit runs left are placeholders (600 000 000, 0000);
- the files look hand-written: one per feature, `version: "3.1"`, `- intent:` /
  `examples: |`, and the new intent is declared in domain/labelled_intents.yml;
- `rasa data validate` (the Makefile's flags, .venv/bot) passes on the copy and does not
  warn about an intent missing from the domain.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from backend.api.routes_admin_nlu import NLU_CONFIG
from backend.services.nlu.config import ROOT, NluConfig
from tests.backend.helpers import call, inbound

RASA = ROOT / ".venv" / "bot" / "bin" / "rasa"

# (channel, address, text, intent or None for discard, entity spans as (value, entity))
CONVERSATIONS: list[tuple[str, str, str, str | None, list[tuple[str, str]]]] = [
    ("sms", "+34976123456",
     "Hola, soy Marta Lázaro, la fotocopiadora SN-48213 se atasca. Llamadme al +34 612 34 56 78",
     "report_problem", [("SN-48213", "serial_number")]),
    ("sms", "+34976123456",
     "marta lázaro gil otra vez: mi móvil es 612345678 y el fijo 976 12 34 56",
     "inform", [("612345678", "phone_number")]),
    ("email", "Alice.Grey@northwind.example",
     ("Hi, my name is Alice Grey. The freezer in the warehouse is at twelve degrees. Call me on "
      "+1-202-555-0143 or (555) 123-4567.\n\nRegards,\nAlice Grey\nUPPER@EXAMPLE.COM"),
     "report_problem", []),
    ("email", "Alice.Grey@northwind.example",
     ("Could you send me a copy of the last invoice to first.last+tag@sub.example.co.uk? "
      "My customer code is C-1002"), "ask_invoice_copy", [("C-1002", "customer_code")]),
    ("sms", "+34699111222",
     ("me llamo Íñigo Etxeberria, mi teléfono es 0034 699 11 12 22, "
      "¿cómo va la incidencia INC-4521?"),
     "check_status", [("INC-4521", "incident_id")]),
    ("sms", "+34699111222",
     "necesito una copia de la factura de marzo, enviadla a iñigo.etx@correo.example.es",
     "ask_invoice_copy", []),
    ("telegram", "100200301", "el código que me ha llegado es 482913", "inform",
     [("482913", "otp_code")]),
    ("telegram", "100200301", "mi código de cliente es C-1001 y me llamo Pedro Gil", "inform",
     [("C-1001", "customer_code"), ("Pedro Gil", "person")]),
    ("web", "w-test-1",
     "This is Bob Stone, phone 0044 20 7946 0958, the printer shows error E42 and stops",
     "report_problem", []),
    ("web", "w-test-1", "+1 (202) 555-0199", "inform", []),
    ("web", "w-test-1", "asdf 654 321 987 bob.stone@example.org", None, []),
]
PERSONAL = ["+34 612 34 56 78", "612345678", "976 12 34 56", "+34976123456",
            "+1-202-555-0143", "(555) 123-4567", "0034 699 11 12 22", "0044 20 7946 0958",
            "+1 (202) 555-0199", "654 321 987", "alice.grey@northwind.example",
            "UPPER@EXAMPLE.COM", "first.last+tag@sub.example.co.uk",
            "iñigo.etx@correo.example.es", "bob.stone@example.org", "marta.lazaro",
            "Marta", "Lázaro", "Gil", "Alice", "Grey", "Íñigo", "Etxeberria", "Pedro", "Bob",
            "Stone", "C-1001", "C-1002", "SN-48213", "INC-4521", "482913"]

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
              pytest.mark.skipif(not RASA.exists(), reason="no .venv/bot (make env)")]


def _scratch_bot(tmp: Path) -> Path:
    bot = tmp / "bot"
    shutil.copytree(ROOT / "bot", bot, ignore=shutil.ignore_patterns(
        ".rasa", "models", "__pycache__", "labelled_*.yml"))
    return bot


async def _store_and_label(client: Any) -> None:
    for channel, address, text, intent, spans in CONVERSATIONS:
        stored = await inbound(client, channel, address, text)
        mid = stored["message_id"]
        status, _ = await call(client, "POST", "/api/messages/outbound", "gateway",
                               json={"conversation_id": stored["conversation_id"],
                                     "text": "¿Algo más?"})
        assert status == 201
        entities = [{"start": text.index(v), "end": text.index(v) + len(v), "entity": e}
                    for v, e in spans]
        body = {"discard": True} if intent is None else {"intent": intent, "entities": entities}
        status, out = await call(client, "POST", f"/api/admin/nlu/messages/{mid}/label", json=body)
        assert status == 200, out


async def _validate(bot: Path) -> tuple[int, str]:
    """The Makefile's `validate` target, run on the scratch copy."""
    env = {**os.environ, "PYTHONPATH": f".:{ROOT}"}
    proc = await asyncio.create_subprocess_exec(
        str(RASA), "data", "validate", "--domain", "domain", "--data", "data",
        "--config", "config.yml", cwd=bot, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=600)
    return int(proc.returncode or 0), out.decode(errors="replace")


def _assert_looks_hand_written(path: Path, intents: set[str]) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith('version: "3.1"\n'), text
    data = yaml.safe_load(text)
    assert data["version"] == "3.1" and {i["intent"] for i in data["nlu"]} == intents
    for item in data["nlu"]:
        intent = item["intent"]
        assert re.search(rf"^- intent: {intent}\n  examples: \|\n    - ", text, re.MULTILINE)
        assert all(line.startswith("- ") for line in item["examples"].splitlines())


async def test_export_has_no_personal_data_and_passes_rasa_validate(client: Any,
                                                                     tmp_path: Path) -> None:
    bot = _scratch_bot(tmp_path)
    before = {p: p.read_bytes() for p in (bot / "data" / "nlu").glob("*.yml")}
    client.server.app[NLU_CONFIG] = NluConfig(("http://rasa.invalid",), "t", root=tmp_path)
    await _store_and_label(client)

    status, preview = await call(client, "GET", "/api/admin/nlu/export")
    assert status == 200 and preview["written"] is False and preview["labelled"] == 10
    assert preview["changes"] == {"data/nlu/labelled_inform.yml": "new",
                                  "data/nlu/labelled_new.yml": "new",
                                  "data/nlu/labelled_problems.yml": "new",
                                  "data/nlu/labelled_status.yml": "new",
                                  "domain/labelled_intents.yml": "new"}
    assert not list(bot.glob("*/labelled_*.yml")) and not list(bot.glob("*/*/labelled_*.yml"))

    status, done = await call(client, "POST", "/api/admin/nlu/export", json={})
    assert status == 200 and done["written"] is True
    assert done["files"] == {"labelled_inform.yml": 4, "labelled_new.yml": 2,
                             "labelled_problems.yml": 3, "labelled_status.yml": 1}
    assert done["new_intents"] == ["ask_invoice_copy"] and "rule" in done["note"]

    generated = sorted((bot / "data" / "nlu").glob("labelled_*.yml"))
    exported = "\n".join(p.read_text(encoding="utf-8") for p in generated)
    exported += (bot / "domain" / "labelled_intents.yml").read_text(encoding="utf-8")
    for value in PERSONAL:
        assert value.lower() not in exported.lower(), value
    runs = set(re.findall(r"\d{3,}", exported))  # E42, an error code, may stay
    assert runs <= {"600", "000", "0000", "00000", "000000"}, runs
    for text in (c[2] for c in CONVERSATIONS):
        for run in re.findall(r"\d{3,}", text):
            assert run not in exported, run
    assert "[SN-00000](serial_number)" in exported and "[C-0000](customer_code)" in exported
    assert "600 000 000" in exported and "cliente@example.com" in exported

    for name, intents in {"inform": {"inform"}, "new": {"ask_invoice_copy"},
                          "problems": {"report_problem"}, "status": {"check_status"}}.items():
        _assert_looks_hand_written(bot / "data" / "nlu" / f"labelled_{name}.yml", intents)
    domain = yaml.safe_load((bot / "domain" / "labelled_intents.yml").read_text(encoding="utf-8"))
    assert domain == {"version": "3.1", "intents": ["ask_invoice_copy"]}
    assert {p: p.read_bytes() for p in before} == before  # hand-written files untouched

    status, again = await call(client, "GET", "/api/admin/nlu/export")
    assert set(again["changes"].values()) == {"unchanged"}

    code, output = await _validate(bot)
    assert code == 0, output[-3000:]
    assert "not listed in your domain" not in output, output[-3000:]
    complaint = re.search(r"labelled_\w+\.yml.*(?:error|invalid)", output, re.IGNORECASE)
    assert not complaint, output[-3000:]
