"""The loop guard: robots, bounces, lists, no-reply senders, and the rate cap."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from channels.email import LoopPolicy, ParsedEmail, parse_email, should_reply
from channels.email.parse.loop_guard import policy_for

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
DSN = "Content-Type: multipart/report; report-type=delivery-status; boundary=z\n"


def mail(
    headers: str = "", sender: str = "Ana <ana@cliente.example>", subject: str = "Avería"
) -> ParsedEmail:
    raw = (f"From: {sender}\nTo: soporte@avisa.example\nSubject: {subject}\n{headers}\n"
           "La impresora falla.\n")
    return parse_email(raw.encode())


@pytest.mark.parametrize(
    ("headers", "sender", "subject", "reason"),
    [
        ("Auto-Submitted: auto-replied\n", "ana@c.example", "x", "auto_submitted"),
        ("Auto-Submitted: auto-generated; owner=x\n", "ana@c.example", "x", "auto_submitted"),
        ("Return-Path: <>\n", "ana@c.example", "x", "bounce"),
        ("", "MAILER-DAEMON@mx.example", "x", "bounce"),
        ("", "postmaster@mx.example", "x", "bounce"),
        ("", "ana@c.example", "Undeliverable: Re: x", "bounce"),
        (DSN, "ana@c.example", "x", "bounce"),
        ("List-Id: <a.lists.example>\n", "ana@c.example", "x", "mailing_list"),
        ("List-Unsubscribe: <mailto:u@x.example>\n", "ana@c.example", "x", "mailing_list"),
        ("Precedence: bulk\n", "ana@c.example", "x", "bulk_precedence"),
        ("Precedence: LIST\n", "ana@c.example", "x", "bulk_precedence"),
        ("Precedence: junk\n", "ana@c.example", "x", "bulk_precedence"),
        ("X-Auto-Response-Suppress: All\n", "ana@c.example", "x", "auto_response_suppressed"),
        ("X-Auto-Response-Suppress: OOF\n", "ana@c.example", "x", "auto_response_suppressed"),
        ("X-Auto-Response-Suppress: DR, AutoReply\n", "a@c.es", "x", "auto_response_suppressed"),
        ("", "noreply@shop.example", "x", "no_reply_address"),
        ("", "no-reply@shop.example", "x", "no_reply_address"),
        ("", "do_not_reply@shop.example", "x", "no_reply_address"),
        ("", "DoNotReply@shop.example", "x", "no_reply_address"),
        ("", "no_responder@shop.example", "x", "no_reply_address"),
        ("", "noreply+tag@shop.example", "x", "no_reply_address"),
        ("", "ana@c.example", "Out of office: Re: x", "out_of_office_subject"),
        ("", "ana@c.example", "Fuera de la oficina", "out_of_office_subject"),
        ("", "ana@c.example", "Respuesta automática: aviso", "out_of_office_subject"),
        ("", "ana@c.example", "Respuesta automatica: aviso", "out_of_office_subject"),
        ("", "ana@c.example", "Automatic reply: hello", "out_of_office_subject"),
        ("X-Autoreply: yes\n", "ana@c.example", "x", "auto_reply_header"),
    ],
)
def test_no_reply_cases(headers: str, sender: str, subject: str, reason: str) -> None:
    assert should_reply(mail(headers, sender, subject), NOW, []) == (False, reason)


@pytest.mark.parametrize(
    ("headers", "subject"),
    [
        ("Auto-Submitted: no\n", "x"),
        ("Precedence: normal\n", "x"),
        ("X-Auto-Response-Suppress: DR, RN\n", "x"),
        ("", "Office printer out of toner"),
        ("", "Reply to my question please"),
    ],
)
def test_human_mail_is_answered(headers: str, subject: str) -> None:
    assert should_reply(mail(headers, subject=subject), NOW, []) == (True, "ok")


def test_own_address_is_never_answered() -> None:
    policy = LoopPolicy(own_addresses=frozenset({"Soporte@Avisa.example"}))
    parsed = mail(sender="soporte@avisa.example")
    assert should_reply(parsed, NOW, [], policy) == (False, "own_address")


def test_rate_cap_per_recipient() -> None:
    parsed = mail()
    policy = LoopPolicy(max_replies=5, window=timedelta(hours=1))
    recent = [NOW - timedelta(minutes=10 * i) for i in range(5)]
    assert should_reply(parsed, NOW, recent, policy) == (False, "rate_limited")
    assert should_reply(parsed, NOW, recent[:4], policy) == (True, "ok")
    old = [NOW - timedelta(hours=2)] * 50
    assert should_reply(parsed, NOW, old, policy) == (True, "ok")


def test_a_person_in_a_conversation_is_not_capped_like_a_robot() -> None:
    """Six replies in an hour stop an unknown sender's mail; a verified customer writing in
    a conversation (threaded or not) goes on being answered, up to a higher ceiling; a
    robot's marks stop the reply whoever sends it."""
    policy = LoopPolicy(max_replies=5, window=timedelta(hours=1))
    recent = [NOW - timedelta(minutes=5 * i) for i in range(6)]
    stranger = policy_for(policy, threaded=False, verified=False)
    threaded = policy_for(policy, threaded=True, verified=False)
    person = policy_for(policy, threaded=False, verified=True)
    both = policy_for(policy, threaded=True, verified=True)
    assert [p.max_replies for p in (stranger, threaded, person, both)] == [5, 10, 30, 60]
    assert should_reply(mail(), NOW, recent, stranger) == (False, "rate_limited")
    assert should_reply(mail(), NOW, recent, person) == (True, "ok")
    flood = [NOW - timedelta(seconds=20 * i) for i in range(30)]
    assert should_reply(mail(), NOW, flood, person) == (False, "rate_limited")
    auto = mail("Auto-Submitted: auto-replied\n")
    assert should_reply(auto, NOW, [], person) == (False, "auto_submitted")


def test_naive_datetimes_do_not_raise() -> None:
    naive = NOW.replace(tzinfo=None)
    assert should_reply(mail(), naive, [naive] * 3) == (True, "ok")


def test_delivery_report_is_parsed() -> None:
    from pathlib import Path

    raw = (Path(__file__).parent / "corpus" / "bounce_postfix_dsn.eml").read_bytes()
    parsed = parse_email(raw)
    assert parsed.delivery_report is not None
    assert parsed.delivery_report.final_recipient == "nobody@talleresebro.es"
    assert parsed.delivery_report.status == "5.1.1"
    assert parsed.delivery_report.action == "failed"
    assert replace(parsed, delivery_report=None).is_report  # multipart/report alone is enough
