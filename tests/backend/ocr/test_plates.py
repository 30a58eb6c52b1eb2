"""Serial plates matched in any typed form against one customer's machines only
(backend/domain/plates.py)."""

from __future__ import annotations

import pytest

from backend.domain.plates import PlateMachine, glyph_key, read_machine

EBRO = [PlateMachine("EQ-0001", "CMP-2291-X", "Atlas Copco GA 37 VSD"),
        PlateMachine("EQ-0002", "CMP-3104-K", "Kaeser ASD 40 T"),
        PlateMachine("EQ-0003", "FL-3391-B", "Linde E20 PH"),
        PlateMachine("EQ-0004", "VND-20417", "Azkoyen Vitro S5")]
TWINS = [PlateMachine("EQ-0009", "FL-4410-A", "Jungheinrich ETV 214"),
         PlateMachine("EQ-0010", "FL-4411-A", "Jungheinrich ETV 214")]


@pytest.mark.parametrize("typed", ["CMP-2291-X", "cmp 2291 x", "CMP2291X", "CMP-229I-X",
                                   "CMP-Z29I-X", "cmp-2291-x."])
def test_typed_forms_give_one_key(typed: str) -> None:
    assert glyph_key(typed) == glyph_key("CMP-2291-X")


def test_confusable_glyphs_fold() -> None:
    assert glyph_key("SN-48213") == glyph_key("5N-4B2I3") == glyph_key("sn 48213")
    assert glyph_key("HVAC-OO1") == glyph_key("HVAC-001")


@pytest.mark.parametrize(("text", "expected"), [
    ("ATLAS COPCO\nModel: GA 37 VSD\nS/N: CMP-2291-X\nYear: 2022", "EQ-0001"),
    ("KAESER\nNº serie: CMP 3104 K", "EQ-0002"),
    ("Modelo: Linde E20 PH\nSN: FL-339I-8", "EQ-0003"),       # I for 1, 8 for B
    ("S/N:VND-2O417 400V 50Hz", "EQ-0004"),                    # O for 0, glued to its label
    ("Serial No. CMP-2291-", "EQ-0001"),                       # last character lost
])
def test_plate_text_reads_the_right_machine(text: str, expected: str) -> None:
    reading = read_machine(text, EBRO)
    assert reading.match is not None and reading.match.equipment_id == expected


def test_another_customers_serial_is_never_read() -> None:
    reading = read_machine("Ricoh Pro C5300s  S/N: SN-48213", EBRO)
    assert reading.match is None and reading.candidates == ()


def test_no_serial_in_the_text_asks() -> None:
    assert read_machine("the display says nothing useful", EBRO).match is None
    assert read_machine("", EBRO).match is None


def test_two_alike_serials_read_apart_or_asked() -> None:
    assert read_machine("SN: FL-4411-A", TWINS).match == TWINS[1]
    unclear = read_machine("SN: FL-441?-A", TWINS)
    assert unclear.match is None and set(unclear.candidates) == set(TWINS)


def test_too_garbled_asks() -> None:
    assert read_machine("S/N: CXP-8891-Y", EBRO).match is None

