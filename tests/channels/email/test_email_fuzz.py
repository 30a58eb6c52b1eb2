"""Hypothesis: random and mutated input never escapes as an untyped exception."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels.core.models import Button
from channels.email import (
    Limits,
    ParsedEmail,
    Quarantine,
    match_choice,
    parse_or_quarantine,
    should_reply,
)
from channels.email.errors import MailRejected
from channels.email.parse.headers import addresses, decode_value
from channels.email.parse.html_to_text import html_to_text
from channels.email.parse.message import parse_email

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.eml"))
SEEDS = [path.read_bytes() for path in CORPUS if path.stat().st_size < 20_000]
LIMITS = Limits(max_bytes=200_000)
NOW = datetime(2025, 3, 3, tzinfo=UTC)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(raw: bytes) -> None:
    with contextlib.suppress(MailRejected):
        parse_email(raw, LIMITS)
    result = parse_or_quarantine(raw, LIMITS)
    assert isinstance(result, ParsedEmail | Quarantine)
    if isinstance(result, ParsedEmail):
        should_reply(result, NOW, [])
        match_choice(result.text_for_bot, (Button("a", "/a"),))
    else:
        assert result.raw == raw and result.reason


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(raw: bytes) -> None:
    check(raw)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_body_after_headers(body: bytes) -> None:
    check(b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n" + body)


mutation = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]),
    st.integers(min_value=0, max_value=10**6),
    st.binary(min_size=1, max_size=40),
)


def mutate(raw: bytes, steps: list[tuple[str, int, bytes]]) -> bytes:
    data = bytearray(raw)
    for kind, position, chunk in steps:
        at = position % (len(data) + 1)
        if kind == "flip" and data:
            data[at % len(data)] ^= chunk[0] or 1
        elif kind == "insert":
            data[at:at] = chunk
        elif kind == "delete":
            del data[at : at + len(chunk)]
        elif kind == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at : at + 200]
    return bytes(data)


INTERESTING = [
    b"--",
    b"\r\n\r\n",
    b"=?utf-8?b?",
    b"boundary=",
    b"Content-Type: multipart/mixed;",
    b"charset=",
    b"\x00",
    b"=\r\n",
    b"Content-Transfer-Encoding: base64\r\n",
    b"<html>",
]


@FUZZ
@given(st.sampled_from(range(len(SEEDS))), st.lists(mutation, min_size=1, max_size=6))
def test_mutated_corpus(index: int, steps: list[tuple[str, int, bytes]]) -> None:
    check(mutate(SEEDS[index], steps))


@FUZZ
@given(
    st.sampled_from(range(len(SEEDS))),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from(INTERESTING)), min_size=1, max_size=8
    ),
)
def test_corpus_with_mime_tokens(index: int, inserts: list[tuple[int, bytes]]) -> None:
    data = bytearray(SEEDS[index])
    for position, token in inserts:
        at = position % (len(data) + 1)
        data[at:at] = token
    check(bytes(data))


@FUZZ
@given(st.text(max_size=500))
def test_header_and_html_helpers_total(text: str) -> None:
    assert "\n" not in decode_value(text)
    addresses(text)
    html_to_text(text)
    html_to_text("<" + text)
