"""`avisa technicians link-code T-01`: a one-time code that links a technician's Telegram
chat (the same as POST /api/technicians/{id}/link-code), explained for the admin."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from backend.entrypoints.cli.common import guarded, run_job
from backend.services.dedupe.texts import DISPLAY_TIMEZONE

HOW_TO = """\
One-time Telegram link code for {id} ({name}): {code}
Valid once, until {until} ({zone}); a new code replaces this one.

Give it to the technician privately. On Telegram they open a chat with the Avisa bot and
send exactly:

    {telegram}

The bot answers that the chat is linked; from then on job offers reach {id} there, with
Accept / Decline buttons. If the code has expired or was mistyped, issue a new one."""


def _link_code(args: argparse.Namespace) -> int:
    from backend.services.dispatch.technicians import issue_link_code

    issued: dict[str, Any] = run_job(lambda u: issue_link_code(u, args.id))
    until = datetime.fromisoformat(issued["expires_at"]).astimezone(DISPLAY_TIMEZONE)
    print(HOW_TO.format(id=issued["technician_id"], name=issued["name"], code=issued["code"],
                        until=until.strftime("%d/%m/%Y %H:%M"), zone=DISPLAY_TIMEZONE.key,
                        telegram=issued["telegram"]))
    return 0


def add_parser(groups: Any) -> None:
    sub = groups.add_parser("technicians", help="field technicians").add_subparsers(
        dest="action", required=True)
    p = sub.add_parser("link-code", help="a one-time code to link the technician's Telegram "
                                         "chat (/start CODE), valid 24 h")
    p.add_argument("id", help="technician id, e.g. T-01")
    p.set_defaults(run=guarded(_link_code))
