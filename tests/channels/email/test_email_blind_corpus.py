"""The blind corpus through the pure parts only (parse, loop guard): fast, no servers.

The live test (tests/channels/email_live/test_mail_blind_corpus_live.py) checks the same
files end to end; this one says at once which parse or guard decision is wrong. Both blind
corpora are read (``email_corpus_blind`` and the later, sealed one);
``AVISA_MAIL_CORPUS`` selects another folder with an ``expected.yml`` instead.
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

HERE = Path(__file__).parent.parent
FOLDERS = ((Path(os.environ["AVISA_MAIL_CORPUS"]),) if os.environ.get("AVISA_MAIL_CORPUS")
           else (HERE / "email_corpus_blind", HERE / "email_corpus_blind_sealed"))
EXPECTED: dict[Path, dict[str, Any]] = {
    folder / name: expect
    for folder in FOLDERS
    for name, expect in yaml.safe_load(
        (folder / "expected.yml").read_text(encoding="utf-8")).items()
}
POLICY = LoopPolicy(own_addresses=frozenset({"support@avisa.example"}))
NOW = datetime(2024, 12, 3, 12, 0, tzinfo=UTC)
QUARANTINE = {"encrypted": {"encrypted"},
              "broken-mime": {"broken_mime", "malformed", "nesting_too_deep", "too_many_parts",
                              "not_an_email"},
              "no-sender": {"sender_missing"}}


def fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


def test_the_blind_corpora_hold_at_least_sixty_mails() -> None:
    """Issue 19, acceptance 5: at least 60 mails written outside the team."""
    assert len(EXPECTED) >= 60 or os.environ.get("AVISA_MAIL_CORPUS")
    assert all(path.is_file() for path in EXPECTED)


@pytest.mark.parametrize("path", sorted(EXPECTED), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_blind_mail(path: Path) -> None:
    expect = EXPECTED[path]
    result = parse_or_quarantine(path.read_bytes())
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
