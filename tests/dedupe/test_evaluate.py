import json
from pathlib import Path

import pytest

from backend.dedupe.cases import load_cases
from backend.dedupe.evaluate import evaluate_with, main
from backend.dedupe.run import evaluate
from backend.dedupe.sink import InMemorySink
from backend.services.dedupe.config import load_config

DATA = Path(__file__).resolve().parents[1] / "data" / "duplicates.jsonl"


def test_labelled_set_shape() -> None:
    cases = load_cases(DATA)
    assert len(cases) >= 150
    tune = [c for c in cases if c.split == "tune"]
    assert 0.55 <= len(tune) / len(cases) <= 0.65
    assert all(1 <= len(c.reports) <= 5 for c in cases)


async def test_acceptance_on_test_split() -> None:
    result = await evaluate(load_cases(DATA, "test"), InMemorySink(load_config()))
    assert result.automatic.pairwise.f1 >= 0.90
    assert result.answered.pairwise.f1 >= 0.97
    assert result.automatic.ask_share <= 0.15 and result.answered.ask_share <= 0.15


async def test_acceptance_through_the_product_service() -> None:
    """The DB sink feeds every report through ReportProblem on SQLite (asks answered by the
    bot's second call): same figures as the domain alone, and the same acceptance."""
    cases = load_cases(DATA, "test")
    on_db = await evaluate_with(cases, load_config(), "db")
    assert on_db.automatic.pairwise.f1 >= 0.90
    assert on_db.answered.pairwise.f1 >= 0.97
    assert on_db.automatic.ask_share <= 0.15 and on_db.answered.ask_share <= 0.15
    assert on_db == await evaluate_with(cases, load_config(), "memory")


def test_command_prints_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    one = {
        "case": "X1",
        "customer": "C-1",
        "equipment": [{"id": "EQ-1", "type": "copier", "serial": "KM-1234", "site": "HQ"}],
        "reports": [
            {
                "rid": "X1-r2",
                "channel": "sms",
                "at": "2026-01-01T10:30:00Z",
                "sender": "s",
                "text": "la fotocopiadora KM-1234 sigue atascada",
                "serial_mentioned": None,
                "truth_incident": "A",
            },
            {
                "rid": "X1-r1",
                "channel": "email",
                "at": "2026-01-01T10:00:00Z",
                "sender": "e",
                "text": "Fotocopiadora KM-1234 atascada, atasco de papel",
                "serial_mentioned": "KM-1234",
                "truth_incident": "A",
            },
        ],
    }
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(one) + "\n", encoding="utf-8")
    for sink in ("db", "memory"):
        assert main([str(path), "--json", "--sink", sink]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["reports"] == 2
        assert out["answered"]["pairwise"]["f1"] == 1.0
