"""Avisa past one machine's defaults (``make run-scaled``): PostgreSQL for the backend and
for Rasa's SQL tracker store, Redis for Rasa's lock store, two replicas each of the
backend, the gateway and Rasa (one action server) behind nginx (deploy/nginx.conf.template).

    python tools/stack_scaled.py [--fresh]

The balancer listens where the single stack would: AVISA_GATEWAY_PORT (8080),
AVISA_BACKEND_PORT (8000), AVISA_RASA_PORT (5005); replicas get free ports.
Settings (environment): AVISA_PG (postgres@127.0.0.1:5432), AVISA_SCALED_DB (avisa_scaled),
AVISA_SCALED_RASA_DB (avisa_rasa), AVISA_REDIS (127.0.0.1:6379), AVISA_SCALED_REDIS_DB (1),
AVISA_TOKENS_FILE, AVISA_MODEL, AVISA_REPLICAS (2), AVISA_LB_READ_TIMEOUT (60s),
NGINX (nginx on PATH or /usr/sbin/nginx).
``--fresh`` drops and recreates both databases and loads the demo data; without it, they
are created only when missing.

One leader: the backend's schedulers take a PostgreSQL advisory lock
(backend/services/leader.py); the IMAP poller, which runs in the gateway, is configured on
the first gateway replica only. The outbox is claimed by both gateways with
``FOR UPDATE SKIP LOCKED`` (backend/services/outbox.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from string import Template

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import rasa_token, read_env_file
from supervisor import Proc, supervise

ROOT = Path(__file__).resolve().parent.parent
APP_BIN = ROOT / ".venv/app/bin"
BOT_BIN = ROOT / ".venv/bot/bin"
IMAP_PREFIX = "AVISA_IMAP_"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def nginx_binary(environ: dict[str, str]) -> str:
    found = environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise SystemExit("nginx is missing: `apt-get install -y nginx-light` (as root), "
                         "or `make run-scaled`, which installs it")
    return found


def database_urls(environ: dict[str, str]) -> tuple[str, str, str]:
    """(backend's SQLAlchemy URL, Rasa's tracker db name, the server part user@host:port)."""
    server = environ.get("AVISA_PG", "postgres@127.0.0.1:5432")
    name = environ.get("AVISA_SCALED_DB", "avisa_scaled")
    return f"postgresql+asyncpg://{server}/{name}", environ.get(
        "AVISA_SCALED_RASA_DB", "avisa_rasa"), server


def prepare(environ: dict[str, str], fresh: bool) -> None:
    """Databases (created when missing or --fresh), migrations, demo data, Rasa's tables."""
    url, rasa_db, server = database_urls(environ)
    names = [url.rsplit("/", 1)[1], rasa_db]
    script = (
        "import asyncio, asyncpg, sys\n"
        "async def main(dsn, fresh, names):\n"
        "    conn = await asyncpg.connect(dsn)\n"
        "    for name in names:\n"
        "        if fresh:\n"
        "            await conn.execute(f'DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)')\n"
        "        if not await conn.fetchval('SELECT 1 FROM pg_database WHERE datname=$1', name):\n"
        "            await conn.execute(f'CREATE DATABASE \"{name}\"')\n"
        "    await conn.close()\n"
        "asyncio.run(main(sys.argv[1], sys.argv[2] == '1', sys.argv[3:]))\n")
    subprocess.run([str(APP_BIN / "python"), "-c", script, f"postgresql://{server}/postgres",
                    "1" if fresh else "0", *names], check=True)
    env = {**environ, "DATABASE_URL": url}
    tokens = environ.get("AVISA_TOKENS_FILE", str(ROOT / "var/tokens.env"))
    for command in (["tokens", "ensure", "--file", tokens], ["db", "upgrade"],
                    ["demo", "load", "--data", str(ROOT / "data")]):
        subprocess.run([str(APP_BIN / "avisa"), *command], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)


