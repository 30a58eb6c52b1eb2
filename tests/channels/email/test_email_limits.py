"""Size, header and nesting limits are enforced before the MIME parser runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from channels.email import Limits, Quarantine, parse_email, parse_or_quarantine
from channels.email.errors import (
    HeadersTooLarge,
    MailRejected,
    MailTooLarge,
    NestingTooDeep,
    TooManyParts,
)
from channels.email.parse.extract import extract_attachment, spill_attachment
from tests.channels.email import generated


def test_twenty_megabyte_attachment_is_recorded_not_decoded() -> None:
    raw = generated.with_attachment(20 * 1024 * 1024)
    mail = parse_email(raw, Limits())
    assert "plan of the plant" in mail.text_for_bot
    (attachment,) = mail.attachments
    assert attachment.too_large and attachment.data is None
    assert attachment.filename == "plan.pdf"
    assert attachment.size >= 20 * 1024 * 1024
    assert "attachment_too_large" in mail.warnings


def test_too_large_attachment_can_be_extracted_later() -> None:
    raw = generated.with_attachment(3000)
    mail = parse_email(raw, Limits(max_attachment_bytes=1000))
    (attachment,) = mail.attachments
    assert attachment.too_large
    assert extract_attachment(raw, attachment.part_index) == b"\xa5" * 3000


def test_spill_writes_the_bytes(tmp_path: Path) -> None:
    raw = generated.with_attachment(100)
    mail = parse_email(raw)
    target = tmp_path / "plan.pdf"
    spill_attachment(raw, mail.attachments[0].part_index, target)
    assert target.read_bytes() == b"\xa5" * 100


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (generated.with_attachment(2 * 1024 * 1024), MailTooLarge),
        (generated.many_headers(5000), HeadersTooLarge),
        (generated.huge_header(300 * 1024), HeadersTooLarge),
        (generated.deep_multipart(200), NestingTooDeep),
        (generated.deep_rfc822(200), NestingTooDeep),
        (generated.many_parts(1000), TooManyParts),
    ],
    ids=[
        "size",
        "thousands_of_headers",
        "huge_header",
        "multipart_200_deep",
        "rfc822_200_deep",
        "thousand_parts",
    ],
)
def test_limits_reject_with_typed_errors(raw: bytes, error: type[MailRejected]) -> None:
    limits = Limits(max_bytes=1024 * 1024)
    with pytest.raises(error):
        parse_email(raw, limits)
    quarantined = parse_or_quarantine(raw, limits)
    assert isinstance(quarantined, Quarantine)
    assert quarantined.raw == raw and quarantined.reason == error.reason


def test_nesting_within_limits_is_read() -> None:
    mail = parse_email(generated.deep_multipart(8))
    assert mail.text_for_bot.split("\n\n")[-1] == "deep"  # after the subject (a short body)


def test_bot_text_is_truncated_and_flagged() -> None:
    raw = generated.HEAD + b"\r\n" + b"word " * 3000
    mail = parse_email(raw, Limits(max_bot_chars=100))
    assert mail.truncated and len(mail.text_for_bot) <= 100
    assert len(mail.full_text) > 10000


def test_non_bytes_input_is_a_typed_rejection() -> None:
    with pytest.raises(MailRejected):
        parse_email("From: a@b.example\n\nhi", Limits())  # type: ignore[arg-type]
