"""Reasons in plain Spanish and English; the typed errors of bad input."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from backend.domain.coverage import (
    Allowance,
    ClosedWork,
    ContractVersion,
    CoverageError,
    CoveredHours,
    IncidentType,
    Language,
    NaiveDateTimeError,
    PartUsed,
    Reason,
    ReasonCode,
    TermsError,
    UnknownTimeZone,
    Usage,
    decide_coverage,
    render,
)
from backend.domain.coverage.messages import MESSAGES
from backend.domain.errors import InvalidRequest
from tests.coverage.factories import BARE_MACHINE, MACHINE, at, contract, terms


def test_every_code_has_a_message_in_both_languages() -> None:
    for language in Language:
        assert set(MESSAGES[language]) == set(ReasonCode)


def test_rendered_in_spanish_and_english() -> None:
    decision = decide_coverage(
        MACHINE, incident_type=IncidentType.LEAK, moment=at("2026-04-03 10:00"),
        contracts=[contract(allowance=Allowance(hours=Decimal(10)))],
        usage={"CT-0001": Usage(Decimal(8), 3)}, work=ClosedWork(Decimal(3)),
    )
    assert decision.explain("es") == (
        ("Se aplica el contrato CT-0001 (mantenimiento integral), condiciones vigentes "
         "desde el 2025-01-01."),
        "2026-04-03 10:00 está fuera del horario cubierto (mon-fri 08:00-18:00).",
        "El 2026-04-03 es festivo en el calendario es-national.",
        "Se factura el recargo por trabajo fuera de horario.",
        "Solo quedaban 2 de 10 horas: 2 h cubiertas y 1 h facturables.",
    )
    assert decision.explain(Language.EN)[0] == (
        "Contract CT-0001 (full maintenance) applies, terms valid from 2025-01-01.")
    assert decision.explain("en")[-1] == "Only 2 of 10 hours were left: 2 h covered, 1 h billable."


def test_vocabulary_words_are_translated() -> None:
    reason = Reason.of(ReasonCode.INCIDENT_TYPE_NOT_COVERED, contract="CT-0001", incident="leak")
    assert render(reason, "es") == "El contrato CT-0001 no cubre averías de tipo fuga."
    assert render(reason, "en") == "Contract CT-0001 does not cover leak faults."
    assert render(reason, "fr") == render(reason, "es")  # the company default


def test_naive_moment_is_refused() -> None:
    with pytest.raises(NaiveDateTimeError):
        decide_coverage(BARE_MACHINE, incident_type=None, moment=datetime(2026, 3, 10, 10))


def test_overlapping_versions_are_refused() -> None:
    with pytest.raises(TermsError):
        contract(versions=(ContractVersion(date(2025, 1, 1), terms(), valid_to=date(2026, 3, 2)),
                           ContractVersion(date(2026, 3, 1), terms())))


def test_bad_inputs_raise_typed_errors() -> None:
    with pytest.raises(UnknownTimeZone):
        CoveredHours.parse("Europe/Atlantis", "24x7")
    with pytest.raises(TermsError):
        Allowance(hours=Decimal(-1))
    with pytest.raises(CoverageError):
        PartUsed("FLT-100", Decimal(0))
    with pytest.raises(CoverageError):
        Usage(hours=Decimal(-2))


def test_coverage_errors_are_invalid_requests() -> None:
    assert issubclass(CoverageError, InvalidRequest)
