"""Serving a fake provider's aiohttp app on a free loopback port, the one way the fakes do."""

from __future__ import annotations

from aiohttp import web


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    """Start ``app`` on 127.0.0.1 (a port the kernel picks); the runner and its base URL."""
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"


async def stop(runner: web.AppRunner | None) -> None:
    if runner is not None:
        await runner.cleanup()
