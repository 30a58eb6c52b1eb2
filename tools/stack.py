"""Avisa's four processes, started together (``make run``; the end-to-end tests too).

Ports and files come from the environment so that tests can run a second stack
beside a developer's: AVISA_BACKEND_PORT (8000), AVISA_GATEWAY_PORT (8080),
AVISA_RASA_PORT (5005), AVISA_ACTIONS_PORT (5055), DATABASE_URL, AVISA_TOKENS_FILE,
AVISA_MODEL (var/models/current.tar.gz),
AVISA_RASA_TRACKER_DB (Rasa's SQL tracker store, SQLite; see rasa_tracker_db).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from supervisor import Proc, supervise

ROOT = Path(__file__).resolve().parent.parent


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines (comments and blanks ignored)."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def rasa_token(env: dict[str, str]) -> str:
    token = env.get("AVISA_TOKEN_RASA", "")
    if not token:
        raise SystemExit("AVISA_TOKEN_RASA missing from the tokens file: run `avisa tokens ensure`")
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
    common = {
        **read_env_file(tokens_file),
        "AVISA_TOKENS_FILE": str(tokens_file),
        "AVISA_BACKEND_URL": backend_url,
        "AVISA_BACKEND_PORT": port["backend"],
        "AVISA_GATEWAY_PORT": port["gateway"],
        "AVISA_RASA_URL": f"http://127.0.0.1:{port['rasa']}",
        "PYTHONUNBUFFERED": "1",
    }
    app_py = str(ROOT / ".venv/app/bin/python")
    bot_bin = ROOT / ".venv/bot/bin"
    procs = [
        Proc("backend", [app_py, "-m", "backend"], ROOT, f"{backend_url}/api/health", common),
        Proc("actions", [str(bot_bin / "python"), "-m", "rasa_sdk", "--actions", "actions",
                         "-p", port["actions"]],
             ROOT, f"http://127.0.0.1:{port['actions']}/health", common),
        # --enable-api on loopback, behind AVISA_TOKEN_RASA: the backend resumes the bot
        # after a human handoff (POST /conversations/{id}/tracker/events).
        Proc("rasa", [str(bot_bin / "rasa"), "run", "-i", "127.0.0.1", "-p", port["rasa"],
                      "--model", str(model), "--endpoints", "endpoints.yml",
                      "--credentials", "credentials.yml", "--enable-api",
                      # "=" form: a token may start with "-", which argparse would take
                      # for an option
                      f"--auth-token={rasa_token(common)}"],
             ROOT / "bot", f"http://127.0.0.1:{port['rasa']}/",
             {**common, "PYTHONPATH": f".:{ROOT}", "AVISA_RASA_TRACKER_DB": str(trackers),
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


def main() -> int:
    procs, banner = build(dict(os.environ))
    return asyncio.run(supervise(procs, banner))


if __name__ == "__main__":
    sys.exit(main())
