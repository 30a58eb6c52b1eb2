"""Every setting the code reads is listed in .env.example (with its default and meaning)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("backend", "channels", "common", "actions", "tools", "bot", "deploy", "Makefile")
SUFFIXES = {".py", ".sh", ".yml", ".yaml", ".template", ""}
NAME = re.compile(r"\bAVISA_[A-Z0-9_]*[A-Z0-9]\b")
OTHERS = ("DATABASE_URL", "ACTION_ENDPOINT_URL")  # read without the AVISA_ prefix
LISTED = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def read_in_code() -> set[str]:
    found: set[str] = set()
    for top in SCANNED:
        path = ROOT / top
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            if file.suffix not in SUFFIXES or "__pycache__" in file.parts:
                continue
            text = file.read_text(encoding="utf-8", errors="replace")
            found |= set(NAME.findall(text))
            found |= {name for name in OTHERS if name in text}
    # prefixes of families (AVISA_TOKEN_<ROLE>, AVISA_LIMIT_<NAME>_...) are listed by member
    return {name for name in found if not name.endswith("_")}


def listed() -> set[str]:
    return set(LISTED.findall((ROOT / ".env.example").read_text(encoding="utf-8")))


def test_every_setting_read_in_code_is_in_env_example() -> None:
    missing = read_in_code() - listed()
    assert not missing, f"add to .env.example (default and meaning): {sorted(missing)}"


def test_env_example_lists_no_setting_the_code_does_not_read() -> None:
    assert not listed() - read_in_code()


def test_every_listed_setting_has_a_comment() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    assert sum(1 for line in lines if line.startswith("#") and "=" not in line) > 40
