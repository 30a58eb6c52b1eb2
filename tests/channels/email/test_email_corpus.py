"""Every corpus file is read without an untyped exception and meets its expectation."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from channels.email import Limits, ParsedEmail, Quarantine, parse_or_quarantine, should_reply
from tests.channels.email.email_expectations import EXPECTATIONS

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(path.name for path in CORPUS.glob("*.eml"))
NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


def test_corpus_is_large_and_every_file_has_an_expectation() -> None:
    assert len(FILES) >= 70
    assert sorted(EXPECTATIONS) == FILES


@pytest.mark.parametrize("name", FILES)
def test_corpus_file(name: str) -> None:
    raw = (CORPUS / name).read_bytes()
    expect = EXPECTATIONS[name]
    result = parse_or_quarantine(raw, Limits())
    if isinstance(result, Quarantine):
        assert expect.outcome == result.reason, result.detail
        assert result.raw == raw, "a quarantined message keeps its bytes"
        return
    assert expect.outcome == "parsed"
    allowed, reason = should_reply(result, NOW, [])
    assert allowed is expect.reply, reason
    if expect.why is not None:
        assert reason == expect.why
    for snippet in expect.must:
        assert snippet in result.text_for_bot, result.text_for_bot
    for snippet in expect.must_not:
        assert snippet not in result.text_for_bot, result.text_for_bot
    if expect.attachments is not None:
        assert len(result.attachments) == expect.attachments
    if expect.subject is not None:
        assert result.subject == expect.subject
    if expect.sender is not None:
        assert result.sender.address == expect.sender
    assert_clean(result)


def assert_clean(mail: ParsedEmail) -> None:
    """Invariants for every parsed message, whatever it contained."""
    for value in (mail.subject, mail.sender.name, mail.sender.address):
        assert not any(ord(ch) < 32 for ch in value), value
    assert "\x00" not in mail.full_text and "\r" not in mail.full_text
    assert mail.text_for_bot.strip() == mail.text_for_bot
    assert len(mail.text_for_bot) <= Limits().max_bot_chars
    for attachment in mail.attachments:
        assert attachment.filename and "/" not in attachment.filename
        assert "\\" not in attachment.filename and "\u202e" not in attachment.filename
        assert not attachment.filename.startswith(".")
