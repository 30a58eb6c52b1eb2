"""Sign-in throttling that never locks the real agent out (issue 19).

Failures are counted per (username as typed, client address) and per client address, over
a sliding window. Past a few failures that pair must wait, longer after each (1 s, 2 s,
4 s… up to 5 min); an address that fails on many accounts waits too. Nothing is counted
per account alone, so someone guessing from elsewhere slows only themselves down, and
the answer is the same for usernames that exist and those that do not. Per process (each
backend replica counts its own), in memory, with the product clock.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from datetime import datetime, timedelta

from aiohttp import web

from backend.domain.handoff_errors import SignInThrottled

WINDOW = timedelta(minutes=15)
FREE_FAILURES = 3  # per (username, address) before any wait
MAX_WAIT = timedelta(minutes=5)
ADDRESS_FAILURES = 30  # per address, over every username, before it waits
MAX_KEYS = 20_000


class LoginGuard:
    def __init__(self) -> None:
        self._failures: OrderedDict[tuple[str, str], list[datetime]] = OrderedDict()

    def _recent(self, key: tuple[str, str], now: datetime) -> list[datetime]:
        times = [t for t in self._failures.get(key, []) if now - t < WINDOW]
        if times:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times

    def check(self, username: str, address: str, now: datetime) -> None:
        """Raise SignInThrottled while this pair (or this address) must wait."""
        waits = [timedelta(0)]
        pair = self._recent((username.strip().lower(), address), now)
        if len(pair) >= FREE_FAILURES:
            step = timedelta(seconds=2 ** (len(pair) - FREE_FAILURES))
            waits.append(pair[-1] + min(step, MAX_WAIT) - now)
        every = self._recent(("", address), now)
        if len(every) >= ADDRESS_FAILURES:
            waits.append(every[-1] + MAX_WAIT - now)
        wait = max(waits)
        if wait > timedelta(0):
            seconds = max(1, int(wait.total_seconds() + 0.999))
            raise SignInThrottled(f"too many failed sign-ins from here; wait {seconds} s",
                                  retry_after=seconds)

    def failed(self, username: str, address: str, now: datetime) -> None:
        for key in ((username.strip().lower(), address), ("", address)):
            self._failures.setdefault(key, []).append(now)
            self._failures.move_to_end(key)
        while len(self._failures) > MAX_KEYS:
            self._failures.popitem(last=False)

    def succeeded(self, username: str, address: str) -> None:
        self._failures.pop((username.strip().lower(), address), None)


_GUARDS: weakref.WeakKeyDictionary[web.Application, LoginGuard] = weakref.WeakKeyDictionary()


def guard_of(app: web.Application) -> LoginGuard:
    """The application's guard (made on first use: the app is frozen by then)."""
    guard = _GUARDS.get(app)
    if guard is None:
        guard = _GUARDS[app] = LoginGuard()
    return guard
