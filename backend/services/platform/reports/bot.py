"""The bot: containment (conversations that ended without a person), handoffs by reason,
the misunderstood-message rate, verification success and lock-outs, by channel and
language, and the daily trend of containment.

A conversation is *contained* when it was never handed to people (no handoff row).
A customer message is *misunderstood* when the prediction captured for it has a confidence
under the review threshold, or an agent flagged it; the rate is over the messages with a
captured prediction (captured by the admin review list: `services/nlu/capture.py`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import Integer, case, exists, func, or_, select

from backend.adapters.orm import Conversation, Verification
from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.nlu import NluFlag, NluPrediction
from backend.services.nlu.config import LOW_CONFIDENCE
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import (
    bucket_instant,
    conversation_scope,
    hour_bucket,
    pieces,
    ratio,
)
from backend.services.platform.reports.summary import Pieces, Summary, add, key, piece, unkey
from backend.services.platform.uow import UnitOfWork

HANDED = exists(select(Handoff.id).where(Handoff.conversation_id == Conversation.id))


def _contained_sum() -> Any:
    return func.sum(case((HANDED, 0), else_=1), type_=Integer)


def _split(query: Any, f: Filters) -> Any:
    return pieces(query, f, Conversation.channel, Conversation.id, "conversation")


async def _contained(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    """Conversations and contained ones per channel, language and local day, in one pass
    (grouped by the UTC hour, folded into local days here)."""
    bucket = hour_bucket(uow.session, Conversation.created_at).label("b")
    rows = (await uow.session.execute(_split(
        select(Conversation.channel, Conversation.language, bucket,
               func.count().label("total"), _contained_sum().label("kept"))
        .where(*conversation_scope(f))
        .group_by(Conversation.channel, Conversation.language, bucket), f))).all()
    for r in rows:
        counts = [r.total, r.kept or 0]
        add(piece(out, r), ("conversations", key(r.channel), key(r.language)), counts)
        day = bucket_instant(r.b).astimezone(f.tz).date().isoformat()
        add(piece(out, r), ("trend", day), counts)


def _by(conversations: dict[str, dict[str, list[int]]], pick: Callable[[str, str], str]
        ) -> list[dict[str, Any]]:
    """Containment summed per `pick(channel, language)`, ordered by it."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for channel, languages in conversations.items():
        for language, (total, kept) in languages.items():
            cell = sums[pick(channel, language)]
            cell[0] += total
            cell[1] += kept
    return [{"key": k, "conversations": t, "contained": c, "containment": ratio(c, t)}
            for k, (t, c) in sorted(sums.items())]


async def _handoffs(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    rows = (await uow.session.execute(_split(
        select(Handoff.reason, Conversation.channel, func.count().label("n"))
        .join(Conversation, Conversation.id == Handoff.conversation_id)
        .where(*conversation_scope(f))
        .group_by(Handoff.reason, Conversation.channel), f))).all()
    for r in rows:
        add(piece(out, r), ("handoffs", key(r.reason), key(r.channel)), r.n)


async def _misunderstood(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    """Predictions are captured with their message's conversation (services/nlu/capture.py),
    so they join conversations directly."""
    flagged = exists(select(NluFlag.message_id).where(
        NluFlag.message_id == NluPrediction.message_id))
    bad = or_(NluPrediction.confidence < LOW_CONFIDENCE, flagged)
    rows = (await uow.session.execute(_split(
        select(Conversation.channel, Conversation.language, func.count().label("n"),
               func.sum(case((bad, 1), else_=0), type_=Integer).label("bad"))
        .select_from(NluPrediction)
        .join(Conversation, Conversation.id == NluPrediction.conversation_id)
        .where(*conversation_scope(f))
        .group_by(Conversation.channel, Conversation.language), f))).all()
    for r in rows:
        add(piece(out, r), ("misunderstood", key(r.channel), key(r.language)), [r.n, r.bad or 0])


async def _verification(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    rows = (await uow.session.execute(_split(
        select(Conversation.channel, func.count().label("n"),
               func.sum(case((Conversation.verified, 1), else_=0), type_=Integer).label("ok"),
               func.sum(case((Verification.locked, 1), else_=0), type_=Integer).label("locked"))
        .select_from(Verification)
        .join(Conversation, Conversation.id == Verification.conversation_id)
        .where(*conversation_scope(f))
        .group_by(Conversation.channel), f))).all()
    for r in rows:
        add(piece(out, r), ("verification", key(r.channel)), [r.n, r.ok or 0, r.locked or 0])


async def collect(uow: UnitOfWork, f: Filters) -> Pieces:
    out: Pieces = {}
    for part in (_contained, _handoffs, _misunderstood, _verification):
        await part(uow, f, out)
    return out


async def finish(uow: UnitOfWork, f: Filters, summary: Summary) -> dict[str, Any]:
    conversations = summary.get("conversations", {})
    (total,) = _by(conversations, lambda c, lang: "") or [
        {"key": "", "conversations": 0, "contained": 0, "containment": None}]
    del total["key"]
    return {
        "totals": total,
        "by_channel": _by(conversations, lambda c, lang: c or "-"),
        "by_language": _by(conversations, lambda c, lang: lang or "-"),
        "handoffs_by_reason": [
            {"reason": unkey(reason), "channel": unkey(channel), "handoffs": n}
            for reason, channels in sorted(summary.get("handoffs", {}).items())
            for channel, n in sorted(channels.items())],
        "misunderstood": [
            {"channel": unkey(channel), "language": language or "-", "predicted": n,
             "misunderstood": bad, "rate": ratio(bad, n)}
            for channel, languages in sorted(summary.get("misunderstood", {}).items())
            for language, (n, bad) in sorted(languages.items())],
        "verification": [
            {"channel": unkey(channel), "attempted": n, "verified": ok, "locked": locked,
             "success": ratio(ok, n)}
            for channel, (n, ok, locked) in sorted(summary.get("verification", {}).items())],
        "trend": [{"day": d, "conversations": t, "contained": k, "containment": ratio(k, t)}
                  for d, (t, k) in sorted(summary.get("trend", {}).items())],
    }

