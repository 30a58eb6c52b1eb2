"""Unit checks of the helpers: charsets, encoded words, HTML, file names, quotes."""

from __future__ import annotations

import pytest

from channels.email.parse.attachments import sanitise_filename
from channels.email.parse.bot_text import text_for_bot
from channels.email.parse.charset import decode_bytes, normalise
from channels.email.parse.headers import addresses, decode_value, msg_ids, parse_date
from channels.email.parse.html_to_text import html_to_text
from channels.email.parse.transfer import decode_base64


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        ("mañana".encode(), "utf-8", "mañana"),
        ("mañana".encode("latin-1"), "utf-8", "mañana"),
        ("mañana".encode(), "iso-8859-1", "mañana"),
        ("mañana".encode(), "x-unknown", "mañana"),
        ("mañana".encode("cp1252"), None, "mañana"),
        ("“ok”".encode("cp1252"), "us-ascii", "“ok”"),
        ("año".encode(), "rot13", "año"),
        ("año".encode(), "utf\x00-8", "año"),
        ("日本".encode("shift_jis"), "shift-jis", "日本"),
        (b"\xff\xfe\xfa", "utf-8", "ÿþú"),
    ],
)
def test_decode_bytes(data: bytes, declared: str | None, expected: str) -> None:
    assert decode_bytes(data, declared)[0] == expected


def test_bytes_to_bytes_codecs_are_refused() -> None:
    assert normalise("base64") == "" and normalise("zlib") == "" and normalise("hex") == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("=?utf-8?q?Aver=C3=ADa?=", "Avería"),
        ("=?UTF-8?B?QXZlcsOtYQ==?=", "Avería"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("=?iso-8859-1?q?Espa=F1a?= y =?utf-8?q?Per=C3=BA?=", "España y Perú"),
        ("=?utf-8?q?broken", "=?utf-8?q?broken"),
        ("=?utf-8*es?q?hola?=", "hola"),
        ("plain\r\n folded", "plain folded"),
        ("=?utf-8?q?line=0D=0Abreak?=", "line break"),
    ],
)
def test_decode_value(raw: str, expected: str) -> None:
    assert decode_value(raw) == expected


def test_addresses() -> None:
    (box,) = addresses('"Lázaro, Marta" <Marta@TalleresEbro.ES>')
    assert box.address == "marta@talleresebro.es" and box.name == "Lázaro, Marta"
    assert addresses("=?utf-8?q?Jos=C3=A9?= <jose@x.example>")[0].name == "José"
    assert addresses("garbage <<< x@y") == ()
    assert addresses('"unbalanced <ana@x.example>')[0].address == "ana@x.example"


def test_msg_ids_and_dates() -> None:
    assert msg_ids("<a@b> <c@d>") == ("<a@b>", "<c@d>")
    assert msg_ids("bare@id.example") == ("<bare@id.example>",)
    assert len(msg_ids(" ".join(f"<{i}@x>" for i in range(100)), 10)) == 10
    assert parse_date("not a date") is None
    parsed = parse_date("Mon, 3 Mar 2025 10:00:00 -0000")
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize(
    ("name", "ctype", "expected"),
    [
        pytest.param("../../etc/passwd", "text/plain", "passwd", id="unix-path"),
        pytest.param("C:\\Windows\\evil.exe", "application/octet-stream", "evil.exe",
                     id="windows-path"),
        pytest.param("invoice\u202efdp.exe", "application/octet-stream", "invoicefdp.exe",
                     id="right-to-left-override"),
        pytest.param("CON.txt", "text/plain", "_CON.txt", id="windows-device-name"),
        pytest.param("   ", "image/png", "attachment-3.png", id="blank"),
        pytest.param(None, "application/ms-tnef", "winmail.dat", id="tnef-unnamed"),
        pytest.param("a<b>:c|d?.pdf", "application/pdf", "a_b__c_d_.pdf", id="reserved-chars"),
        pytest.param("=?utf-8?q?Presupuesto_a=C3=B1o.pdf?=", "application/pdf",
                     "Presupuesto año.pdf", id="encoded-word"),
        pytest.param("x" * 500 + ".pdf", "application/pdf", "x" * 116 + ".pdf", id="too-long"),
        pytest.param(".htaccess", "text/plain", "htaccess", id="hidden-file"),
    ],
)
def test_sanitise_filename(name: str | None, ctype: str, expected: str) -> None:
    assert sanitise_filename(name, ctype, 3) == expected


def test_base64_repair() -> None:
    assert decode_base64(b"SGVsbG8") == (b"Hello", False)
    assert decode_base64(b"SGVs\nbG8=\n") == (b"Hello", False)
    assert decode_base64(b"SGVsbG8=!!!\n@@@@\n")[0] == b"Hello"


def test_html_to_text() -> None:
    text = html_to_text(
        "<p>Hola&nbsp;<b>mundo</b></p><ul><li>uno</li><li>dos</li></ul>"
        "<script>x()</script><a href='https://a.example'>web</a><br>fin"
    )
    assert text == "Hola mundo\n\n- uno\n- dos\nweb (https://a.example)\nfin"
    assert html_to_text("<div><div><div>" * 1000 + "deep") == "deep"
    assert html_to_text("<p>unclosed <b>tags <i>everywhere") == "unclosed tags everywhere"


@pytest.mark.parametrize(
    ("body", "kept", "cut"),
    [
        ("Hola\n\nSaludos,\nAna", "Hola", "Ana"),
        ("Thanks", "Thanks", ""),
        ("It broke.\n\nThanks again,\nBob Smith", "It broke.", "Bob"),
        ("Mi teléfono es 600 123 456, llámenme.", "600 123 456", ""),
        ("Texto\n\nEl 3 de marzo, Ana <a@b.es> escribió:\n> viejo", "Texto", "viejo"),
        ("Texto\nOn Monday, Ana wrote:\n> old", "Texto", "old"),
        ("Texto\nDe: Ana\nEnviado: lunes\nPara: B\n\nviejo", "Texto", "viejo"),
        ("Texto\nFrom: Ana\nDate: Monday\n\nold", "Texto", "old"),
        ("Texto\nBegin forwarded message:\n\nFrom: x\nreenviado", "reenviado", "From"),
        ("Q?\nOn Monday, Ana wrote:\n> a?\nsí\n> b?\nno\n> c", "sí\nno", "b?"),
        ("Gracias por venir, pero el equipo sigue parado.", "sigue parado", ""),
    ],
)
def test_text_for_bot(body: str, kept: str, cut: str) -> None:
    text, _ = text_for_bot(body, 4000)
    assert kept in text
    if cut:
        assert cut not in text
