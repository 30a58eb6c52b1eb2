"""The five kinds of escalation the hand-back tests drive on the real stack (issue 22,
acceptance 1): how a REST customer brings the conversation to a person, what the agent hands
back with, the customer's next message and what the bot's answer to it says. Shared by
tests/e2e/test_handoff_resume.py (console API) and tests/e2e/test_handoff_browser.py
(headless Chromium)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.e2e.clients import RestUser, http
from tests.e2e.conftest import Stack

MISUNDERSTOOD = re.compile(r"didn't get that|not sure I understood|no te he entendido|"
                           r"haberte entendido", re.IGNORECASE)
QUEUED = re.compile(r"passing you to a person|te paso con una persona|verification is locked",
                    re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    reason: str
    escalate: Callable[[RestUser], str]  # brings the customer to a person; the last words
    slots: dict[str, str]  # what the agent hands back with
    next_message: str
    answer: re.Pattern[str]  # what the bot's answer to it says


def ask_for_a_person(user: RestUser) -> str:
    user.say("I would like to talk to a person, please")
    return "I would like to talk to a person, please"


# Nonsense the model may read one way or another: the test sends two that Rasa's own parser
# (its HTTP API, as the stack runs it) reads as nlu_fallback.
NONSENSE = ("zorgle fimp quaxby", "blent wokka snizzle drub", "qwxz vbnm plok trr",
            "asdkjh qweoiu zxcmnb", "frabjous wug tove brillig", "mmmh hrrk pfff gnnn",
            "lorem ipsum dolor sit amet", "xyzzy plugh frotz", "???", "...", "hmm", "jjjjjj",
            "asdf", "ñ", "x y z", "blorp", "wibble wobble", "kkkkk lllll", "¿¿??", "zzz")


def misread(stack: Stack, text: str) -> bool:
    parsed = http("POST", f"{stack.rasa}/model/parse?token={stack.tokens['AVISA_TOKEN_RASA']}",
                  "", {"text": text})
    return bool(parsed["intent"]["name"] == "nlu_fallback")


def misunderstood_twice(user: RestUser) -> str:
    misreadings = [t for t in NONSENSE if misread(user.stack, t)]
    assert len(misreadings) >= 2, misreadings
    first, second = misreadings[:2]
    user.say(first)
    user.say(second)
    return second


def complaint(user: RestUser) -> str:
    user.say("Hello")
    user.say("thanks")
    user.say("I want to complain: your service is a disgrace, nobody ever came")
    return "I want to complain: your service is a disgrace, nobody ever came"


def locked_verification(user: RestUser) -> str:
    user.say("Our Konica copier keeps jamming paper on every page")
    user.say("C-1009")
    for wrong in ("KM-C300-99991", "KM-C300-99992", "KM-C300-99993"):
        user.say(wrong)
    return "KM-C300-99993"


def critical_incident(user: RestUser) -> str:
    text = "The Xerox XRX-9070-3321 is making a strange smell"  # no urgency: the form asks
    user.say(text)
    user.say("C-1014")
    replies = user.say("XRX-9070-3321")  # the machine's serial as the second factor
    for _ in range(3):  # the form asks which machine (maybe) and how urgent
        titles = user.titles(replies)
        if QUEUED.search("\n".join(replies)):
            break
        if any(t.startswith("Critical") for t in titles):
            replies = user.choose(replies, "Critical")
        elif any("XRX-9070-3321" in t for t in titles):
            replies = user.choose(replies, "XRX-9070-3321")
    assert QUEUED.search(user.transcript()), user.transcript()
    return text


CASES = [
    pytest.param(Case("request_human", ask_for_a_person, {},
                      "My copier KM-C300-01477 is jamming paper",
                      re.compile(r"customer code", re.IGNORECASE)), id="asked-for-a-person"),
    pytest.param(Case("nlu_fallback", misunderstood_twice, {},
                      "thank you", re.compile(r"You're welcome")), id="misunderstood-twice"),
    pytest.param(Case("complain", complaint, {}, "Hello",
                      re.compile(r"hello|hi\b|welcome", re.IGNORECASE)), id="complaint"),
    pytest.param(Case("verification_locked", locked_verification, {"customer_code": "C-1009"},
                      "The copier KM-C300-01477 is jamming paper on every page",
                      re.compile(r"urgent|INC-\d{5}|KM-C300-01477", re.IGNORECASE)),
                 id="verification-locked"),
    pytest.param(Case("rule", critical_incident, {},
                      "What is the status of my incident?",
                      re.compile(r"INC-\d{5}")), id="critical-incident-rule"),
]


def assert_answered(case: Case, user: RestUser, replies: list[str]) -> None:
    """The bot's replies to the customer's next message after the hand-back answer it: not
    "I didn't understand", not the queue again, but what ``case.answer`` expects."""
    said = "\n".join(replies)
    assert not MISUNDERSTOOD.search(said), user.transcript()
    assert not QUEUED.search(said), user.transcript()
    assert case.answer.search(said), user.transcript()
