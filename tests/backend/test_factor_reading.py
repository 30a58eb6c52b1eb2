"""Reading second factors out of what people type (backend/domain/factors.py)."""

from __future__ import annotations

import pytest

from backend.domain.factors import emails, serial_candidates, serial_key


@pytest.mark.parametrize(("typed", "serial"), [
    ("sn50331", "SN-50331"),
    ("SN 50331", "SN-50331"),
    ("el numero de serie que pone en la etiqueta es SN 51734", "SN-51734"),
    ("The plate on the wrapper says PKL 3350 W.", "PKL-3350-W"),
    ("numero de serie... RF-7021-C creo", "RF-7021-C"),
    ("en la pegatina del equipo pone RF 1130 E", "RF-1130-E"),
    ("serial instead: SRV-4401-CS", "SRV-4401-CS"),
])
def test_a_serial_typed_as_people_type_it_is_among_the_candidates(typed: str,
                                                                   serial: str) -> None:
    assert serial_key(serial) in serial_candidates(typed)


@pytest.mark.parametrize("typed", ["I don't know any serial numbers sorry", "si", "12",
                                   "C-1", "write to ana@example.com"])
def test_no_serial_without_four_characters_and_a_digit(typed: str) -> None:
    assert serial_candidates(typed) == set()


def test_candidates_do_not_join_across_an_email_and_stay_few() -> None:
    assert serial_candidates("ana@ex4mple.com") == set()
    assert len(serial_candidates(" ".join(f"a{n}" for n in range(100)))) <= 3 * 100


def test_emails_in_a_sentence_are_read_in_lower_case() -> None:
    assert emails("mi correo es SCalvo@AutoServicios.es.") == {"scalvo@autoservicios.es"}
    assert emails("no tengo correo") == set()
