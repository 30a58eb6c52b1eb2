"""Lock files: every pin carries hashes; the production lock holds no benchmark/plot packages
(matplotlib and numpy come only with the `bench` extra, in locks/app-dev.txt)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LOCKS = Path(__file__).resolve().parents[2] / "locks"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==\S+", re.MULTILINE)


def entries(name: str) -> list[str]:
    text = (LOCKS / name).read_text(encoding="utf-8")
    return [e for e in re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text) if PIN.match(e.strip())]


@pytest.mark.parametrize("name", ["app.txt", "app-dev.txt", "bot.txt"])
def test_every_pin_has_a_hash(name: str) -> None:
    pins = entries(name)
    assert len(pins) > 20
    assert [p.split()[0] for p in pins if "--hash=sha256:" not in p] == []


def test_production_lock_has_no_plotting_or_dev_tools() -> None:
    prod = {p.split("==")[0].strip().lower() for p in entries("app.txt")}
    dev = {p.split("==")[0].strip().lower() for p in entries("app-dev.txt")}
    assert {"matplotlib", "numpy", "pytest", "mypy", "pip-audit"} <= dev
    assert not prod & {"matplotlib", "numpy", "pytest", "mypy", "pip-audit"}
    assert {"holidays", "fpdf2", "aiohttp"} <= prod


def test_every_allow_list_entry_names_a_lock_and_a_reason() -> None:
    for line in (LOCKS / "audit-allow.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fields, _, reason = line.partition("#")
            assert len(fields.split()) == 3 and reason.strip(), line
