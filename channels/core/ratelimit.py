"""Limits on anonymous traffic per client (issue 19): token buckets per client address.

Three buckets per client: ``session`` (a new widget session, ``POST /session``, or a REST
sender id the gateway has not seen from that client lately), ``message`` (each REST
message and each widget message frame). A client over its budget gets 429 with a JSON
body that says so in both languages and ``Retry-After``; other clients are untouched,
each having its own buckets. The client is the peer address, or the nearest untrusted
address in ``X-Forwarded-For`` when the peer is a trusted proxy (AVISA_TRUSTED_PROXIES,
e.g. nginx on 127.0.0.1 in the scaled stack).

Settings, read once at start (``RateLimits.from_env``): AVISA_LIMIT_SESSIONS_PER_MINUTE
(20) and AVISA_LIMIT_SESSIONS_BURST (20), AVISA_LIMIT_MESSAGES_PER_MINUTE (120) and
AVISA_LIMIT_MESSAGES_BURST (60); a rate of 0 turns that bucket off.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from aiohttp import web

from channels.core.texts import TEXTS

MAX_CLIENTS = 50_000  # buckets kept (least recently used dropped first)
SEEN_SENDERS = 100_000


@dataclass(frozen=True)
class Budget:
    per_minute: float
    burst: int

    @property
    def on(self) -> bool:
        return self.per_minute > 0 and self.burst > 0


@dataclass(frozen=True)
class RateLimits:
    session: Budget = Budget(20, 20)
    message: Budget = Budget(120, 60)
    trusted_proxies: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> RateLimits:
        def budget(name: str, default: Budget) -> Budget:
            rate = float(environ.get(f"AVISA_LIMIT_{name}_PER_MINUTE") or default.per_minute)
            burst = int(environ.get(f"AVISA_LIMIT_{name}_BURST") or default.burst)
            if rate < 0 or burst < 0:
                raise ValueError(f"AVISA_LIMIT_{name}_*: must be ≥ 0")
            return Budget(rate, burst)

        proxies = environ.get("AVISA_TRUSTED_PROXIES", "")
        return cls(session=budget("SESSIONS", cls.session),
                   message=budget("MESSAGES", cls.message),
                   trusted_proxies=frozenset(p.strip() for p in proxies.split(",") if p.strip()))


class Buckets:
    """Token buckets per key for one budget; ``take`` returns 0 (allowed) or the seconds
    to wait. The clock is injectable (monotonic seconds)."""

    def __init__(self, budget: Budget, clock: Callable[[], float] = time.monotonic) -> None:
        self._budget = budget
        self._clock = clock
        self._state: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> float:
        if not self._budget.on:
            return 0.0
        now = self._clock()
        rate = self._budget.per_minute / 60.0
        tokens, last = self._state.pop(key, (float(self._budget.burst), now))
        tokens = min(float(self._budget.burst), tokens + (now - last) * rate)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) / rate
        self._state[key] = (tokens, now)
        while len(self._state) > MAX_CLIENTS:
            self._state.popitem(last=False)
        return wait


class Limiter:
    """The gateway's buckets and the senders lately seen per client."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.sessions = Buckets(limits.session, clock)
        self.messages = Buckets(limits.message, clock)
        self._senders: OrderedDict[tuple[str, str], None] = OrderedDict()

    def client(self, request: web.Request) -> str:
        peer = request.remote or "unknown"
        if peer not in self.limits.trusted_proxies:
            return peer
        hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",")]
        for hop in reversed([h for h in hops if h]):
            if hop not in self.limits.trusted_proxies:
                return hop
        return peer

    def new_sender(self, client: str, sender: str) -> bool:
        key = (client, sender)
        if key in self._senders:
            self._senders.move_to_end(key)
            return False
        self._senders[key] = None
        while len(self._senders) > SEEN_SENDERS:
            self._senders.popitem(last=False)
        return True


LIMITER = web.AppKey("rate_limiter", Limiter)


def too_many(wait: float) -> web.Response:
    seconds = max(1, math.ceil(wait))
    body = {"error": {"code": "rate_limited", "message": TEXTS["rate_limited"],
                      "retry_after": seconds}}
    return web.json_response(body, status=429, headers={"Retry-After": str(seconds)})


def _rest_sender(raw: bytes) -> str | None:
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):  # the handler answers bad bodies itself
        return None
    sender = body.get("sender") if isinstance(body, dict) else None
    return sender if isinstance(sender, str) else None


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def rate_limit_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """New sessions and messages per client; everything else passes."""
    limiter = request.app[LIMITER]
    if request.method == "POST" and request.path == "/session":
        wait = limiter.sessions.take(limiter.client(request))
        if wait:
            return too_many(wait)
    elif request.method == "POST" and request.path == "/upload":
        wait = limiter.messages.take(limiter.client(request))
        if wait:
            return too_many(wait)
    elif request.method == "POST" and request.path == "/webhooks/rest/webhook":
        client = limiter.client(request)
        wait = limiter.messages.take(client)
        if not wait:
            sender = _rest_sender(await request.read()) if request.can_read_body else None
            if sender is not None and limiter.new_sender(client, sender):
                wait = limiter.sessions.take(client)
        if wait:
            return too_many(wait)
    return await handler(request)


def install(app: web.Application, limits: RateLimits,
            clock: Callable[[], float] = time.monotonic) -> None:
    app[LIMITER] = Limiter(limits, clock)
    app.middlewares.append(rate_limit_middleware)
