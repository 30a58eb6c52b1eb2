"""What dispatch sends, as outbox rows: the job card (Telegram buttons, or numbered SMS
choices), the full service order by e-mail, replies to technicians, supervisors' alerts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Contact, CoverageRecord, Customer, Incident, Technician
from backend.adapters.orm.dispatch import Dispatch, TechnicianProfile
from backend.domain.routing import Queue, Supervisor
from backend.domain.routing.texts import button, lang, say
from backend.domain.routing.texts_field import word
from backend.domain.technician_text.fold import gsm_safe
from backend.services.dedupe.texts import DISPLAY_TIMEZONE
from backend.services.dispatch.photos import photo_ids, with_links_line
from backend.services.dispatch.technicians import Reach, reach
from backend.services.platform.uow import UnitOfWork

PREFIX = "t:"  # payloads of technicians' buttons (the gateway passes them verbatim)


def payload(action: str, target: str) -> str:
    return f"{PREFIX}{action}:{target}"


def local(moment: Any) -> str:
    return "-" if moment is None else moment.astimezone(DISPLAY_TIMEZONE).strftime("%d/%m %H:%M")


def buttons(language: str, *pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"title": button(kind, language), "payload": data} for kind, data in pairs]


async def tell(uow: UnitOfWork, to: Reach, text: str, language: str,
               choices: list[dict[str, Any]] | None = None,
               prof: TechnicianProfile | None = None, kind: str = "technician",
               photos: list[str] | None = None) -> None:
    """A message to a technician; on SMS the choices are numbered and remembered, so that
    a reply "1" means the first of them. `photos`: attachment ids sent with it."""
    if prof is not None:
        prof.choices = [c["payload"] for c in choices or []]
    text = with_links_line(text, to.channel, photos or [], language)
    if to.channel == "sms":  # GSM characters: a card in 2-3 messages, not 9-11
        text = gsm_safe(text)
        choices = [c | {"title": gsm_safe(c["title"])} for c in choices or []] or None
    await uow.outbox.add(kind=kind, channel=to.channel, address=to.address, text=text,
                         buttons=choices or None, attachments=photos)


async def job_card(uow: UnitOfWork, incident: Incident, record: CoverageRecord | None,
                   d: Dispatch, language: str) -> str:
    customer = await uow.session.get(Customer, incident.customer_code)
    eq = incident.equipment
    site = eq.site if eq else None
    coverage = record.outcome if record is not None else "?"
    return say("job_card", language, incident=incident.id,
               priority=word(incident.priority, language),
               customer=f"{customer.name if customer else ''} ({incident.customer_code})",
               site=f"{site.name}, {site.address or ''} {site.city or ''}".strip() if site else "-",
               equipment=f"{eq.model or eq.family} · {eq.serial}" if eq else "-",
               symptom=incident.symptom, coverage=word(coverage, language),
               due=local(record.response_due if record else None), ack=local(d.ack_due_at))


async def send_offer(uow: UnitOfWork, incident: Incident, record: CoverageRecord | None,
                     d: Dispatch, tech: Technician, prof: TechnicianProfile) -> None:
    language = lang(prof.language)
    card = await job_card(uow, incident, record, d, language)
    to = reach(tech, prof)
    photos = await photo_ids(uow, incident)
    if to is not None:
        choices = buttons(language, ("accept", payload("acc", d.id)),
                          ("decline", payload("dec", d.id)))
        text = card if to.channel == "telegram" else f"{card}\n{say('sms_choices', language)}"
        await tell(uow, to, text, language, choices, prof, kind="job_offer", photos=photos)
    if tech.email:
        eq = incident.equipment
        site = eq.site if eq else None
        contact = (await uow.session.execute(select(Contact).where(
            Contact.customer_code == incident.customer_code)
            .order_by(Contact.preferred.desc(), Contact.id))).scalars().first()
        mail = say("service_order_mail", language, order=d.service_order_id or "-",
                   incident=incident.id, card=card, serial=eq.serial if eq else "-",
                   address=site.address if site and site.address else "-",
                   contact=f"{contact.name} {contact.phone or ''}" if contact else "-")
        await uow.outbox.add(kind="service_order", channel="email", address=tech.email,
                             text=with_links_line(mail, "email", photos, language),
                             attachments=photos)


def supervisor_reach(s: Supervisor) -> Reach | None:
    for channel, address in (("telegram", s.telegram_id), ("sms", s.phone), ("email", s.email)):
        if address:
            return Reach(channel, address)
    return None


async def alert_supervisors(uow: UnitOfWork, queue: Queue | None, kind: str,
                            **values: object) -> int:
    count = 0
    for s in queue.supervisors if queue else ():
        to = supervisor_reach(s)
        if to is not None:
            await uow.outbox.add(kind="supervisor_alert", channel=to.channel, address=to.address,
                                 text=say(kind, s.language, **values))
            count += 1
    return count
