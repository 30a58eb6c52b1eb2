"""The filter scopes the rollups keep (rollups.py): none, each channel, each queue, and
each channel together with a queue. A customer is not rolled up (its rows are few and
indexed: reports read the detail rows).

A day's summaries of every scope come from two passes of each report over its rows, split
per channel and per channel and queue (`scope.pieces`). A piece is named by a channel or by
'channel|queue' ('' for no channel); '*' holds the rows no channel or queue narrows (every
scope counts them), and in the second pass a channel alone the rows of that channel no queue
narrows (every queue of the channel counts them). A queue's scope is the merge of its pieces
over every channel: the summaries add up, and each row is in one channel."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select, union

from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.dispatch import RoutingDecision
from backend.domain.channels import CHANNELS
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.summary import Pieces, Summary, merged
from backend.services.platform.uow import UnitOfWork

SPLITS = ("channel", "pair")  # the passes of a day, in the order `scoped` takes them


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


def scoped(channels: Pieces, pairs: Pieces, known: set[str]) -> Iterator[tuple[str, Summary]]:
    """Every scope's summary from the two split passes of a day: no filter (all the channel
    pieces, with the rows of no channel), each channel, each queue, each channel with each
    queue (each with the shared piece '*')."""
    yield "", merged(channels.values())
    everyone = channels.get("*", {})
    for channel in CHANNELS:
        yield f"channel:{channel}", merged([channels.get(channel, {}), everyone])
    by_queue: dict[str, list[Summary]] = {q: [] for q in known}
    anyqueue: list[Summary] = []  # a channel's rows no queue narrows
    for name, summary in pairs.items():
        if "|" in name:
            by_queue.setdefault(name.split("|", 1)[1], []).append(summary)
        elif name != "*":
            anyqueue.append(summary)
    everyone = pairs.get("*", {})
    for queue in sorted(by_queue):
        yield f"queue:{queue}", merged([*by_queue[queue], *anyqueue, everyone])
        for channel in CHANNELS:
            yield (f"pair:{channel}|{queue}", merged(
                [pairs.get(f"{channel}|{queue}", {}), pairs.get(channel, {}), everyone]))
