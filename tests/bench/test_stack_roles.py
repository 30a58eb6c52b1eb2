"""bench/stack.py tells the stack's processes apart by their command lines, to give each its
CPU seconds (e.g. `make bench PART=nlu`: Rasa's CPU per parsed message). Checked against the
argv that tools/stack.py really launches: Rasa runs through tools/rasa_serve.py and the
action server as `-m actions.server`, which the earlier markers ("rasa run", "rasa_sdk")
missed, so Rasa's CPU read 0.0 ms per message."""

from __future__ import annotations

from pathlib import Path

from bench.stack import role
from tools import stack


def test_every_launched_process_is_named_by_its_command_line(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.env"
    tokens.write_text("AVISA_TOKEN_RASA=r\nAVISA_TOKEN_ACTION_SERVER=a\n", encoding="utf-8")
    procs, _ = stack.build({"AVISA_TOKENS_FILE": str(tokens),
                            "AVISA_RASA_TRACKER_DB": str(tmp_path / "trackers.db")})
    named = {p.name: role(" ".join(p.argv)) for p in procs}
    assert named == {name: name for name in ("backend", "actions", "rasa", "gateway")}


def test_other_processes_have_no_role() -> None:
    assert role("/usr/bin/python3 -m pytest tests/bench") is None
