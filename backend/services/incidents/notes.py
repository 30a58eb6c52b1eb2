"""The customer's own words on their incidents (issue 13 §1).

Every turn of the intake and every later message of the conversation about an open incident
is kept on that incident as a ``customer_message`` event: the text, who said it (the
conversation's channel and address) and when. Button presses and bare codes (a customer code,
a one-time code: fewer than two words) are not notes.

* :func:`note_intake`: when a report is filed into an incident (opened or merged), the
  conversation's messages since its previous report, or its start, that are not already on
  the incident.
* :func:`note_followup`: a message received later, on the open incident of that
  conversation it names (its machine's model, family or serial), else the latest one.

A message that says who is reporting ("soy Marta Lazaro, jefa de mantenimiento", a
signature, a number to call back) also gives a ``reporter`` event: an unverified contact
of the incident, never one of the customer's contacts. A report sent from a registered
contact's own address (their phone, e-mail, Telegram chat) names that contact as the
reporter (:func:`note_registered_reporter`), though the text names nobody.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import (
    Conversation,
    Equipment,
    Incident,
    IncidentEvent,
    IncidentReport,
    Message,
)
from backend.domain.incident import FINAL_STATES
from backend.domain.reporter import read_reporter
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork

NOTE_KIND = "customer_message"
REPORTER_KIND = "reporter"
REGISTERED = "(registered contact)"
MIN_WORDS = 2
_WORD = re.compile(r"[a-z]{2,}")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def worth_noting(message: Message) -> bool:
    """Typed words, not a button press or a bare code."""
    text = (message.text or "").strip()
    if message.direction != "in" or not text or text.startswith("/"):
        return False
    if (message.payload or {}).get("payload") is not None:
        return False
    return len(_WORD.findall(_fold(text))) >= MIN_WORDS


def who(conversation: Conversation) -> str:
    """The event's actor: the channel and the sender's address."""
    return f"{conversation.channel}:{conversation.address}"[:60]


async def _noted(uow: UnitOfWork, incident_id: str, kind: str = NOTE_KIND) -> set[str]:
    found = await uow.session.scalars(
        select(IncidentEvent.note).where(IncidentEvent.incident_id == incident_id,
                                         IncidentEvent.kind == kind))
    return {n for n in found if n}


async def _note(uow: UnitOfWork, incident_id: str, conversation: Conversation, text: str,
                message: Message) -> None:
    """The message on the incident, and who is reporting when it says so (once each)."""
    event(uow, incident_id, NOTE_KIND, who(conversation), note=text, at=message.created_at)
    reporter = read_reporter(text)
    if reporter is None:
        return
    # who is writing reported every fault this conversation filed ("I'm Hannah Price" after
    # two reports), not only the one this message is about
    for reported in {incident_id, *await _filed_here(uow, conversation)}:
        if reporter.note() not in await _noted(uow, reported, REPORTER_KIND):
            event(uow, reported, REPORTER_KIND, who(conversation), note=reporter.note(),
                  at=message.created_at)
            await uow.session.flush()


async def _filed_here(uow: UnitOfWork, conversation: Conversation) -> set[str]:
    """The open incidents this conversation reported."""
    found = await uow.session.scalars(
        select(IncidentReport.incident_id).join(Incident,
                                                Incident.id == IncidentReport.incident_id)
        .where(IncidentReport.conversation_id == conversation.id,
               Incident.state.not_in([s.value for s in FINAL_STATES])))
    return set(found)


async def note_registered_reporter(uow: UnitOfWork, incident: Incident,
                                   conversation: Conversation) -> None:
    """The registered contact whose address the conversation is, as the incident's reporter
    (once per incident and contact)."""
    if not conversation.verified or conversation.customer_code != incident.customer_code:
        return
    contact = await repo.contact_with_address(uow.session, incident.customer_code,
                                              conversation.channel, conversation.address)
    if contact is None:
        return
    note = f"{contact.name} {REGISTERED}"
    if note not in await _noted(uow, incident.id, REPORTER_KIND):
        event(uow, incident.id, REPORTER_KIND, who(conversation), note=note)
        await uow.session.flush()


async def note_intake(uow: UnitOfWork, incident: Incident, conversation: Conversation,
                      report: IncidentReport) -> int:
    """The intake's messages onto ``incident`` (the report's own text once); how many."""
    await note_registered_reporter(uow, incident, conversation)
    since = await uow.session.scalar(
        select(IncidentReport.at).where(IncidentReport.conversation_id == conversation.id,
                                        IncidentReport.id != report.id)
        .order_by(IncidentReport.at.desc()).limit(1))
    query = select(Message).where(Message.conversation_id == conversation.id,
                                  Message.direction == "in")
    if since is not None:
        query = query.where(Message.created_at > since)
    messages = (await uow.session.scalars(query.order_by(Message.seq))).all()
    done = await _noted(uow, incident.id)
    told = report.text.strip()
    added = 0
    for message in messages:
        text = message.text.strip()
        if worth_noting(message) and text not in done and text not in told:
            await _note(uow, incident.id, conversation, text, message)
            done.add(text)
            added += 1
    return added


def _mentions(text: str, equipment: Equipment | None) -> int:
    if equipment is None:
        return 0
    words = set(_WORD.findall(_fold(text)))
    label = f"{equipment.model or ''} {equipment.family} {equipment.description or ''}"
    named = {w for w in _WORD.findall(_fold(label)) if len(w) > 2}
    serial = re.sub(r"[^0-9a-z]", "", _fold(equipment.serial or ""))
    typed = re.sub(r"[^0-9a-z]", "", _fold(text))
    return len(words & named) + (3 if serial and serial in typed else 0)


async def note_followup(uow: UnitOfWork, conversation: Conversation, message: Message
                        ) -> str | None:
    """``message`` onto the conversation's open incident it is about; its id, or None."""
    if not worth_noting(message):
        return None
    rows = await uow.session.execute(
        select(Incident, IncidentReport.at).join(IncidentReport,
                                                 IncidentReport.incident_id == Incident.id)
        .where(IncidentReport.conversation_id == conversation.id,
               Incident.state.not_in([s.value for s in FINAL_STATES]))
        .order_by(IncidentReport.at.desc(), IncidentReport.id.desc()))
    seen: dict[str, Incident] = {}
    for incident, _ in rows:
        seen.setdefault(incident.id, incident)
    if not seen:
        return None
    ranked = list(seen.values())  # latest report first
    best = max(ranked, key=lambda i: (_mentions(message.text, i.equipment), -ranked.index(i)))
    await _note(uow, best.id, conversation, message.text.strip(), message)
    return best.id
