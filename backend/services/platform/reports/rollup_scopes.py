"""The filter scopes the rollups keep (rollups.py): none, each channel, each queue, and
each channel together with a queue. A customer is not rolled up (its rows are few and
indexed: reports read the detail rows).

A day's summaries of every scope come from three passes of each report over its rows,
split per channel, per queue and per channel and queue (`scope.pieces`). A piece is named
by a channel, a queue or 'channel|queue'; '*' holds the rows no channel or queue narrows
(every scope counts them), and in the third pass a channel alone the rows of that channel
no queue narrows (every queue of the channel counts them)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select, union

from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.dispatch import RoutingDecision
from backend.domain.channels import CHANNELS
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.summary import Pieces, Summary, merged
from backend.services.platform.uow import UnitOfWork

SPLITS = ("channel", "queue", "pair")  # the passes of a day, in the order _scoped takes


def scope_of(f: Filters) -> str | None:
    """The rolled-up scope answering `f`, or None when `f` is read from the detail rows."""
    if f.customer:
        return None
    if f.channel and f.queue:
        return f"pair:{f.channel}|{f.queue}"
    if f.channel:
        return f"channel:{f.channel}"
    return f"queue:{f.queue}" if f.queue else ""


async def known_queues(uow: UnitOfWork) -> set[str]:
    """Every queue an incident was routed to or a conversation handed to."""
    found = (await uow.session.execute(union(
        select(RoutingDecision.queue), select(Handoff.queue)))).scalars()
    return {q for q in found if q}


def scoped(channels: Pieces, queues: Pieces, pairs: Pieces, known: set[str]
           ) -> Iterator[tuple[str, Summary]]:
    """Every scope's summary from the three split passes of a day: no filter (all the
    channel pieces, with the rows of no channel), each channel, each queue, each channel
    with each queue (each with the shared piece '*')."""
    yield "", merged(channels.values())
    everyone = channels.get("*", {})
    for channel in CHANNELS:
        yield f"channel:{channel}", merged([channels.get(channel, {}), everyone])
    everyone = queues.get("*", {})
    names = sorted(known | set(queues) - {"*"})
    for queue in names:
        yield f"queue:{queue}", merged([queues.get(queue, {}), everyone])
    everyone = pairs.get("*", {})
    for channel in CHANNELS:
        anyqueue = pairs.get(channel, {})
        for queue in names:
            yield (f"pair:{channel}|{queue}",
                   merged([pairs.get(f"{channel}|{queue}", {}), anyqueue, everyone]))
