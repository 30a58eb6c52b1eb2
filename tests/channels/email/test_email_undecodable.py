"""Structures that cannot be decoded reliably are quarantined, light damage is repaired.

Generic rules (``channels/email/parse/salvage.py``, ``transfer.base64_damage``): a
multipart without a usable boundary is read only when it holds one plain text part; a
base64 text part is decoded only when at most ``Limits.max_base64_damage`` of it is junk.
"""

from __future__ import annotations

import base64

import pytest

from channels.email import Limits, ParsedEmail, Quarantine, parse_or_quarantine
from channels.email.parse.transfer import base64_damage

HEAD = (b"From: Ana <ana@client.example>\r\nTo: desk@avisa.example\r\nSubject: fallo\r\n"
        b"Message-ID: <u1@client.example>\r\nMIME-Version: 1.0\r\n")
TEXT = "La prensa hidráulica pierde aceite por el cilindro."
B64 = base64.encodebytes(TEXT.encode()).replace(b"\n", b"\r\n")


def no_boundary(*parts: bytes) -> bytes:
    body = b"".join(b"--q\r\n" + part + b"\r\n" for part in parts) + b"--q--\r\n"
    return HEAD + b"Content-Type: multipart/mixed\r\n\r\n" + body


def b64_text(body: bytes) -> bytes:
    return (HEAD + b"Content-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + body)


def quarantined(raw: bytes) -> Quarantine:
    result = parse_or_quarantine(raw)
    assert isinstance(result, Quarantine), "parsed, expected a quarantine"
    assert result.raw == raw
    return result


def parsed(raw: bytes) -> ParsedEmail:
    result = parse_or_quarantine(raw)
    assert isinstance(result, ParsedEmail), f"quarantined: {result.reason} {result.detail}"
    return result


def test_boundary_less_multipart_with_one_plain_text_part_is_read() -> None:
    mail = parsed(no_boundary(b"Content-Type: text/plain\r\n\r\n" + TEXT.encode()))
    assert TEXT in mail.text_for_bot and "--q" not in mail.text_for_bot


@pytest.mark.parametrize("second", [
    b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=",
    b"Content-Type: text/plain\r\n\r\nsegunda parte",
])
def test_boundary_less_multipart_with_several_parts_is_quarantined(second: bytes) -> None:
    result = quarantined(no_boundary(b"Content-Type: text/plain\r\n\r\n" + TEXT.encode(), second))
    assert result.reason == "broken_mime" and "2 part(s)" in result.detail


def test_boundary_less_multipart_with_an_encoded_text_part_is_quarantined() -> None:
    one = b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n" + B64
    assert quarantined(no_boundary(one)).reason == "broken_mime"


def test_base64_damage_counts_junk_but_not_spaces_or_end_padding() -> None:
    assert base64_damage(B64) == 0.0
    assert base64_damage(b"QUJD\r\n  RA==\r\n") == 0.0
    assert base64_damage(b"????####") == 1.0
    assert base64_damage(b"????====") == 0.75  # at most two "=" pad a line
    assert base64_damage(b"") == 0.0


def test_lightly_damaged_base64_text_is_repaired() -> None:
    mail = parsed(b64_text(B64 + b"!!~~\r\n"))
    assert TEXT in mail.text_for_bot
    assert "broken_transfer_encoding" in mail.warnings


def test_base64_text_mostly_junk_is_quarantined_not_read_from_the_subject() -> None:
    result = quarantined(b64_text(b"  ??????\r\n##==##==##\r\n!!%%$$&&**\r\n"))
    assert result.reason == "broken_mime" and "not base64" in result.detail


def test_the_tolerance_is_a_limit() -> None:
    raw = b64_text(B64.rstrip() + b"@@@@@@@@@@@@@@@@@@@@\r\n")
    assert isinstance(parse_or_quarantine(raw), ParsedEmail)
    strict = parse_or_quarantine(raw, Limits(max_base64_damage=0.1))
    assert isinstance(strict, Quarantine) and strict.reason == "broken_mime"


def test_undecodable_plain_alternative_gives_way_to_the_html_one() -> None:
    raw = (HEAD + b'Content-Type: multipart/alternative; boundary="a"\r\n\r\n--a\r\n'
           b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           b"#### ???? !!!!\r\n--a\r\nContent-Type: text/html\r\n\r\n<p>" + TEXT.encode()
           + b"</p>\r\n--a--\r\n")
    assert TEXT in parsed(raw).text_for_bot
