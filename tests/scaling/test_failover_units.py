"""Fast checks of the failover pieces, without the scaled stack: the keep-alive wrapper of
tools/stack_scaled.py, the gateway's re-asking of Rasa about a message sent again, the
rendered nginx configuration (``nginx -t``; action calls resent only when never sent), the
read-only actions that Rasa asks again (they call no writing backend method; the patch in
deploy/rasa_patches asks again for those only), and the failover bench's plan
(bench/failover_load.py) and its check (bench/failover_check.py) that a status question
was answered by the status action."""

from __future__ import annotations

import ast
import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, cast

import pytest

from channels.core.backend_client import BackendClient
from channels.core.models import BotMessage, InboundMessage, StoredInbound
from channels.core.pipeline import Pipeline
from channels.core.rasa_client import RasaClient

ROOT = Path(__file__).resolve().parents[2]
STACK_SCALED = ROOT / "tools/stack_scaled.py"
sys.path.insert(0, str(ROOT / "tools"))


def _keep_alive(*command: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(STACK_SCALED), "--keep-alive", "demo", "--",
                             *command], stdout=subprocess.PIPE, text=True,
                            start_new_session=True)


def _next_pid(proc: subprocess.Popen[str]) -> int:
    assert proc.stdout is not None
    while line := proc.stdout.readline():
        found = re.search(r"\[keep-alive\] demo pid (\d+) \(start \d+\)", line)
        if found:
            return int(found[1])
    raise AssertionError("the wrapper stopped before starting its command")


def test_keep_alive_restarts_a_killed_process_and_stops_on_sigterm() -> None:
    wrapper = _keep_alive("sleep", "60")
    try:
        first = _next_pid(wrapper)
        os.kill(first, signal.SIGKILL)
        second = _next_pid(wrapper)
        assert second != first
        os.killpg(wrapper.pid, signal.SIGTERM)
        assert wrapper.wait(timeout=10) is not None
        assert "(start 3)" not in (wrapper.stdout.read() if wrapper.stdout else "")
    finally:
        if wrapper.poll() is None:
            os.killpg(wrapper.pid, signal.SIGKILL)


def test_keep_alive_gives_up_on_a_process_that_keeps_dying_at_start() -> None:
    started = time.monotonic()
    wrapper = _keep_alive("/bin/sh", "-c", "exit 3")
    out, _ = wrapper.communicate(timeout=30)
    assert wrapper.returncode == 3
    assert out.count("(start ") == 3 and "giving up" in out
    assert time.monotonic() - started < 15


class _Rasa:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    async def send(self, conversation_id: str, text: str, channel: str, address: str,
                   message_id: str | None = None, resent: bool = False) -> list[BotMessage]:
        self.calls.append({"text": text, "message_id": message_id, "resent": resent})
        return [BotMessage(text=f"echo: {text}")]


class _Backend:
    def __init__(self) -> None:
        self.stored: list[str] = []
        self.reply_to: list[str | None] = []

    async def store_outbound(self, conversation_id: str, reply: BotMessage,
                             reply_to: str | None = None) -> str:
        self.stored.append(reply.text or "")
        self.reply_to.append(reply_to)
        return f"MSG-{len(self.stored)}"


def _respond(replay: bool, duplicate: bool) -> tuple[tuple[BotMessage, ...], _Rasa, _Backend]:
    rasa, backend = _Rasa(), _Backend()
    pipeline = Pipeline(cast(BackendClient, backend), cast(RasaClient, rasa),
                        replay_duplicates=replay)
    stored = StoredInbound("CONV-00001", "MSG-00007", duplicate, "bot", None, False, ())
    message = InboundMessage("rest", "ana", "hola", provider_message_id="w-1")
    result = asyncio.run(pipeline.respond(message, stored))
    return result.replies, rasa, backend


def test_a_message_sent_again_is_re_asked_with_its_id_when_rasa_replays() -> None:
    replies, rasa, backend = _respond(replay=True, duplicate=True)
    assert [r.text for r in replies] == ["echo: hola"]
    assert rasa.calls == [{"text": "hola", "message_id": "MSG-00007", "resent": True}]
    assert backend.stored == ["echo: hola"]
    assert backend.reply_to == ["MSG-00007"]  # the backend keeps the replayed reply once
    _, rasa, _ = _respond(replay=True, duplicate=False)
    assert rasa.calls == [{"text": "hola", "message_id": "MSG-00007", "resent": False}]


