"""Agent accounts, managed by admins (CLI `avisa agents`, API /api/agents)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select

from backend.adapters.orm.agents import Agent, AgentQueue, AgentSession
from backend.domain.errors import Conflict, InvalidRequest
from backend.domain.handoff_errors import UnknownAgent
from backend.domain.language import language as known_language
from backend.services.handoff.passwords import hash_password
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

ROLES = ("agent", "admin", "manager")  # a manager signs in to read the reports (/reports)
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")


def agent_view(agent: Agent, queues: Sequence[str]) -> dict[str, Any]:
    return {"username": agent.username, "name": agent.name, "role": agent.role,
            "language": agent.language, "active": agent.active, "available": agent.available,
            "queues": sorted(queues)}


async def get_agent(uow: UnitOfWork, username: str) -> Agent:
    agent = await uow.session.get(Agent, username)
    if agent is None:
        raise UnknownAgent(f"agent {username} not found", username=username)
    return agent


async def queues_of(uow: UnitOfWork, username: str) -> list[str]:
    rows = await uow.session.execute(
        select(AgentQueue.queue).where(AgentQueue.username == username)
    )
    return sorted(rows.scalars())


def _check(username: str, role: str, queues: Sequence[str]) -> None:
    if not _NAME.match(username):
        raise InvalidRequest("username: 2-40 lowercase letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise InvalidRequest(f"role must be one of {', '.join(ROLES)}")
    if any(not _NAME.match(q) for q in queues):
        raise InvalidRequest("queue names: lowercase letters, digits, '.', '_' or '-'")


async def create_agent(uows: UnitOfWorkFactory, username: str, name: str, password: str,
                       role: str = "agent", queues: Sequence[str] = ("general",),
                       language: str = "es") -> dict[str, Any]:
    _check(username, role, queues)
    hashed = hash_password(password)
    async with uows() as uow:
        if await uow.session.get(Agent, username) is not None:
            raise Conflict(f"agent {username} already exists", username=username)
        uow.session.add(Agent(username=username, name=name or username, password_hash=hashed,
                              role=role, language=known_language(language),
                              active=True, available=False, failed_logins=0,
                              created_at=uow.clock()))
        await uow.session.flush()
        uow.session.add_all([AgentQueue(username=username, queue=q) for q in sorted(set(queues))])
        await uow.commit()
        return agent_view(await get_agent(uow, username), queues)


async def list_agents(uows: UnitOfWorkFactory) -> dict[str, Any]:
    async with uows() as uow:
        agents = (await uow.session.execute(select(Agent).order_by(Agent.username))).scalars()
        return {"agents": [agent_view(a, await queues_of(uow, a.username)) for a in agents]}


async def set_password(uows: UnitOfWorkFactory, username: str, password: str) -> dict[str, Any]:
    """New password; every open session of the agent ends."""
    hashed = hash_password(password)
    async with uows() as uow:
        agent = await get_agent(uow, username)
        agent.password_hash = hashed
        agent.failed_logins = 0
        agent.locked_until = None
        await uow.session.execute(delete(AgentSession).where(AgentSession.username == username))
        await uow.commit()
        return agent_view(agent, await queues_of(uow, username))


async def set_queues(uows: UnitOfWorkFactory, username: str, queues: Sequence[str],
                     active: bool | None = None, role: str | None = None) -> dict[str, Any]:
    async with uows() as uow:
        agent = await get_agent(uow, username)
        _check(username, role or agent.role, queues)
        await uow.session.execute(delete(AgentQueue).where(AgentQueue.username == username))
        uow.session.add_all([AgentQueue(username=username, queue=q) for q in sorted(set(queues))])
        if role is not None:
            agent.role = role
        if active is not None:
            agent.active = active
            if not active:
                await uow.session.execute(
                    delete(AgentSession).where(AgentSession.username == username))
        await uow.commit()
        return agent_view(agent, queues)
