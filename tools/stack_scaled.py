"""Avisa past one machine's defaults (``make run-scaled``): PostgreSQL for the backend and
for Rasa's SQL tracker store, Redis for Rasa's lock store, two replicas each of the
backend, the gateway, Rasa and the action server behind nginx (deploy/nginx.conf.template).

    python tools/stack_scaled.py [--fresh]

The balancer listens where the single stack would: AVISA_GATEWAY_PORT (8080),
AVISA_BACKEND_PORT (8000), AVISA_RASA_PORT (5005), AVISA_ACTIONS_PORT (5055: Rasa's action
endpoint); replicas get free ports.
Settings (environment): AVISA_PG (postgres@127.0.0.1:5432), AVISA_SCALED_DB (avisa_scaled),
AVISA_SCALED_RASA_DB (default: the backend's, AVISA_SCALED_DB), AVISA_REDIS (127.0.0.1:6379),
AVISA_SCALED_REDIS_DB (1),
AVISA_TOKENS_FILE, AVISA_MODEL, AVISA_REPLICAS (2), AVISA_LB_READ_TIMEOUT (120s),
NGINX (nginx on PATH or /usr/sbin/nginx), AVISA_RASA_LOCK_LIFETIME (60 s, Rasa's default:
how long a Rasa replica that died keeps the conversations it was handling waiting; shorter
lets two messages of one conversation be handled at once when one takes longer than that),
AVISA_RASA_TIMEOUT for the gateways (100 s here: above that wait plus the handling).
``--fresh`` drops and recreates both databases and loads the demo data; without it, they
are created only when missing.

One leader: the backend's schedulers take a PostgreSQL advisory lock
(backend/services/platform/leader.py); the IMAP poller, which runs in the gateway, is configured on
the first gateway replica only. The outbox is claimed by both gateways with
``FOR UPDATE SKIP LOCKED`` (backend/services/platform/outbox.py).

Failover: every replica runs under ``--keep-alive``, which restarts
it when it dies on its own (SIGKILL, crash) and prints ``[keep-alive] <name> pid <pid>``
each time it starts one; a stop (SIGTERM/SIGINT from the supervisor) is passed on and not
restarted. nginx resends a request whose Rasa replica died to the other one, and Rasa's
REST channel is idempotent per message id (deploy/idempotent_rest.py,
deploy/credentials.scaled.yml); the gateways re-ask Rasa about a message the customer sent
again (AVISA_RASA_REPLAY), which answers it once. An action call is resent to the other
action server by nginx only when it never reached the dead one (safe for every action); one
that was sent when its replica died is asked again by Rasa only for the actions that write
nothing (READ_ONLY_ACTIONS, deploy/rasa_patches/sitecustomize.py): the backend's writes
(incident, verification code, cancel, slot, consent, handoff) carry no idempotency key, so
resending one could do it twice. docs/performance.md, "Failover".

    python tools/stack_scaled.py --keep-alive NAME -- COMMAND...

nginx's configuration is rendered by tools/scaled_nginx.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common.envfile import read_env_file
from tools.scaled_nginx import nginx_binary, render_nginx
from tools.stack import rasa_token
from tools.stack_launch import free_port
from tools.supervisor import Proc, supervise

ROOT = Path(__file__).resolve().parent.parent
APP_BIN = ROOT / ".venv/app/bin"
BOT_BIN = ROOT / ".venv/bot/bin"
SHORT_LIFE = 60.0  # keep-alive: a replica that dies this soon after its start…
GIVE_UP = 3  # …this many times in a row is not restarted again
# Custom actions that only read from the backend (GET) or call it not at all: Rasa asks the
# action servers again when such a call failed after it was sent (its replica died). The
# others write (POST) without an idempotency key and are never resent once sent.
# action_check_identity may move the incident just filed or confirm a cancellation: both
# writes happen once however often they are asked (tests/scaling/test_failover_units.py
# REPEATABLE_WRITES); action_check_status files "it is worse now" as a report only while the
# incident's priority is below the one read, and the report raises it (REPEATABLE_IN).
READ_ONLY_ACTIONS = (
    "action_check_identity", "action_check_status", "action_check_coverage",
    "action_keep_incident", "action_ask_equipment_id",
    "action_reset_form", "validate_incident_form", "validate_maintenance_form",
)


def database_urls(environ: dict[str, str]) -> tuple[str, str, str]:
    """(backend's SQLAlchemy URL, Rasa's tracker db name, the server part user@host:port)."""
    server = environ.get("AVISA_PG", "postgres@127.0.0.1:5432")
    name = environ.get("AVISA_SCALED_DB", "avisa_scaled")
    # Rasa's trackers in the backend's own database unless told otherwise: dialogue state
    # lives and dies with its conversations (issue 19)
    return f"postgresql+asyncpg://{server}/{name}", environ.get(
        "AVISA_SCALED_RASA_DB") or name, server


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


def keep_alive(name: str, argv: list[str]) -> int:
    """Runs ``argv`` again whenever it dies on its own; returns once stopped by a signal, or
    with the child's code when it died ``GIVE_UP`` times in a row within ``SHORT_LIFE``
    seconds of its start (a broken configuration: the supervisor then stops the stack)."""
    child: list[subprocess.Popen[bytes]] = []
    stopping: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        stopping.append(signum)
        if child and child[-1].poll() is None:
            child[-1].send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    starts = short = 0
    while not stopping:
        child.append(subprocess.Popen(argv))
        started = time.monotonic()
        starts += 1
        print(f"[keep-alive] {name} pid {child[-1].pid} (start {starts})", flush=True)
        code = child[-1].wait()
        if stopping:
            return code
        short = short + 1 if time.monotonic() - started < SHORT_LIFE else 0
        if short >= GIVE_UP:
            print(f"[keep-alive] {name} died {short} times in a row within {SHORT_LIFE:.0f} s "
                  "of its start; giving up", flush=True)
            return code
        print(f"[keep-alive] {name} pid {child[-1].pid} exited with {code}; "
              "restarting in 1 s", flush=True)
        time.sleep(1.0)
    return 0


def kept(name: str, argv: list[str]) -> list[str]:
    return [str(APP_BIN / "python"), str(Path(__file__).resolve()), "--keep-alive", name,
            "--", *argv]


def build(environ: dict[str, str], run_dir: Path) -> tuple[list[Proc], str]:
    count = int(environ.get("AVISA_REPLICAS", "2"))
    lb = {"gateway": int(environ.get("AVISA_GATEWAY_PORT", "8080")),
          "backend": int(environ.get("AVISA_BACKEND_PORT", "8000")),
          "rasa": int(environ.get("AVISA_RASA_PORT", "5005")),
          "actions": int(environ.get("AVISA_ACTIONS_PORT", "5055"))}
    replicas = {kind: [free_port() for _ in range(count)] for kind in lb}
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
    rasa_token(common)  # present before anything starts (tools/rasa_serve.py passes it on)
    app_py = str(APP_BIN / "python")
    procs: list[Proc] = []
    for i, port in enumerate(replicas["backend"], 1):
        procs.append(Proc(f"backend-{i}", kept(f"backend-{i}", [app_py, "-m", "backend"]), ROOT,
                          f"http://127.0.0.1:{port}/api/health",
                          {**common, "AVISA_BACKEND_PORT": str(port)}))
    for i, port in enumerate(replicas["actions"], 1):
        procs.append(Proc(f"actions-{i}", kept(f"actions-{i}", [
            str(BOT_BIN / "python"), "-m", "actions.server", "-p",
            str(port)]), ROOT, f"http://127.0.0.1:{port}/health", common))
    # deploy/rasa_patches always (the read-only actions' retry); its validator cache stays
    # off with AVISA_RASA_VALIDATOR_CACHE=0 (passed on in the environment)
    rasa_env = {
        **common, "PYTHONPATH": f"{ROOT / 'deploy/rasa_patches'}:.:{ROOT}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{lb['actions']}/webhook",
        "AVISA_RASA_RETRY_ACTIONS": ",".join(READ_ONLY_ACTIONS),
        "RASA_DB_HOST": pg_host, "RASA_DB_PORT": pg_port or "5432", "RASA_DB_NAME": rasa_db,
        "RASA_DB_USER": pg_user or "postgres", "RASA_REDIS_HOST": redis_host,
        "RASA_REDIS_PORT": redis_port or "6379",
        "RASA_REDIS_DB": environ.get("AVISA_SCALED_REDIS_DB", "1"),
        "RASA_LOCK_PREFIX": environ.get("AVISA_SCALED_LOCK_PREFIX", rasa_db),
        # a replica killed mid-message leaves its Redis ticket; the next message of that
        # conversation (nginx resends it to the other replica) waits until it expires
        "TICKET_LOCK_LIFETIME": environ.get("AVISA_RASA_LOCK_LIFETIME", "60"),
    }
    for i, port in enumerate(replicas["rasa"], 1):
        procs.append(Proc(f"rasa-{i}", kept(f"rasa-{i}", [
            str(BOT_BIN / "python"), str(ROOT / "tools/rasa_serve.py"), "run", "-i",
            "127.0.0.1", "-p", str(port), "--model",
            str(model), "--endpoints", str(ROOT / "deploy/endpoints.scaled.yml"),
            "--credentials", str(ROOT / "deploy/credentials.scaled.yml"), "--enable-api"]),
            ROOT / "bot", f"http://127.0.0.1:{port}/",
            rasa_env))
    for i, port in enumerate(replicas["gateway"], 1):
        env = {**common, "AVISA_GATEWAY_PORT": str(port),
               "AVISA_RASA_REPLAY": environ.get("AVISA_RASA_REPLAY", "1"),
               "AVISA_RASA_TIMEOUT": environ.get("AVISA_RASA_TIMEOUT", "100"),
               # per-client limits keyed on the address nginx puts in X-Forwarded-For
               "AVISA_TRUSTED_PROXIES": environ.get("AVISA_TRUSTED_PROXIES", "127.0.0.1")}
        # Every replica may poll the mailbox: the backend's lease lets one at a time.
        procs.append(Proc(f"gateway-{i}", kept(f"gateway-{i}", [app_py, "-m", "channels"]), ROOT,
                          f"http://127.0.0.1:{port}/health", env))
    conf = render_nginx(run_dir, lb, replicas, environ.get("AVISA_LB_READ_TIMEOUT", "120s"),
                        environ)
    procs.append(Proc("nginx", [nginx_binary(environ), "-c", str(conf), "-e",
                                str(run_dir / "nginx-error.log"), "-g", "daemon off;"],
                      run_dir, f"http://127.0.0.1:{lb['gateway']}/health", {}))
    gateway = f"http://localhost:{lb['gateway']}"
    banner = "\n".join([
        "", (f"Avisa (scaled: {count} replicas each of backend, gateway, rasa, actions; nginx) "
             "is running:"),
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
    parser.add_argument("--keep-alive", metavar="NAME",
                        help="(internal) run the command after `--` again when it dies")
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.keep_alive:
        return keep_alive(args.keep_alive, args.command)
    environ = dict(os.environ)
    nginx_binary(environ)
    prepare(environ, args.fresh)
    with tempfile.TemporaryDirectory(prefix="avisa-nginx-") as run_dir:
        procs, banner = build(environ, Path(run_dir))
        code: int = asyncio.run(supervise(procs, banner, ready_timeout=300.0))
        return code


if __name__ == "__main__":
    sys.exit(main())
