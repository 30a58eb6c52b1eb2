"""Money rounding, and the draft → issued → exported life of a document."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.domain.billing import (
    BillingDocument,
    BillingError,
    DocumentKind,
    DocumentLine,
    DocumentState,
    DocumentTransitionError,
    LineKind,
    MoneyError,
    apply_change,
    money,
    percent_of,
    to_cents,
    transition,
)
from backend.domain.errors import InvalidTransition

D = Decimal


@pytest.mark.parametrize(("raw", "cents"), [
    ("0.005", "0.01"), ("0.004", "0.00"), ("2.675", "2.68"), ("1.115", "1.12"),
    ("-0.005", "-0.01"), ("10", "10.00"), ("7.8749", "7.87"),
])
def test_to_cents_rounds_half_up(raw: str, cents: str) -> None:
    assert to_cents(D(raw)) == D(cents)
    assert to_cents(D(raw)).as_tuple().exponent == -2


def test_money_parses_strings_ints_and_decimals_never_floats() -> None:
    assert money("1450.00") == D("1450.00")
    assert money(3) == D("3.00")
    for bad in (1.5, True, "abc", "NaN", "Infinity"):
        with pytest.raises(MoneyError):
            money(bad)  # type: ignore[arg-type]


def test_percentages() -> None:
    assert percent_of(D("37.50"), D("21")) == D("7.88")
    assert apply_change(D("100.00"), D("2.5")) == D("102.50")
    assert apply_change(D("105.06"), D("2.5")) == D("107.69")
    assert apply_change(D("100.00"), D("-10")) == D("90.00")


def test_negative_lines_are_refused() -> None:
    with pytest.raises(BillingError):
        DocumentLine(LineKind.PART, "refund?", D(-1), D("10.00"), D(21))


@pytest.mark.parametrize(("current", "target"), [
    (DocumentState.DRAFT, DocumentState.ISSUED),
    (DocumentState.ISSUED, DocumentState.EXPORTED),
])
def test_allowed_transitions(current: DocumentState, target: DocumentState) -> None:
    assert transition(current, target) is target


@pytest.mark.parametrize(("current", "target"), [
    (DocumentState.DRAFT, DocumentState.EXPORTED),
    (DocumentState.DRAFT, DocumentState.DRAFT),
    (DocumentState.ISSUED, DocumentState.DRAFT),
    (DocumentState.ISSUED, DocumentState.ISSUED),
    (DocumentState.EXPORTED, DocumentState.DRAFT),
    (DocumentState.EXPORTED, DocumentState.ISSUED),
    (DocumentState.EXPORTED, DocumentState.EXPORTED),
])
def test_invalid_transitions_raise(current: DocumentState, target: DocumentState) -> None:
    with pytest.raises(DocumentTransitionError) as caught:
        transition(current, target)
    assert isinstance(caught.value, InvalidTransition) and isinstance(caught.value, BillingError)
    assert caught.value.extra() == {"current": current.value, "target": target.value}


def test_document_life() -> None:
    draft = BillingDocument(DocumentKind.DELIVERY_NOTE, "INC-00457", "C-1001", ())
    exported = draft.issue().export()
    assert (draft.state, exported.state) == (DocumentState.DRAFT, DocumentState.EXPORTED)
    with pytest.raises(DocumentTransitionError):
        exported.issue()
