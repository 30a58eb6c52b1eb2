"""nginx for the scaled stack (tools/stack_scaled.py): the binary, and
deploy/nginx.conf.template rendered with the replicas' ports and the gateway's own rate
limits."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from string import Template

from channels.core.ratelimit import RateLimits

ROOT = Path(__file__).resolve().parent.parent


def nginx_binary(environ: dict[str, str]) -> str:
    found = environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise SystemExit("nginx is missing: `apt-get install -y nginx-light` (as root), "
                         "or `make run-scaled`, which installs it")
    return found


def nginx_limits(environ: Mapping[str, str]) -> dict[str, str]:
    """limit_req rates and bursts from the gateway's own variables (the same budgets as
    channels/core/ratelimit.py): sessions 20/min burst 20, messages 120/min burst 60."""
    limits = RateLimits.from_env(environ)
    out = {}
    for kind, budget in (("session", limits.session), ("message", limits.message)):
        on = budget.on  # a rate of 0 is no limit, as in the gateway
        out[f"{kind}_rate"] = str(max(1, int(budget.per_minute)) if on else 10**6)
        out[f"{kind}_burst"] = str(budget.burst if on else 10**6)
    return out


def render_nginx(run_dir: Path, lb: dict[str, int], replicas: dict[str, list[int]],
                 read_timeout: str = "120s", environ: Mapping[str, str] | None = None) -> Path:
    template = Template((ROOT / "deploy/nginx.conf.template").read_text())
    servers = {f"{kind}_servers": " ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"
                                           for p in ports)
               for kind, ports in replicas.items()}
    text = template.substitute(run_dir=str(run_dir), read_timeout=read_timeout, **servers,
                               **nginx_limits(environ or {}),
                               **{f"{kind}_port": str(p) for kind, p in lb.items()})
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / sub).mkdir(exist_ok=True)
        if os.geteuid() == 0:  # nginx's workers run as nobody: they write bodies and
            (run_dir / sub).chmod(0o1733)  # answers that do not fit in memory here
    if os.geteuid() == 0:
        run_dir.chmod(0o711)  # (a TemporaryDirectory is 0700)
    path = run_dir / "nginx.conf"
    path.write_text(text)
    return path
