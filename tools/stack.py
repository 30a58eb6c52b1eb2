"""Avisa's four processes, started together (``make run``; the end-to-end tests too).

Ports and files come from the environment so that tests can run a second stack
beside a developer's: AVISA_BACKEND_PORT (8000), AVISA_GATEWAY_PORT (8080),
AVISA_RASA_PORT (5005), AVISA_ACTIONS_PORT (5055), DATABASE_URL, AVISA_TOKENS_FILE,
AVISA_MODEL (var/models/current.tar.gz),
AVISA_RASA_TRACKER_DB (Rasa's SQL tracker store, SQLite; see rasa_tracker_db; with a
PostgreSQL DATABASE_URL and this unset, the trackers are kept in that database, see
rasa_postgres),
AVISA_RASA_VALIDATOR_CACHE (1; 0 runs Rasa without deploy/rasa_patches, see rasa_pythonpath),
AVISA_RASA_SQLITE_WAL (1; read by deploy/rasa_patches/sitecustomize.py),
AVISA_RASA_FAST_LOAD (1; 0: Rasa's own model load, see deploy/rasa_patches/sitecustomize.py),
AVISA_RASA_WORKERS (1; more needs Redis, see rasa_workers),
AVISA_CLOCK_START / AVISA_CLOCK_OFFSET (the product clock; see clock_env).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.config import clock_offset
from common.envfile import read_env_file
from tools.private_files import protect
from tools.supervisor import Proc, supervise

ROOT = Path(__file__).resolve().parent.parent
RASA_PATCHES = ROOT / "deploy/rasa_patches"


def clock_env(environ: dict[str, str]) -> dict[str, str]:
    """The product clock as one offset for every process: AVISA_CLOCK_START is turned into
    AVISA_CLOCK_OFFSET here, once, so that the processes (each starting a little later)
    agree on the time to the millisecond. Nothing set: the real clock."""
    if not (environ.get("AVISA_CLOCK_START") or environ.get("AVISA_CLOCK_OFFSET")):
        return {}
    offset = clock_offset(environ).total_seconds()
    return {"AVISA_CLOCK_START": "", "AVISA_CLOCK_OFFSET": repr(offset)}


def rasa_token(env: dict[str, str]) -> str:
    return required_token(env, "AVISA_TOKEN_RASA")


def required_token(env: dict[str, str], var: str) -> str:
    token = env.get(var, "")
    if not token:
        raise SystemExit(f"{var} missing from the tokens file: run `avisa tokens ensure`")
    return token


def rasa_tracker_db(environ: dict[str, str]) -> Path:
    """Rasa's SQL tracker store file (bot/endpoints.yml): AVISA_RASA_TRACKER_DB, else
    rasa-trackers.db beside a SQLite DATABASE_URL (each test stack its own), else var/."""
    if environ.get("AVISA_RASA_TRACKER_DB"):
        return Path(environ["AVISA_RASA_TRACKER_DB"]).resolve()
    url = environ.get("DATABASE_URL", "")
    if url.startswith("sqlite") and ":///" in url:
        return Path(url.split(":///", 1)[1]).resolve().parent / "rasa-trackers.db"
    return ROOT / "var" / "rasa-trackers.db"


def rasa_postgres(environ: dict[str, str]) -> dict[str, str] | None:
    """With a PostgreSQL DATABASE_URL (and no AVISA_RASA_TRACKER_DB), Rasa keeps its
    trackers in that same database (bot/endpoints.postgres.yml, table ``events``): the
    dialogue state lives and dies with the conversations it belongs to — a fresh, restored
    or reset database brings its own. The variables for that file; None otherwise."""
    url = environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or environ.get("AVISA_RASA_TRACKER_DB"):
        return None
    parts = urlsplit(url)
    return {"RASA_DB_HOST": parts.hostname or "127.0.0.1", "RASA_DB_PORT": str(parts.port or 5432),
            "RASA_DB_NAME": unquote(parts.path.lstrip("/")),
            "RASA_DB_USER": unquote(parts.username or "postgres"),
            "RASA_DB_PASSWORD": unquote(parts.password or "")}


def rasa_pythonpath(environ: dict[str, str]) -> str:
    """Rasa's PYTHONPATH: bot/ (custom NLU components) and the repository (``actions``),
    after deploy/rasa_patches, whose sitecustomize builds the action-answer validator once
    instead of on every action call (−15 to −25 ms of Rasa CPU per message; same validator,
    same schema, same errors) and puts the SQLite tracker store in WAL mode (no fsync stall
    per message; AVISA_RASA_SQLITE_WAL=0 turns only that off); docs/performance.md.
    AVISA_RASA_VALIDATOR_CACHE=0 leaves the whole directory out (stock Rasa), as in
    tools/stack_scaled.py."""
    patches = "" if environ.get("AVISA_RASA_VALIDATOR_CACHE") == "0" else f"{RASA_PATCHES}:"
    return f"{patches}.:{ROOT}"


def rasa_workers(environ: dict[str, str], trackers: Path) -> tuple[str, dict[str, str]]:
    """Rasa's endpoints file and extra environment. AVISA_RASA_WORKERS=N (opt-in, N > 1)
    runs N Sanic workers in the one Rasa process (SANIC_WORKERS) with
    bot/endpoints.workers.yml: the same SQLite tracker store plus Redis locks
    (AVISA_RASA_REDIS_HOST/PORT/DB, default 127.0.0.1:6379 db 1; key prefix per tracker
    file, so two stacks never share a lock). Not the default: `PUT /model` (the admin's
    model switch) reaches one worker only. docs/performance.md has the figures."""
    workers = int(environ.get("AVISA_RASA_WORKERS", "1") or "1")
    if workers <= 1:
        return "endpoints.yml", {}
    prefix = "avisa-" + hashlib.sha1(str(trackers).encode()).hexdigest()[:10]
    return "endpoints.workers.yml", {
        "SANIC_WORKERS": str(workers),
        "AVISA_RASA_REDIS_HOST": environ.get("AVISA_RASA_REDIS_HOST", "127.0.0.1"),
        "AVISA_RASA_REDIS_PORT": environ.get("AVISA_RASA_REDIS_PORT", "6379"),
        "AVISA_RASA_REDIS_DB": environ.get("AVISA_RASA_REDIS_DB", "1"),
        "AVISA_RASA_LOCK_PREFIX": prefix,
    }


def build(environ: dict[str, str]) -> tuple[list[Proc], str]:
    port = {
        "backend": environ.get("AVISA_BACKEND_PORT", "8000"),
        "gateway": environ.get("AVISA_GATEWAY_PORT", "8080"),
        "rasa": environ.get("AVISA_RASA_PORT", "5005"),
        "actions": environ.get("AVISA_ACTIONS_PORT", "5055"),
    }
    tokens_file = Path(environ.get("AVISA_TOKENS_FILE", str(ROOT / "var/tokens.env")))
    model = Path(environ.get("AVISA_MODEL", str(ROOT / "var/models/current.tar.gz"))).resolve()
    backend_url = f"http://127.0.0.1:{port['backend']}"
    trackers = rasa_tracker_db(environ)
    endpoints, workers_env = rasa_workers(environ, trackers)
    postgres = rasa_postgres(environ)
    if postgres is not None:  # one Rasa worker, its trackers in the backend's database
        endpoints, workers_env = "endpoints.postgres.yml", postgres
    common = {
        **read_env_file(tokens_file),
        "AVISA_TOKENS_FILE": str(tokens_file),
        "AVISA_BACKEND_URL": backend_url,
        "AVISA_BACKEND_PORT": port["backend"],
        "AVISA_GATEWAY_PORT": port["gateway"],
        "AVISA_RASA_URL": f"http://127.0.0.1:{port['rasa']}",
        "AVISA_ACTION_SERVER_URL": f"http://127.0.0.1:{port['actions']}",  # /api/health/ready
        "PYTHONUNBUFFERED": "1",
        **clock_env(environ),
    }
    rasa_token(common)  # both secrets present before anything starts
    required_token(common, "AVISA_TOKEN_ACTION_SERVER")
    app_py = str(ROOT / ".venv/app/bin/python")
    bot_bin = ROOT / ".venv/bot/bin"
    procs = [
        Proc("backend", [app_py, "-m", "backend"], ROOT, f"{backend_url}/api/health", common),
        # loopback only (AVISA_ACTIONS_HOST), every call behind AVISA_TOKEN_ACTION_SERVER
        Proc("actions", [str(bot_bin / "python"), "-m", "actions.server",
                         "-p", port["actions"]],
             ROOT, f"http://127.0.0.1:{port['actions']}/health",
             {**common, "AVISA_ACTIONS_HOST": environ.get("AVISA_ACTIONS_HOST", "127.0.0.1")}),
        # --enable-api on loopback, behind AVISA_TOKEN_RASA: the backend resumes the bot
        # after a human handoff (POST /conversations/{id}/tracker/events). The token is
        # added inside the process by tools/rasa_serve.py (from the environment), so that
        # it never appears in the process list.
        Proc("rasa", [str(bot_bin / "python"), str(ROOT / "tools/rasa_serve.py"), "run",
                      "-i", "127.0.0.1", "-p", port["rasa"],
                      "--model", str(model), "--endpoints", endpoints,
                      "--credentials", "credentials.yml", "--enable-api"],
             ROOT / "bot", f"http://127.0.0.1:{port['rasa']}/",
             {**common, "PYTHONPATH": rasa_pythonpath(environ),
              "AVISA_RASA_TRACKER_DB": str(trackers), **workers_env,
              "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{port['actions']}/webhook"}),
        Proc("gateway", [app_py, "-m", "channels"], ROOT,
             f"http://127.0.0.1:{port['gateway']}/health", common),
    ]
    gateway = f"http://localhost:{port['gateway']}"
    banner = "\n".join([
        "",
        "Avisa is running:",
        f"  chat widget        {gateway}/",
        f"  dev outbox (demo)  {gateway}/dev/outbox",
        f"  REST channel       POST {gateway}/webhooks/rest/webhook  (Bearer AVISA_TOKEN_REST)",
        f"  backend API        {backend_url}/api/openapi.json  (Bearer token)",
        f"  agent console      http://localhost:{port['backend']}/console  (avisa agents create)",
        f"  tokens             {tokens_file}",
        "Press Ctrl-C to stop.",
        "",
    ])
    return procs, banner


def private_folders(environ: dict[str, str]) -> list[Path]:
    """Where the stack keeps personal data: var/, the SQLite database's folder, the tokens
    file's and the tracker store's."""
    folders = {ROOT / "var", rasa_tracker_db(environ).parent}
    folders.add(Path(environ.get("AVISA_TOKENS_FILE", str(ROOT / "var/tokens.env"))).parent)
    url = environ.get("DATABASE_URL", "")
    if url.startswith("sqlite") and ":///" in url:
        folders.add(Path(url.split(":///", 1)[1]).resolve().parent)
    return sorted(folders)


def main() -> int:
    # every file the four processes create (databases, Rasa's trackers, logs) is 0600, and
    # so is what an earlier run left (tools/private_files.py)
    os.umask(0o077)
    protect(private_folders(dict(os.environ)))
    procs, banner = build(dict(os.environ))
    return asyncio.run(supervise(procs, banner))


if __name__ == "__main__":
    sys.exit(main())
