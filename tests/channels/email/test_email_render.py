"""Outbound replies: threading, subject, numbered choices, alternatives, safety."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default

import pytest

from channels.core.models import Button
from channels.email import (
    Address,
    MailSettings,
    RenderError,
    ThreadHeaders,
    choices_text,
    incident_in_subject,
    match_choice,
    parse_email,
    render_reply,
    should_reply,
)
from channels.email.render.choices import join_numbers
from channels.email.render.thread_refs import reply_subject

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
SETTINGS = MailSettings("soporte@avisa-servicios.es", "Avisa", "mail.avisa-servicios.es")
BUTTONS = (
    Button("Compresor", '/choose{"eq":"EQ-0001"}'),
    Button("Copiadora", "/choose2"),
    Button("Otro equipo", "/other"),
)
THREAD = ThreadHeaders(
    "<m2@cliente.example>",
    "<m1@avisa>",
    ("<m0@cliente.example>", "<m1@avisa>"),
    "RE: Re: Avería compresor",
)


def render(**kwargs: object) -> bytes:
    args: dict[str, object] = {
        "to": Address("marta@cliente.example", "Marta Lázaro"),
        "text": "¿Qué equipo falla?",
        "settings": SETTINGS,
        "now": NOW,
        "language": "es",
        "buttons": BUTTONS,
        "thread": THREAD,
        "incident_id": "INC-00012",
    }
    args.update(kwargs)
    return render_reply(**args).as_bytes()  # type: ignore[arg-type]


def test_reply_threads_and_marks_itself_automatic() -> None:
    message = message_from_bytes(render(), policy=default)
    assert message["Subject"] == "Re: Avería compresor [INC-00012]"
    assert message["In-Reply-To"] == "<m2@cliente.example>"
    assert message["References"].split() == [
        "<m0@cliente.example>",
        "<m1@avisa>",
        "<m2@cliente.example>",
    ]
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["Message-ID"].endswith("@mail.avisa-servicios.es>")
    assert message["Content-Language"] == "es"
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    text = plain.get_content().replace("\r\n", "\n")
    assert "1. Compresor\n2. Copiadora\n3. Otro equipo" in text
    assert "Responda 1, 2 o 3." in text
    assert "<ol><li>Compresor</li>" in html.get_content()


def test_english_reply_and_no_duplicate_incident_tag() -> None:
    thread = ThreadHeaders("<a@c>", None, (), "Printer [INC-00012]")
    message = message_from_bytes(render(language="en", thread=thread), policy=default)
    assert message["Subject"] == "Re: Printer [INC-00012]"
    assert message["References"] == "<a@c>"
    assert "Reply 1, 2 or 3." in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_new_conversation_without_thread_uses_default_subject() -> None:
    message = message_from_bytes(render(thread=None, incident_id=None, buttons=()), policy=default)
    assert message["Subject"] == "Re: Su aviso de servicio"
    assert message["In-Reply-To"] is None


def test_our_reply_is_not_answered_by_our_own_guard() -> None:
    parsed = parse_email(render())
    assert should_reply(parsed, NOW, []) == (False, "auto_submitted")


def test_header_injection_cannot_add_headers() -> None:
    thread = ThreadHeaders(
        "<a@c>\r\nBcc: x@evil.example", None, (), "Hola\r\nBcc: victim@evil.example"
    )
    raw = render(thread=thread, to=Address("marta@cliente.example", "Marta\r\nBcc: v@evil.example"))
    message = message_from_bytes(raw, policy=default)
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"]


def test_html_is_escaped() -> None:
    raw = render(text="<script>alert(1)</script>", buttons=(Button("<b>x</b>", "/x"),))
    html = message_from_bytes(raw, policy=default).get_body(("html",))
    assert html is not None
    assert "<script>" not in html.get_content() and "&lt;script&gt;" in html.get_content()


def test_missing_recipient_is_a_render_error() -> None:
    with pytest.raises(RenderError):
        render(to=Address(""))


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("RE: RV: Fwd: Avería", "Re: Avería [INC-00001]"),
        ("Re[2]: AW: printer", "Re: printer [INC-00001]"),
        ("", "Re: Your service request [INC-00001]"),
        ("re: [inc-00001] printer", "Re: [inc-00001] printer"),
    ],
)
def test_reply_subject(original: str, expected: str) -> None:
    assert reply_subject(original, "INC-00001", "Your service request") == expected


def test_incident_in_subject() -> None:
    assert incident_in_subject("Re: Printer [inc-00457]") == "INC-00457"
    assert incident_in_subject("Printer") is None


@pytest.mark.parametrize(
    ("count", "language", "expected"),
    [
        (1, "es", "1"),
        (2, "es", "1 o 2"),
        (3, "es", "1, 2 o 3"),
        (8, "es", "1, 2, 3, 4, 5, 6, 7 u 8"),
        (2, "en", "1 or 2"),
        (3, "en", "1, 2 or 3"),
        (3, None, "1, 2 or 3"),
    ],
)
def test_join_numbers(count: int, language: str | None, expected: str) -> None:
    assert join_numbers(count, language) == expected


def test_choices_text() -> None:
    assert choices_text(BUTTONS[:2], "en") == "1. Compresor\n2. Copiadora\n\nReply 1 or 2."


@pytest.mark.parametrize(
    ("reply", "index"),
    [
        ("2", 1),
        ("2.", 1),
        (" 2 ", 1),
        ("2)", 1),
        ("#3", 2),
        ("opción 2", 1),
        ("Opcion 2", 1),
        ("la 2", 1),
        ("el 1", 0),
        ("option 3", 2),
        ("Option 1 please", 0),
        ("la segunda", 1),
        ("the first one", 0),
        ("tres", 2),
        ("two", 1),
        ("Nº 2", 1),
        ("copiadora", 1),
        ("Otro equipo.", 2),
        ("2\n\nEl lun escribió:\n> 1. Compresor", 1),
        ("\n\n1\n", 0),
    ],
)
def test_match_choice(reply: str, index: int) -> None:
    assert match_choice(reply, BUTTONS) == BUTTONS[index]


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "4",
        "0",
        "22",
        "2 copiers are broken",
        "el compresor hace ruido",
        "no",
        "hola",
        "The 2nd floor printer is broken again and again",
        "opción 9",
    ],
)
def test_match_choice_refuses(reply: str) -> None:
    assert match_choice(reply, BUTTONS) is None
