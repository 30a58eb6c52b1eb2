"""`avisa contracts …` and `avisa billing …` against a migrated SQLite file with the demo."""

import json

import pytest

from backend.entrypoints.cli import main as cli

pytestmark = pytest.mark.usefixtures("demo_data")


@pytest.fixture
def env(monkeypatch, demo_data, tmp_path):
    monkeypatch.setenv("DATABASE_URL", demo_data)
    monkeypatch.setenv("AVISA_TOKENS_FILE", str(tmp_path / "none.env"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_contract_commands(env, capsys):
    assert cli.main(["contracts", "list", "--customer", "C-1001"]) == 0
    assert "CT-0001  C-1001    full_maintenance  active" in capsys.readouterr().out
    assert cli.main(["contracts", "amend", "CT-0001", "--from", "2026-07-01",
                     "--set", "price=1600.00", "--set", "allowance={hours: 60, visits: 12}"]) == 0
    assert "version 2 valid from 2026-07-01" in capsys.readouterr().out
    assert cli.main(["contracts", "show", "CT-0001"]) == 0
    out = capsys.readouterr().out
    assert "2        amendment  2026-07-01" in out and '"price": "1600.00"' in out
    assert cli.main(["contracts", "renew", "CT-0001"]) == 0
    assert "renewed from 2027-01-01 to 2027-12-31, price 1648.00" in capsys.readouterr().out
    assert cli.main(["contracts", "suspend", "CT-0001"]) == 0
    assert cli.main(["contracts", "suspend", "CT-0001"]) == 1
    assert "cannot become 'suspended'" in capsys.readouterr().err
    spec = env / "new.yml"
    spec.write_text("customer: C-1001\nequipment: [EQ-0003]\nstart: 2026-12-01\n"
                    "type: partial_labour\nincident_types: [mechanical]\n"
                    "covered_hours: {timezone: Europe/Madrid, schedule: 24x7}\n"
                    "response_hours: {critical: 4, high: 8, medium: 24, low: 72}\n"
                    "resolution_hours: {critical: 24, high: 48, medium: 120, low: 240}\n"
                    "price: '99.00'\nbilling: monthly\n")
    assert cli.main(["contracts", "create", "--file", str(spec)]) == 0
    assert "CT-0044 created (draft)" in capsys.readouterr().out


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_billing_commands(env, capsys):
    assert cli.main(["billing", "run", "--period", "2026-11"]) == 0
    captured = capsys.readouterr()
    assert "billing run 2026-11: 21 invoices" in captured.out and "TOTAL     21" in captured.out
    assert "plan 2026-11" in captured.err  # the progress bar
    assert cli.main(["billing", "run", "--period", "2026-11", "--quiet"]) == 0
    assert "0 invoices, 0 renewals, 21 already billed" in capsys.readouterr().out
    assert cli.main(["billing", "pdf", "INV-00002"]) == 0
    assert (env / "var/documents/INV-00002.pdf").read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert cli.main(["billing", "export", "--format", "json", "--since", "2026-01-01"]) == 0
    assert len(json.loads(capsys.readouterr().out)["documents"]) == 21
    assert cli.main(["billing", "documents", "--state", "exported"]) == 0
    assert cli.main(["billing", "export", "--format", "ubl"]) == 0
    assert "0 file(s) written to var/exports" in capsys.readouterr().out
