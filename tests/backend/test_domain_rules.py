"""Pure rules: id normalisation, incident state machine, outbox backoff, masking, texts."""

from datetime import timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.domain.errors import InvalidIncidentId, InvalidTransition
from backend.domain.ids import format_id, normalise_incident_id
from backend.domain.incident import State, allowed_targets, transition
from backend.domain.masking import mask
from backend.domain.outbox import MAX_BACKOFF, backoff, gives_up
from backend.domain.texts import otp_text


@pytest.mark.parametrize("typed", ["#457", "457", "inc 457", "INC-457", "INC-00457", " inc-0457 ",
                                   "Incidencia 457", "incident #457"])
def test_people_type_incident_ids_in_many_ways(typed):
    assert normalise_incident_id(typed) == "INC-00457"


@pytest.mark.parametrize("bad", ["", "abc", "#", "INC-", "0", "45a7", "INC-12-3"])
def test_garbage_is_not_an_incident_id(bad):
    with pytest.raises(InvalidIncidentId):
        normalise_incident_id(bad)


@given(st.integers(min_value=1, max_value=10**9))
def test_formatted_ids_normalise_to_themselves(n):
    formatted = format_id("incident", n)
    assert normalise_incident_id(formatted) == formatted
    assert normalise_incident_id(f"#{n}") == formatted


def test_ids_grow_past_five_digits():
    assert format_id("incident", 1) == "INC-00001"
    assert format_id("incident", 123456) == "INC-123456"
    assert format_id("conversation", 7) == "CONV-00007"


def test_forward_path_and_cancel_from_every_non_final_state():
    path = [State.NEW, State.ASSIGNED, State.ACKNOWLEDGED, State.IN_PROGRESS, State.RESOLVED,
            State.CLOSED]
    for current, following in pairwise(path):
        assert transition(current, following) == following
        assert transition(current, State.CANCELLED) == State.CANCELLED


@pytest.mark.parametrize("final", [State.CLOSED, State.CANCELLED])
def test_final_states_go_nowhere(final):
    assert allowed_targets(final) == frozenset()
    with pytest.raises(InvalidTransition):
        transition(final, State.CANCELLED)


def test_skipping_a_step_is_refused():
    with pytest.raises(InvalidTransition) as info:
        transition(State.NEW, State.IN_PROGRESS)
    assert info.value.extra() == {"state": "new", "target": "in_progress"}


def test_backoff_doubles_and_is_capped():
    top, low = (lambda: 0.0), (lambda: 0.999999)  # the draw pinned at both ends
    assert [backoff(n, top) for n in (1, 2, 3)] == [timedelta(seconds=s) for s in (30, 60, 120)]
    assert [backoff(n, low).total_seconds() for n in (1, 2, 3)] == [15.0, 30.0, 60.0]
    assert backoff(30, top) == MAX_BACKOFF
    assert not gives_up(7) and gives_up(8)


def test_destinations_are_masked():
    assert mask("email", "marta.lazaro@talleresebro.es") == "m***@talleresebro.es"
    assert mask("sms", "+34976123456") == "+34******456"
    assert mask("telegram", "100200301") == "Telegram ***301"


def test_otp_text_in_both_languages():
    assert otp_text("en", "123456", 10) == (
        "Avisa: your verification code is 123456 (valid 10 minutes).")
    assert otp_text("es", "123456", 10) == (
        "Avisa: tu código de verificación es 123456 (válido 10 minutos).")
    assert otp_text(None, "1", 1).startswith("Avisa: tu")  # the company default: Spanish