def test_without_replay_a_message_sent_again_is_not_answered_and_no_id_is_sent() -> None:
    replies, rasa, backend = _respond(replay=False, duplicate=True)
    assert replies == () and rasa.calls == [] and backend.stored == []
    _, rasa, _ = _respond(replay=False, duplicate=False)
    assert rasa.calls == [{"text": "hola", "message_id": None, "resent": False}]


def test_rendered_nginx_configuration_is_valid(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed")
    import stack_scaled

    conf = stack_scaled.render_nginx(
        tmp_path, {"gateway": 18080, "backend": 18000, "rasa": 15005, "actions": 15055},
        {"gateway": [1, 2], "backend": [3, 4], "rasa": [5, 6], "actions": [7, 8]})
    text = conf.read_text()
    assert "proxy_next_upstream error http_502 http_503 non_idempotent;" in text
    # the action servers: a call is resent only when it never reached the replica
    actions = text[text.index("listen 127.0.0.1:15055;"):]
    actions = actions[:actions.index("proxy_pass http://actions;")]
    assert "proxy_next_upstream error http_502 http_503;" in actions
    assert "non_idempotent" not in actions.split("proxy_next_upstream", 1)[1]
    assert "server 127.0.0.1:7 " in text and "server 127.0.0.1:8 " in text
    checked = subprocess.run([nginx, "-t", "-c", str(conf), "-e", str(tmp_path / "e.log")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr


BACKEND = ROOT / "actions/backend.py"


def _writing_methods() -> set[str]:
    """BackendClient's methods that POST (all the others GET)."""
    tree = ast.parse(BACKEND.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.AsyncFunctionDef) and not node.name.startswith("_"):
            calls = [c for c in ast.walk(node) if isinstance(c, ast.Call)
                     and isinstance(c.func, ast.Attribute) and c.func.attr == "_call"]
            assert calls, node.name
            if any(isinstance(a, ast.Constant) and a.value != "GET"
                   for c in calls for a in c.args[:1]):
                found.add(node.name)
    return found


def _actions_and_backend_calls() -> dict[str, set[str]]:
    """Action name -> the BackendClient methods it may call, through the functions and the
    classes of the actions package it uses (by name), transitively."""
    direct: dict[str, set[str]] = {}
    uses: dict[str, set[str]] = {}
    names: dict[str, str] = {}  # class -> action name
    for path in sorted((ROOT / "actions").glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            direct[node.name] = {
                c.func.attr for c in ast.walk(node) if isinstance(c, ast.Call)
                and isinstance(c.func, ast.Attribute) and isinstance(c.func.value, ast.Call)
                and isinstance(c.func.value.func, ast.Name) and c.func.value.func.id == "client"}
            uses[node.name] = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if isinstance(node, ast.ClassDef):
                uses[node.name] |= {b.id for b in node.bases if isinstance(b, ast.Name)}
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "name":
                        returned = [r.value.value for r in ast.walk(item)
                                    if isinstance(r, ast.Return)
                                    and isinstance(r.value, ast.Constant)]
                        if returned:  # a name computed at run time is no constant
                            names[node.name] = str(returned[0])

    def reach(name: str, seen: set[str]) -> set[str]:
        calls = set(direct.get(name, set()))
        for used in uses.get(name, set()) - seen:
            if used in direct:
                calls |= reach(used, seen | {used})
        return calls

    return {action: reach(cls, {cls}) for cls, action in names.items()}


# Writes the backend makes once however often they are asked: moving an incident to the
# machine it is already on answers it unchanged (services/incidents/handlers.py
# change_equipment), and a cancelled incident cannot be cancelled again (409
# invalid_transition, domain/incident.py). action_check_identity reaches both (a correction
# of the incident just filed, the "yes" to a cancellation: actions/refile.py, actions/cancel.py
# prepare_cancel), so asking it again after a failed call writes nothing twice.
REPEATABLE_WRITES = frozenset({"change_equipment", "cancel_incident"})
# Writes one action makes only until they have taken effect: action_check_status files a
# status question that says the machine is worse now as a report on the incident
# (actions/status.py worse_now) only while the incident's priority is below the one read;
# the report raises it, so the action asked again finds it raised and files nothing.
REPEATABLE_IN = {"action_check_status": frozenset({"create_incident", "answer_report"})}


def test_the_actions_rasa_asks_again_only_read_from_the_backend() -> None:
    import stack_scaled

    writing = _writing_methods()
    assert {"create_incident", "start_verification", "check_code", "handoff"} <= writing
    assert writing >= REPEATABLE_WRITES
    assert "identity" not in writing and "open_incidents" not in writing
    actions = _actions_and_backend_calls()
    assert set(stack_scaled.READ_ONLY_ACTIONS) <= set(actions)
    for name in stack_scaled.READ_ONLY_ACTIONS:
        once = writing - REPEATABLE_WRITES - REPEATABLE_IN.get(name, frozenset())
        assert not actions[name] & once, (name, actions[name] & once)
    # and the writers are left out (each calls a POST)
    assert actions["action_create_incident"] & writing
    assert actions["validate_verification_form"] & writing
    assert actions["action_check_status"] == {"incident", "open_incidents",
                                              *REPEATABLE_IN["action_check_status"]}


RETRY_SCRIPT = """
import asyncio, importlib.util, sys
from rasa.core.actions import action
from rasa.shared.exceptions import RasaException
calls = []
async def fake(self, *args, **kwargs):
    calls.append(self.name())
    if self.name() == "rejected":
        raise action.ActionExecutionRejection("rejected")
    if len([c for c in calls if c == self.name()]) < 2:
        raise RasaException("the action server died")
    return ["done"]
action.RemoteAction.run = fake
spec = importlib.util.spec_from_file_location("patches", sys.argv[1])
patches = importlib.util.module_from_spec(spec)
spec.loader.exec_module(patches)
patches.RETRY_PAUSE_S = 0.0
async def main():
    assert await action.RemoteAction("action_check_status", None).run(None, None, None, None) \
        == ["done"]
    for name in ("action_create_incident", "rejected"):
        try:
            await action.RemoteAction(name, None).run(None, None, None, None)
        except RasaException:
            pass
        else:
            raise AssertionError(name)
asyncio.run(main())
print(calls)
"""


def test_rasa_asks_again_for_a_read_only_action_only() -> None:
    python = ROOT / ".venv/bot/bin/python"
    if not python.exists():
        pytest.skip("the bot environment (.venv/bot) is not built")
    done = subprocess.run(
        [str(python), "-c", RETRY_SCRIPT, str(ROOT / "deploy/rasa_patches/sitecustomize.py")],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "AVISA_RASA_RETRY_ACTIONS": "action_check_status,rejected",
             "AVISA_RASA_VALIDATOR_CACHE": "0"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == str(
        ["action_check_status", "action_check_status", "action_create_incident", "rejected"])


def test_failover_plan_mixes_small_talk_and_verified_status_questions() -> None:
    from bench.failover_load import plan_for

    plan, emails = plan_for(8)
    assert len(plan) == 8 and len(emails) == 4
    for sender, messages in plan.items():
        load = [m for m in messages if not m.setup]
        assert len(load) == 6
        if sender in emails:
            assert [m.setup for m in messages[:3]] == [True] * 3
            assert sum(m.status for m in load) == 3
        else:
            assert not any(m.status or m.setup for m in messages)
    assert len(set(emails.values())) == 4


def test_a_status_question_counts_only_when_the_actions_answered() -> None:
    from bench.failover_check import status_answered

    def user() -> dict[str, Any]:
        return {"type": "user", "text": "?"}

    ok: list[dict[str, Any]] = [{"type": "action", "name": "action_check_identity"},
          {"type": "slot", "name": "verified", "value": True},
          {"type": "action", "name": "action_check_status"},
          {"type": "bot", "text": "No open incidents"}]
    lost: list[dict[str, Any]] = [  # action_check_identity's call failed: no slot set
            {"type": "action", "name": "action_check_identity"},
            {"type": "action", "name": "action_check_status"},
            {"type": "bot", "text": "?"}]
    silent = [*ok[:3], {"type": "action", "name": "action_listen"}]
    events: list[dict[str, Any]] = [user(), *ok, user(), *lost, user(), *silent, user(),
                                    {"type": "bot"}]
    assert status_answered(events) == [True, False, False, False]


def test_requests_sent_to_a_stopped_action_server_are_seen_in_its_receive_queue(
        tmp_path: Path) -> None:
    from bench.failover_load import unread_requests

    table = tmp_path / "tcp"
    table.write_text(
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt\n"
        "   0: 0100007F:BA47 00000000:0000 0A 00000000:00000000 00:00000000 00000000\n"
        "   1: 0100007F:BA47 0100007F:D2F0 01 00000000:00004A1C 00:00000000 00000000\n"
        "   2: 0100007F:D2F0 0100007F:BA47 01 00000000:00000000 00:00000000 00000000\n"
        "   3: 0100007F:1F90 0100007F:D2F1 01 00000000:00000200 00:00000000 00000000\n")
    assert unread_requests(0xBA47, str(table)) == 1
    assert unread_requests(0x1F90, str(table)) == 1
    assert unread_requests(0xD2F0, str(table)) == 0
    assert unread_requests(1, str(tmp_path / "missing")) == 0