def render_nginx(run_dir: Path, lb: dict[str, int], replicas: dict[str, list[int]],
                 read_timeout: str = "60s") -> Path:
    template = Template((ROOT / "deploy/nginx.conf.template").read_text())
    servers = {f"{kind}_servers": " ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;"
                                           for p in ports)
               for kind, ports in replicas.items()}
    text = template.substitute(run_dir=str(run_dir), read_timeout=read_timeout, **servers,
                               **{f"{kind}_port": str(p) for kind, p in lb.items()})
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / sub).mkdir(exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(text)
    return path


def build(environ: dict[str, str], run_dir: Path) -> tuple[list[Proc], str]:
    count = int(environ.get("AVISA_REPLICAS", "2"))
    lb = {"gateway": int(environ.get("AVISA_GATEWAY_PORT", "8080")),
          "backend": int(environ.get("AVISA_BACKEND_PORT", "8000")),
          "rasa": int(environ.get("AVISA_RASA_PORT", "5005"))}
    replicas = {kind: [free_port() for _ in range(count)] for kind in lb}
    actions_port = int(environ.get("AVISA_ACTIONS_PORT", "5055"))
    tokens_file = Path(environ.get("AVISA_TOKENS_FILE", str(ROOT / "var/tokens.env")))
    model = Path(environ.get("AVISA_MODEL", str(ROOT / "var/models/current.tar.gz"))).resolve()
    url, rasa_db, server = database_urls(environ)
    pg_user, _, pg_hostport = server.partition("@")
    pg_host, _, pg_port = pg_hostport.partition(":")
    redis_host, _, redis_port = environ.get("AVISA_REDIS", "127.0.0.1:6379").partition(":")
    tokens = read_env_file(tokens_file)
    backend_lb = f"http://127.0.0.1:{lb['backend']}"
    common = {
        **tokens,
        "AVISA_TOKENS_FILE": str(tokens_file),
        "DATABASE_URL": url,
        "AVISA_BACKEND_URL": backend_lb,
        "AVISA_RASA_URL": f"http://127.0.0.1:{lb['rasa']}",
        # widget sessions must verify on every gateway replica
        "AVISA_SECRET": environ.get("AVISA_SECRET") or tokens.get("AVISA_TOKEN_GATEWAY", ""),
        "PYTHONUNBUFFERED": "1",
    }
    app_py = str(APP_BIN / "python")
    procs: list[Proc] = []
    for i, port in enumerate(replicas["backend"], 1):
        procs.append(Proc(f"backend-{i}", [app_py, "-m", "backend"], ROOT,
                          f"http://127.0.0.1:{port}/api/health",
                          {**common, "AVISA_BACKEND_PORT": str(port)}))
    procs.append(Proc("actions", [str(BOT_BIN / "python"), "-m", "rasa_sdk", "--actions",
                                  "actions", "-p", str(actions_port)],
                      ROOT, f"http://127.0.0.1:{actions_port}/health", common))
    patches = ("" if environ.get("AVISA_RASA_VALIDATOR_CACHE") == "0"
               else f"{ROOT / 'deploy/rasa_patches'}:")
    rasa_env = {
        **common, "PYTHONPATH": f"{patches}.:{ROOT}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
        "RASA_DB_HOST": pg_host, "RASA_DB_PORT": pg_port or "5432", "RASA_DB_NAME": rasa_db,
        "RASA_DB_USER": pg_user or "postgres", "RASA_REDIS_HOST": redis_host,
        "RASA_REDIS_PORT": redis_port or "6379",
        "RASA_REDIS_DB": environ.get("AVISA_SCALED_REDIS_DB", "1"),
        "RASA_LOCK_PREFIX": environ.get("AVISA_SCALED_LOCK_PREFIX", rasa_db),
    }
    for i, port in enumerate(replicas["rasa"], 1):
        procs.append(Proc(f"rasa-{i}", [
            str(BOT_BIN / "rasa"), "run", "-i", "127.0.0.1", "-p", str(port), "--model",
            str(model), "--endpoints", str(ROOT / "deploy/endpoints.scaled.yml"),
            "--credentials", "credentials.yml", "--enable-api",
            f"--auth-token={rasa_token(common)}"], ROOT / "bot", f"http://127.0.0.1:{port}/", rasa_env))
    for i, port in enumerate(replicas["gateway"], 1):
        env = {**common, "AVISA_GATEWAY_PORT": str(port)}
        if i > 1:  # one IMAP poller: the first replica's (its checkpoint is in the backend)
            env.update({k: "" for k in environ if k.startswith(IMAP_PREFIX)})
        procs.append(Proc(f"gateway-{i}", [app_py, "-m", "channels"], ROOT,
                          f"http://127.0.0.1:{port}/health", env))
    conf = render_nginx(run_dir, lb, replicas, environ.get("AVISA_LB_READ_TIMEOUT", "60s"))
    procs.append(Proc("nginx", [nginx_binary(environ), "-c", str(conf), "-e",
                                str(run_dir / "nginx-error.log"), "-g", "daemon off;"],
                      run_dir, f"http://127.0.0.1:{lb['gateway']}/health", {}))
    gateway = f"http://localhost:{lb['gateway']}"
    banner = "\n".join([
        "", f"Avisa (scaled: {count} replicas each of backend, gateway, rasa; nginx) is running:",
        f"  chat widget        {gateway}/",
        f"  dev outbox (demo)  {gateway}/dev/outbox",
        f"  REST channel       POST {gateway}/webhooks/rest/webhook  (Bearer AVISA_TOKEN_REST)",
        f"  backend API        {backend_lb}/api/openapi.json",
        f"  backend db         {url}",
        (f"  rasa trackers      postgresql://{server}/{rasa_db}; locks redis "
        f"{redis_host}:{rasa_env['RASA_REDIS_PORT']}/{rasa_env['RASA_REDIS_DB']}"),
        "  replicas           " + ", ".join(f"{k} {v}" for k, v in replicas.items()),
        "Press Ctrl-C to stop.", "",
    ])
    return procs, banner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--fresh", action="store_true",
                        help="drop and recreate the databases, load the demo data")
    args = parser.parse_args(argv)
    environ = dict(os.environ)
    nginx_binary(environ)
    prepare(environ, args.fresh)
    with tempfile.TemporaryDirectory(prefix="avisa-nginx-") as run_dir:
        procs, banner = build(environ, Path(run_dir))
        return asyncio.run(supervise(procs, banner, ready_timeout=300.0))


if __name__ == "__main__":
    sys.exit(main())
