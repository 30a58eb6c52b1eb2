"""Information given early is used (issue 13 §1): the machine named in an earlier message."""

from __future__ import annotations

from typing import Any

from actions.equipment_match import (
    chosen,
    earlier_texts,
    given_as_proof,
    goes_on_about,
    match_equipment,
    recent_machine,
    times_asked,
)

FLEET = [
    {"id": "EQ-0041", "serial": "LR16-1", "family": "forklift", "model": "Linde R16 HD",
     "description": "reach truck 1.6 t, high-bay aisle 4", "site": {"name": "Getafe"}},
    {"id": "EQ-0042", "serial": "LR16-2", "family": "forklift", "model": "Linde R16 HD",
     "description": "reach truck 1.6 t, high-bay aisle 5", "site": {"name": "Getafe"}},
]


def events(*said: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for text in said:
        found += [{"event": "user", "text": text}, {"event": "bot", "text": "ok"}]
    return found


def test_earlier_messages_newest_first_without_the_latest_nor_buttons() -> None:
    t = events("the reach truck in aisle 4", '/inform{"urgency":"high"}', "b", "c",
                "now it does not lift at all")
    assert earlier_texts(t, turns=2) == ["c", "b"]
    assert earlier_texts(t) == ["c", "b", "the reach truck in aisle 4"]


def test_a_serial_given_to_prove_who_they_are_is_not_an_earlier_report() -> None:
    proof = "I can give u a serial instead: LR16-2"
    t = [*events("need to log an urgent fault", proof),
         {"event": "slot", "name": "otp_code", "value": proof}, {"event": "user", "text": "x"}]
    assert earlier_texts(t) == ["need to log an urgent fault"]


def test_numbers_tell_two_alike_machines_apart() -> None:
    found = match_equipment("Reach truck in aisle 4 at Getafe won't lift above 2m", FLEET)
    assert found is not None and chosen(found) == {
        "equipment_id": "EQ-0041", "serial_number": "LR16-1",
        "equipment_label": "Linde R16 HD (LR16-1)"}
    assert match_equipment("the reach truck at Getafe", FLEET) is None  # which one: asked


def test_which_machine_is_asked_twice_at_most_per_form() -> None:
    ask = {"event": "action", "name": "action_ask_equipment_id"}
    start = {"event": "active_loop", "name": "incident_form"}
    assert times_asked([start, ask, {"event": "user", "text": "the blue one"}, ask]) == 2
    assert times_asked([start, ask, ask, start, ask]) == 1  # a new report starts again
    assert times_asked([]) == 0


LINE_A = [
    {"id": "EQ-0050", "serial": "PKL-4108-M", "family": "packaging_line",
     "model": "MULTIVAC R 245",
     "description": "thermoforming packaging machine, line A (sliced cheese)"},
    {"id": "EQ-0051", "serial": "ISH-0227-W", "family": "packaging_line",
     "model": "Ishida CCW-RV-214W", "description": "multihead weigher feeding line A"},
]


def test_the_machine_of_the_incident_just_filed() -> None:
    filed = [{"event": "slot", "name": "equipment_id", "value": "EQ-0051"},
             {"event": "action", "name": "action_create_incident"},
             {"event": "slot", "name": "equipment_id", "value": None}]
    assert recent_machine([*events("the weigher stopped"), *filed, *events("a")]) == "EQ-0051"
    assert recent_machine([*filed, *events("a", "b", "c", "d")]) is None  # long ago
    assert recent_machine(events("a")) is None


def test_a_message_right_after_a_report_goes_on_about_its_machine() -> None:
    weigher, multivac = LINE_A[1], LINE_A[0]
    text = "line A is down and we've got sliced cheese sitting on the belt, so it's urgent"
    found = match_equipment(text, LINE_A)
    assert found is not None and found["id"] == "EQ-0050"  # by its description's words
    assert goes_on_about(text, multivac, weigher)
    assert not goes_on_about("also the Multivac is leaking", multivac, weigher)
    assert not goes_on_about("the R 245 multivac is leaking", multivac, weigher)
    assert not goes_on_about("PKL-4108-M leaks", multivac, weigher)
    assert not goes_on_about("otra cosa: la de cheese pierde", multivac, weigher)


def test_also_in_text_message_shorthand_is_a_new_topic() -> None:
    """"tb"/"tmb" for "también", as typed in an SMS, turn to another machine as much as the
    full word does; a message without it still goes on about the machine just filed."""
    weigher, multivac = LINE_A[1], LINE_A[0]
    for text in ["y la de cheese tb pierde vacio", "la del queso tmb va mal",
                 "the cheese one is leaking aswell"]:
        assert not goes_on_about(text, multivac, weigher), text
    assert goes_on_about("la de cheese se para a ratos", multivac, weigher)


def test_the_next_item_of_a_list_sent_on_its_own_is_a_new_report() -> None:
    """"1) the weigher…" filed, then "2) the thermoforming one…" is the second item, not
    more about the first; so is "problem 2", "b)" or a bullet."""
    weigher, multivac = LINE_A[1], LINE_A[0]
    for text in ["2) the thermoforming machine keeps losing vacuum on the sliced cheese",
                 "b) la termoformadora del loncheado pierde vacio",
                 "- thermoforming machine: film tears on every third pack",
                 "Problem 2: the cheese packer seals badly", "3. la de envasar queso no sella"]:
        assert not goes_on_about(text, multivac, weigher), text
    assert goes_on_about("and the sliced cheese is piling up on the belt", multivac, weigher)


def test_a_serial_given_only_to_verify_is_not_the_faulty_machine() -> None:
    proof = "I can give u a serial instead: LR16-2"
    said = [*events("need to log an urgent fault", proof),
            {"event": "slot", "name": "otp_code", "value": proof}, *events("CRAH 1 alarming")]
    assert given_as_proof("LR16-2", said, FLEET)
    assert not given_as_proof("LR16-1", said, FLEET)  # not what they gave
    named = [*events("the reach truck in aisle 5 won't lift", proof),
             {"event": "slot", "name": "otp_code", "value": proof}, *events("now")]
    assert not given_as_proof("LR16-2", named, FLEET)  # the report names that one too
