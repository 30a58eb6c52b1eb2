"""Console sign-in and server-side sessions (expire after a lifetime and when idle)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete

from backend.adapters.orm.agents import Agent, AgentSession
from backend.domain.errors import InvalidRequest
from backend.domain.handoff_errors import CsrfRefused, NoSession, SignInFailed
from backend.domain.handoff_policy import HandoffPolicy
from backend.domain.language import LANGUAGES
from backend.services.handoff.agents import agent_view, queues_of
from backend.services.handoff.passwords import hash_password, needs_rehash, verify_password
from backend.services.platform.uow import UnitOfWorkFactory

TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class AgentContext:
    """Who is calling the console, resolved from the session cookie."""

    username: str
    name: str
    role: str
    language: str
    queues: tuple[str, ...]
    csrf: str
    available: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def sees(self, queue: str) -> bool:
        return self.is_admin or queue in self.queues

    def check_csrf(self, token: str | None) -> None:
        if not token or not hmac.compare_digest(token.encode(), self.csrf.encode()):
            raise CsrfRefused("missing or wrong X-CSRF-Token header")

    def view(self) -> dict[str, Any]:
        return {"username": self.username, "name": self.name, "role": self.role,
                "language": self.language, "queues": list(self.queues),
                "available": self.available}


def session_id(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def sign_in(uows: UnitOfWorkFactory, policy: HandoffPolicy, username: str,
                  password: str) -> tuple[str, AgentContext]:
    """A new session secret (for the cookie) and the agent; SignInFailed otherwise."""
    refused = SignInFailed("wrong username or password")
    async with uows() as uow:
        now = uow.clock()
        agent = await uow.session.get(Agent, username.strip().lower())
        ok = verify_password(agent.password_hash if agent else None, password)
        if agent is None or not agent.active:
            raise refused
        if not ok:
            # counted for the record only: throttling is per (username, address) in the
            # API (backend/api/login_guard.py), so a stranger cannot lock the agent out
            agent.failed_logins += 1
            await uow.commit()
            raise refused
        agent.failed_logins, agent.locked_until = 0, None
        if needs_rehash(agent.password_hash):
            agent.password_hash = hash_password(password)
        secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        uow.session.add(AgentSession(id=session_id(secret), username=agent.username, csrf=csrf,
                                     created_at=now, expires_at=now + policy.session_ttl,
                                     last_seen_at=now))
        await uow.commit()
        queues = tuple(await queues_of(uow, agent.username))
        return secret, AgentContext(agent.username, agent.name, agent.role, agent.language,
                                    queues, csrf, agent.available)


async def resolve(uows: UnitOfWorkFactory, policy: HandoffPolicy, secret: str | None
                  ) -> AgentContext:
    if not secret:
        raise NoSession("sign in first")
    async with uows() as uow:
        now = uow.clock()
        row = await uow.session.get(AgentSession, session_id(secret))
        if row is None:
            raise NoSession("sign in first")
        agent = await uow.session.get(Agent, row.username)
        if (agent is None or not agent.active or row.expires_at <= now
                or row.last_seen_at + policy.idle_ttl <= now):
            await uow.session.delete(row)
            await uow.commit()
            raise NoSession("your session has expired; sign in again")
        if now - row.last_seen_at >= TOUCH_EVERY:
            row.last_seen_at = now
            await uow.commit()
        queues = tuple(await queues_of(uow, agent.username))
        return AgentContext(agent.username, agent.name, agent.role, agent.language, queues,
                            row.csrf, agent.available)


async def sign_out(uows: UnitOfWorkFactory, secret: str | None) -> None:
    if not secret:
        return
    async with uows() as uow:
        await uow.session.execute(delete(AgentSession).where(AgentSession.id == session_id(secret)))
        await uow.commit()


async def set_available(uows: UnitOfWorkFactory, username: str, available: bool
                        ) -> dict[str, Any]:
    return await _set_profile(uows, username, available=available)


async def set_language(uows: UnitOfWorkFactory, username: str, language: str
                       ) -> dict[str, Any]:
    """The console's language for this agent (their profile: any browser, next sign-in)."""
    if language not in LANGUAGES:
        raise InvalidRequest(f"language must be one of {', '.join(LANGUAGES)}")
    return await _set_profile(uows, username, language=language)


async def _set_profile(uows: UnitOfWorkFactory, username: str, **changes: Any
                       ) -> dict[str, Any]:
    async with uows() as uow:
        agent = await uow.session.get(Agent, username)
        if agent is None:
            raise NoSession("sign in first")
        for name, value in changes.items():
            setattr(agent, name, value)
        await uow.commit()
        return agent_view(agent, await queues_of(uow, username))
