"""The technician scenarios (tests/technicians/scenarios.yml, written blind from a brief of
the behaviours), each driven end to end through the gateway and the provider fakes.
Another file: AVISA_TECH_SCENARIOS=tests/technicians/scenarios_sealed.yml."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.channels.provider_stack import Stack
from tests.technicians.checks import check
from tests.technicians.harness import load, start

HERE = Path(__file__).parent
FILE = Path(os.environ.get("AVISA_TECH_SCENARIOS") or HERE / "scenarios.yml")
SCENARIOS = load(FILE if FILE.is_absolute() else Path.cwd() / FILE)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[str(s["id"]) for s in SCENARIOS])
async def test_scenario(live: Stack, scenario: dict[str, Any]) -> None:
    run = await start(live, scenario)
    for turn in scenario["turns"]:
        run.replies.append(await run.send(str(turn)))
    results = await check(run)
    lines = [f"{scenario['id']} {name}: {'passed' if ok else 'FAILED'} ({detail})"
             for name, ok, detail in results]
    transcript = "\n".join(f"  > {t}\n" + "\n".join(f"    < {r}" for r in replies)
                           for t, replies in zip(scenario["turns"], run.replies, strict=True))
    print("\n" + "\n".join(lines))
    assert all(ok for _, ok, _ in results), "\n".join(lines) + "\n" + transcript
