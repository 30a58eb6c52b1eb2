"""Issue 13's customer conversations through the four real processes, one shared stack.

``AVISA_DIALOGUES`` chooses the file (default tests/dialogues/conversations.yml); each
conversation is one test, its checks read through the backend API (tests/dialogues/checks.py)
and recorded in var/results/dialogues.json. Deselected from `make test` (marker
``dialogues``) until the dialogue redesign lands; `make dialogues` runs them.
"""

from __future__ import annotations

import pytest

from tests.dialogues import people
from tests.dialogues.checks import World, evaluate
from tests.dialogues.report import RESULTS, entry, record
from tests.dialogues.script import Conversation, conversations_file, load
from tests.e2e.clients import api
from tests.e2e.conftest import Stack

pytestmark = [pytest.mark.dialogues, pytest.mark.e2e]

SOURCE = conversations_file()
CONVERSATIONS = load(SOURCE)


@pytest.mark.parametrize("conv", CONVERSATIONS, ids=[c.id for c in CONVERSATIONS])
def test_conversation(dialogue_stack: Stack, conv: Conversation) -> None:
    stack = dialogue_stack
    if conv.channel == "email" and stack.mail is None:
        pytest.skip("no Dovecot here (dovecot-imapd): e-mail conversations cannot run")
    code = conv.sender.customer
    setup_id = None
    if "open_incident" in conv.setup:
        setup_id = people.open_setup_incident(stack, code, conv.setup["open_incident"])
    listed = api(stack, "GET", f"/api/incidents?customer={code}", role="AGENTS")["incidents"]
    before = {i["id"] for i in listed}
    since = stack.now()
    person = people.person_for(stack, conv)
    played = people.play(person, conv)
    world = World(stack, conv, played, since, stack.now(), before, setup_id)
    checks = evaluate(world)
    record(RESULTS, str(SOURCE.name), entry(conv.id, conv.channel, conv.language, checks,
                                            person.transcript()))
    people.cancel_all(stack, code, [i["id"] for i in world.new]
                      + ([setup_id] if setup_id else []))
    failed = [f"{c.name}: {c.detail}" for c in checks if not c.passed]
    assert not failed, "\n".join(failed) + "\n" + person.transcript()
