"""Information given early is used (issue 13 §1): the machine named in an earlier message."""

from __future__ import annotations

from typing import Any

from actions.equipment_match import chosen, earlier_texts, match_equipment, times_asked

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
