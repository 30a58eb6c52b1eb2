"""Issue #9, acceptance 4: killing one replica of each kind (Rasa, action server, gateway,
backend; SIGKILL) while 40 customers talk through nginx loses no customer message. Half of
them are verified customers (customer code + one-time code, before the load) who ask "how is
my incident going?" three times during it: custom actions (action_check_identity,
action_check_status) and their backend calls are on the path when the replicas die; the
action server is stopped, then killed with at least one call unread in its socket, and Rasa
must ask the other one (read-only actions only, deploy/rasa_patches/sitecustomize.py). A
customer whose request fails sends the same message again (same ``metadata.message_id``), as
a widget or a provider does; every message is answered by the bot, once: Rasa's trackers
hold each user turn once, in the order sent, with the bot turns the customer received; every
status question was answered by the status action for the verified customer; the backend
stored each inbound message once and no reply twice; the killed replicas were restarted and
answer again.
The load, the kills and the checks are bench/failover.py's (also ``make bench PART=failover``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import failover
from tests.scaling.conftest import missing

pytestmark = [pytest.mark.scaling, pytest.mark.e2e, pytest.mark.slow]

CONVERSATIONS = 40


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[failover.Stack]:
    lacking = missing()
    if lacking:
        pytest.skip("failover test needs " + ", ".join(lacking))
    work: Path = tmp_path_factory.mktemp("failover")
    with failover.scaled_stack(work) as running:
        yield running
        print(f"\n--- scaled stack log (tail) ---\n{running.text()[-3000:]}")


def test_killing_one_replica_of_each_kind_loses_no_message(stack: failover.Stack) -> None:
    figures = failover.exercise(stack, CONVERSATIONS)
    print("\nfailover figures:", json.dumps(figures, indent=1))
    assert [k["name"] for k in figures["kills"]] == list(failover.KILLS), figures["kills"]
    assert figures["answered"] == figures["messages_sent"] == CONVERSATIONS * 6
    assert figures["status_questions"] == CONVERSATIONS // 2 * 3
    # the action server died with a call in flight (Rasa asked the other one: the checks
    # above; "read_only_actions_asked_again" counts it, 0 when the message's own gateway
    # died meanwhile and the customer's retry was answered instead)
    stalled = next(k for k in figures["kills"] if k["name"].startswith("actions-"))
    assert stalled["calls_in_flight_on_it"] >= 1, figures["kills"]
    assert not figures["problems"], json.dumps(figures["problems"], indent=1)
    assert not figures["not_restarted"], stack.text()[-3000:]
