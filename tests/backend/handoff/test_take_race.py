"""Two agents take the same conversation at the same moment: exactly one wins, every time
(one atomic conditional UPDATE), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from backend.adapters.db import create_engine, session_factory
from backend.adapters.orm import Conversation
from backend.adapters.orm.agents import Handoff, HandoffLog
from backend.domain.handoff_errors import AlreadyTaken
from backend.services.handoff import take as handoff_take
from backend.services.handoff.agents import create_agent
from backend.services.handoff.sessions import AgentContext
from backend.services.platform.uow import UnitOfWorkFactory
from tests.conftest import FakeClock

ROUNDS = 100


def agent(name: str) -> AgentContext:
    return AgentContext(name, name.title(), "agent", "es", ("general",), "csrf", True)


async def test_exactly_one_of_two_concurrent_takes_wins_100_times(db_url):
    engine = create_engine(db_url, pool_size=4) if db_url.startswith("postgresql") else (
        create_engine(db_url))
    uows = UnitOfWorkFactory(session_factory(engine), FakeClock())
    try:
        for name in ("ana", "bea"):
            await create_agent(uows, name, name, "long enough password", "agent", ("general",))
        async with uows() as uow:
            uow.session.add(Conversation(id="CONV-00001", channel="web", address="w",
                                         verified=False, handled_by="agent",
                                         created_at=uow.clock()))
            await uow.commit()
        winners: list[str] = []
        for n in range(ROUNDS):
            async with uows() as uow:
                row = Handoff(conversation_id="CONV-00001", kind="live", reason="request_human",
                              queue="general", state="waiting", summary="", slots={},
                              agent_slots={}, requested_at=uow.clock())
                uow.session.add(row)
                await uow.commit()
                handoff_id = row.id
            results = await asyncio.gather(
                handoff_take.take(uows, agent("ana"), handoff_id),
                handoff_take.take(uows, agent("bea"), handoff_id),
                return_exceptions=True)
            won = [r for r in results if isinstance(r, dict)]
            lost = [r for r in results if isinstance(r, AlreadyTaken)]
            assert len(won) == 1 and len(lost) == 1, (n, results)
            async with uows() as uow:
                stored = await uow.session.get(Handoff, handoff_id)
                assert stored is not None and stored.agent == won[0]["agent"]
            winners.append(won[0]["agent"])
        async with uows() as uow:
            from sqlalchemy import func, select

            taken = await uow.session.scalar(select(func.count()).select_from(HandoffLog).where(
                HandoffLog.kind == "taken"))
        assert taken == ROUNDS  # the loser left no trace
        assert len(winners) == ROUNDS
    finally:
        await engine.dispose()
