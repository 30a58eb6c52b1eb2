"""Technicians' side of the desk: profiles (language, absences), one-time Telegram link
codes, recognising a technician by their linked chat or phone, and where to reach them."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Technician
from backend.adapters.orm.dispatch import TechnicianProfile
from backend.domain.errors import InvalidRequest, NotFound
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

CODE_TTL = timedelta(hours=24)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass(frozen=True)
class Reach:
    """Where a technician receives jobs: linked Telegram first, else SMS to the phone."""

    channel: str
    address: str


def code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


async def technician(uow: UnitOfWork, tech_id: str) -> Technician:
    found = await uow.session.get(Technician, tech_id.strip().upper())
    if found is None:
        raise NotFound(f"technician {tech_id} not found", id=tech_id)
    return found


async def profile(uow: UnitOfWork, tech_id: str) -> TechnicianProfile:
    found = await uow.session.get(TechnicianProfile, tech_id)
    if found is None:
        found = TechnicianProfile(technician_id=tech_id, language="es", absences=[], choices=[])
        uow.session.add(found)
        await uow.session.flush()
    return found


def reach(tech: Technician, prof: TechnicianProfile) -> Reach | None:
    if prof.telegram_id:
        return Reach("telegram", prof.telegram_id)
    if tech.phone:
        return Reach("sms", tech.phone)
    return None


async def issue_link_code(uows: UnitOfWorkFactory, tech_id: str) -> dict[str, Any]:
    async with uows() as uow:
        tech = await technician(uow, tech_id)
        prof = await profile(uow, tech.id)
        code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        prof.code_hash, prof.code_expires_at = code_hash(code), uow.clock() + CODE_TTL
        await uow.commit()
        return {"technician_id": tech.id, "name": tech.name, "code": code,
                "expires_at": prof.code_expires_at.isoformat(),
                "telegram": f"/start {code}"}


async def link_telegram(uow: UnitOfWork, code: str, chat_id: str) -> Technician | None:
    """The technician whose pending code this is, now linked to `chat_id`; else None."""
    found = (await uow.session.execute(select(TechnicianProfile).where(
        TechnicianProfile.code_hash == code_hash(code)))).scalar_one_or_none()
    if found is None or found.code_expires_at is None or found.code_expires_at < uow.clock():
        return None
    for other in (await uow.session.execute(select(TechnicianProfile).where(
            TechnicianProfile.telegram_id == chat_id))).scalars():
        other.telegram_id = None  # one chat, one technician
    found.telegram_id, found.linked_at = chat_id, uow.clock()
    found.code_hash = found.code_expires_at = None
    return await uow.session.get(Technician, found.technician_id)


async def by_address(uow: UnitOfWork, channel: str, address: str
                     ) -> tuple[Technician, TechnicianProfile] | None:
    """Only linked chats count on Telegram; on SMS the phone on file is the link."""
    if channel == "telegram":
        prof = (await uow.session.execute(select(TechnicianProfile).where(
            TechnicianProfile.telegram_id == address))).scalar_one_or_none()
        tech = await uow.session.get(Technician, prof.technician_id) if prof else None
        return (tech, prof) if tech and prof else None
    if channel == "sms":
        tech = (await uow.session.execute(select(Technician).where(
            Technician.phone == address))).scalars().first()
        return (tech, await profile(uow, tech.id)) if tech else None
    return None


async def set_profile(uows: UnitOfWorkFactory, tech_id: str, body: dict[str, Any]
                      ) -> dict[str, Any]:
    async with uows() as uow:
        tech = await technician(uow, tech_id)
        prof = await profile(uow, tech.id)
        if "language" in body:
            if body["language"] not in ("es", "en"):
                raise InvalidRequest("language is es or en", field="language")
            prof.language = body["language"]
        if "absences" in body:
            prof.absences = [_absence(a) for a in body["absences"]]
        await uow.commit()
        return {"technician_id": tech.id, "language": prof.language,
                "absences": prof.absences, "telegram_linked": prof.telegram_id is not None}


def _absence(raw: Any) -> list[str]:
    try:
        first, last = date.fromisoformat(raw["from"]), date.fromisoformat(raw["to"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidRequest("an absence is {from: YYYY-MM-DD, to: YYYY-MM-DD}",
                             field="absences") from exc
    if last < first:
        raise InvalidRequest("an absence ends on or after it starts", field="absences")
    return [first.isoformat(), last.isoformat()]


def absences_of(prof: TechnicianProfile | None) -> tuple[tuple[date, date], ...]:
    if prof is None:
        return ()
    return tuple((date.fromisoformat(a), date.fromisoformat(b)) for a, b in prof.absences)
