"""CLI commands: db upgrade, demo load, tokens ensure, incidents show; settings from env."""

import stat
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from backend.adapters.db import create_engine
from backend.config import Settings, SettingsError
from backend.entrypoints.cli import main as cli
from backend.services.platform.demo_data import DemoDataError
from backend.services.platform.demo_load import load_directory
from tests.backend.conftest import DEMO
from tests.backend.helpers import call, inbound


def test_tokens_ensure_creates_keeps_and_protects(tmp_path, capsys):
    path = tmp_path / "var" / "tokens.env"
    path.parent.mkdir()
    path.write_text("AVISA_TOKEN_ADMIN=keep-me\nOTHER=1\n")
    assert cli.main(["tokens", "ensure", "--file", str(path)]) == 0
    printed = capsys.readouterr().out
    values = dict(line.split("=", 1) for line in path.read_text().splitlines())
    assert values["AVISA_TOKEN_ADMIN"] == "keep-me" and values["OTHER"] == "1"
    for var in ("ACTIONS", "GATEWAY", "AGENTS", "REST"):
        assert len(values[f"AVISA_TOKEN_{var}"]) >= 40
        assert f"AVISA_TOKEN_{var}={values[f'AVISA_TOKEN_{var}']}" in printed
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    before = path.read_text()
    cli.main(["tokens", "ensure", "--file", str(path)])
    assert path.read_text() == before


def test_settings_read_tokens_from_env_then_file(tmp_path):
    path = tmp_path / "tokens.env"
    path.write_text("AVISA_TOKEN_ADMIN=from-file\nAVISA_TOKEN_GATEWAY=file-gw\n")
    settings = Settings.from_env({"AVISA_TOKENS_FILE": str(path), "AVISA_TOKEN_GATEWAY": "env-gw",
                                  "AVISA_OTP_TTL": "300", "DATABASE_URL": "sqlite+aiosqlite://"})
    assert settings.tokens == {"admin": "from-file", "gateway": "env-gw"}
    assert settings.otp_ttl_seconds == 300 and settings.port == 8000
    with pytest.raises(SettingsError, match="AVISA_BACKEND_PORT"):
        Settings.from_env({"AVISA_BACKEND_PORT": "eighty", "AVISA_TOKENS_FILE": str(path)})


def test_db_upgrade_demo_load_and_show(tmp_path, monkeypatch, capsys):
    url = f"sqlite+aiosqlite:///{tmp_path / 'sub' / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("AVISA_TOKENS_FILE", str(tmp_path / "none.env"))
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["demo", "load", "--data", str(DEMO)]) == 0
    assert cli.main(["demo", "load", "--data", str(DEMO)]) == 0  # idempotent
    assert "2 customers, 3 equipment, 1 contracts, 1 technicians loaded" in capsys.readouterr().out
    assert cli.main(["incidents", "show", "#7"]) == 1
    assert "INC-00007 not found" in capsys.readouterr().err


async def test_incident_show_prints_audit_trail(client, db_url, capsys):
    from backend.services.platform.admin import show_incident

    cid = (await inbound(client, "telegram", "100200301"))["conversation_id"]
    await call(client, "POST", f"/api/conversations/{cid}/incidents", "actions",
               json={"symptom": "no enciende", "priority": "medium"})
    await call(client, "POST", f"/api/conversations/{cid}/incidents/1/cancel", "actions",
               json={"reason": "era el enchufe"})
    detail = await show_incident(db_url, "inc 1")
    # the registered contact writing from their own Telegram is noted as the reporter
    assert [(e["kind"], e["to"]) for e in detail["events"]] == [
        ("created", "new"), ("reporter", None), ("cancelled", "cancelled")]
    assert detail["events"][2]["note"] == "era el enchufe"
    assert detail["events"][2]["actor"] == f"conversation:{cid}"


async def test_reload_updates_rows_without_duplicating(client, db_url, tmp_path):
    data = copy_demo(tmp_path)
    doc = yaml.safe_load((data / "customers.yml").read_text())
    doc["customers"][0]["name"] = "Talleres Ebro S.A."
    (data / "customers.yml").write_text(yaml.safe_dump(doc, allow_unicode=True))
    await load_directory(db_url, data)
    _, one = await call(client, "GET", "/api/customers/C-1001", "agents")
    assert one["name"] == "Talleres Ebro S.A."
    assert len(one["contacts"]) == 2


def copy_demo(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for f in DEMO.glob("*.yml"):
        (data / f.name).write_text(f.read_text())
    return data


BAD = [
    ("customers.yml", lambda d: d["customers"][1].pop("name"),
     "customers.yml: customers[1] (C-1002): missing field 'name'"),
    ("customers.yml", lambda d: d["customers"][0]["contacts"][0].update(phone="976 12"),
     "customers.yml: customers[0] (C-1001) contacts[0]: field 'phone'"),
    ("equipment.yml", lambda d: d["equipment"][2].update(family="!!"),
     "equipment.yml: equipment[2] (EQ-0003): field 'family'"),
    ("equipment.yml", lambda d: d["equipment"][0].update(site="S-1002-1"),
     "equipment.yml: equipment[0] (EQ-0001): site 'S-1002-1' is not a site of C-1001"),
    ("contracts.yml", lambda d: d["contracts"][0].update(price="cheap"),
     "contracts.yml: contracts[0] (CT-0001): field 'price'"),
    ("contracts.yml", lambda d: d["contracts"][0].update(equipment=["EQ-0003"]),
     "contracts.yml: contracts[0] (CT-0001): equipment 'EQ-0003' is not C-1001's"),
    ("technicians.yml", lambda d: d["technicians"][0].update(zone="—"),
     "technicians.yml: technicians[0] (T-01): field 'zone'"),
]


@pytest.mark.parametrize(("file", "spoil", "message"), BAD)
async def test_bad_data_names_file_and_item_and_loads_nothing(db_url, tmp_path, file, spoil,
                                                               message):
    data = copy_demo(tmp_path)
    doc = yaml.safe_load((data / file).read_text())
    spoil(doc)
    (data / file).write_text(yaml.safe_dump(doc, allow_unicode=True))
    with pytest.raises(DemoDataError) as info:
        await load_directory(db_url, data)
    assert message in str(info.value)
    engine = create_engine(db_url)
    async with engine.connect() as conn:
        stored = (await conn.execute(text("SELECT count(*) FROM customers"))).scalar()
    await engine.dispose()
    assert stored == 0  # one transaction: a bad item leaves nothing half-loaded


def test_missing_file_is_named(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("AVISA_TOKENS_FILE", str(tmp_path / "none.env"))
    assert cli.main(["demo", "load", "--data", str(tmp_path)]) == 2
    assert "customers.yml: file not found" in capsys.readouterr().err
