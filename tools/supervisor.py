"""A small process supervisor: one prefixed log stream, clean stop, loud death.

Runs a list of :class:`Proc` at once, prints every line they write as
``name | line``, waits for each one's readiness URL, then prints the URLs
to open. Ctrl-C (SIGINT) or SIGTERM stops every process group (SIGTERM,
then SIGKILL after a grace period). When one process dies on its own, the
others are stopped and :func:`supervise` returns 1 after naming it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

COLOURS = ("\033[36m", "\033[35m", "\033[33m", "\033[32m", "\033[34m", "\033[31m")
RESET = "\033[0m"
GRACE_SECONDS = 10.0


@dataclass(frozen=True)
class Proc:
    name: str
    argv: Sequence[str]
    cwd: Path
    ready_url: str
    env: dict[str, str] = field(default_factory=dict)


def _tag(index: int, name: str, width: int) -> str:
    label = f"{name:<{width}} |"
    if not sys.stdout.isatty():
        return label
    return f"{COLOURS[index % len(COLOURS)]}{label}{RESET}"


async def _pump(stream: asyncio.StreamReader, tag: str) -> None:
    while line := await stream.readline():
        sys.stdout.write(f"{tag} {line.decode(errors='replace').rstrip()}\n")
        sys.stdout.flush()


def answers(url: str) -> bool:
    """Whether ``url`` answers at all (any status below 500) within two seconds."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(200 <= response.status < 500)
    except OSError:
        return False


async def _wait_ready(procs: Sequence[Proc], deadline: float) -> list[str]:
    """Names of the processes still not answering at the deadline."""
    pending = list(procs)
    while pending and time.monotonic() < deadline:
        answered = await asyncio.gather(
            *(asyncio.to_thread(answers, p.ready_url) for p in pending))
        pending = [p for p, ok in zip(pending, answered, strict=True) if not ok]
        if pending:
            await asyncio.sleep(0.5)
    return [p.name for p in pending]


async def _stop(children: dict[str, asyncio.subprocess.Process]) -> None:
    for child in children.values():
        if child.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGTERM)
    waiters = [c.wait() for c in children.values()]
    try:
        await asyncio.wait_for(asyncio.gather(*waiters), GRACE_SECONDS)
    except TimeoutError:
        for child in children.values():
            if child.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)
        await asyncio.gather(*(c.wait() for c in children.values()))


async def supervise(procs: Sequence[Proc], banner: str, ready_timeout: float | None = None) -> int:
    """Run ``procs`` until a signal (returns 0) or until one dies (returns 1).

    ``ready_timeout`` defaults to AVISA_READY_TIMEOUT, else 180 s (a loaded machine, or
    several Rasa workers loading the model at once, can need more)."""
    if ready_timeout is None:
        ready_timeout = float(os.environ.get("AVISA_READY_TIMEOUT") or 180.0)
    width = max(len(p.name) for p in procs)
    children: dict[str, asyncio.subprocess.Process] = {}
    pumps: list[asyncio.Task[None]] = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    for index, proc in enumerate(procs):
        child = await asyncio.create_subprocess_exec(
            *proc.argv, cwd=proc.cwd, env={**os.environ, **proc.env},
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, start_new_session=True)
        children[proc.name] = child
        assert child.stdout is not None
        pumps.append(asyncio.create_task(_pump(child.stdout, _tag(index, proc.name, width))))

    deaths: dict[asyncio.Task[Any], str] = {
        asyncio.create_task(c.wait()): name for name, c in children.items()}
    stopping = asyncio.create_task(stop.wait())
    ready = asyncio.create_task(_wait_ready(procs, time.monotonic() + ready_timeout))
    watched: set[asyncio.Task[Any]] = {stopping, ready, *deaths}
    code = 0
    while True:
        done, _ = await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
        if ready in done:
            watched.discard(ready)
            late = ready.result()
            if late:
                print(f"[supervisor] not ready after {ready_timeout:.0f} s: {', '.join(late)}")
                code = 1
                break
            print(banner, flush=True)
        dead = [deaths[t] for t in done if t in deaths]
        if dead:
            for name in dead:
                print(f"[supervisor] {name} exited with code {children[name].returncode}; "
                      "stopping the others", flush=True)
            code = 1
            break
        if stopping in done:
            print("[supervisor] stopping…", flush=True)
            break
    ready.cancel()
    await _stop(children)
    await asyncio.gather(*pumps, return_exceptions=True)
    return code
