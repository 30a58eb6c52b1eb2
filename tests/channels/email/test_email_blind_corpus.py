"""The blind corpus through the pure parts only (parse, loop guard): fast, no servers.

The live test (tests/channels/email_live/test_mail_blind_corpus_live.py) checks the same
files end to end; this one says at once which parse or guard decision is wrong.
``AVISA_MAIL_CORPUS`` selects another folder with an ``expected.yml``.
"""

from __future__ import annotations

import os
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from channels.email import LoopPolicy, ParsedEmail, parse_or_quarantine, should_reply

FOLDER = Path(os.environ.get("AVISA_MAIL_CORPUS") or Path(__file__).parent.parent
              / "email_corpus_blind")
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (FOLDER / "expected.yml").read_text(encoding="utf-8")
)
POLICY = LoopPolicy(own_addresses=frozenset({"support@avisa.example"}))
NOW = datetime(2024, 12, 3, 12, 0, tzinfo=UTC)
QUARANTINE = {"encrypted": {"encrypted"},
              "broken-mime": {"broken_mime", "malformed", "nesting_too_deep", "too_many_parts",
                              "not_an_email"},
              "no-sender": {"sender_missing"}}


def fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_blind_mail(name: str) -> None:
    expect = EXPECTED[name]
    result = parse_or_quarantine((FOLDER / name).read_bytes())
    outcome = expect["outcome"]
    if outcome == "quarantine":
        assert not isinstance(result, ParsedEmail), "parsed, expected a quarantine"
        assert result.reason in QUARANTINE[expect["reason"]]
        return
    assert isinstance(result, ParsedEmail), f"quarantined: {result.reason} {result.detail}"
    allowed, reason = should_reply(result, NOW, (), POLICY)
    if outcome == "ignore":
        assert not allowed, "the loop guard lets it through"
    elif outcome == "answer":
        assert allowed, f"not answered: {reason}"
        missing = [w for w in expect.get("text_must_contain") or []
                   if fold(str(w)) not in fold(result.text_for_bot)]
        assert missing == [], f"not in the bot's text: {result.text_for_bot!r}"
