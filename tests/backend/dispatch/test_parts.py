"""Parts as technicians type them when finishing a job (backend.domain.parts): references
from the price list with a quantity, free text with a quantity and a price in Spanish or
English number formats, several per message, "none", and text that cannot be read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.domain.parts import TypedPart, UnreadablePart, parse_number, parse_parts

KNOWN = ("AC-2901200300", "KS-6.4149.0", "KM-A797R71200", "GEN-HYD-FLT")
D = Decimal


def free(quantity: str, description: str, price: str | None = None,
         unit: str | None = None) -> TypedPart:
    return TypedPart(D(quantity), description=description,
                     unit_price=None if price is None else D(price), unit=unit)


def ref(number: str, quantity: str = "1") -> TypedPart:
    return TypedPart(D(quantity), part_number=number)


ONE_PART = [
    # references from the price list: the list price applies, a bare number is a quantity
    ("AC-2901200300", ref("AC-2901200300")),
    ("AC-2901200300 x 2", ref("AC-2901200300", "2")),
    ("ac-2901200300 X2", ref("AC-2901200300", "2")),
    ("2x ac2901200300", ref("AC-2901200300", "2")),
    ("2 x AC-2901200300", ref("AC-2901200300", "2")),
    ("AC-2901200300 2", ref("AC-2901200300", "2")),
    ("AC-2901200300 (x2)", ref("AC-2901200300", "2")),
    ("AC-2901200300 2 uds", ref("AC-2901200300", "2")),
    ("ks6.4149.0 3", ref("KS-6.4149.0", "3")),
    ("KS-6.4149.0 × 3", ref("KS-6.4149.0", "3")),
    ("2 x AC-2901200300 kit de filtros", ref("AC-2901200300", "2")),
    ("KM-A797R71200 fusor", ref("KM-A797R71200")),
    ("AC-2901200300 x 2 389,00", ref("AC-2901200300", "2")),       # typed price: list wins
    ("AC-2901200300 389,00 €", ref("AC-2901200300")),
    ("gen-hyd-flt x 1,5", ref("GEN-HYD-FLT", "1.5")),
    # free text with quantity and unit price, es and en formats
    ("2 x filtro hidráulico 35,50", free("2", "filtro hidráulico", "35.50")),
    ("belt 12.90", free("1", "belt", "12.90")),
    ("belt 12,90", free("1", "belt", "12.90")),
    ("belt 13€", free("1", "belt", "13")),
    ("belt 13 EUR", free("1", "belt", "13")),
    ("belt €12.90", free("1", "belt", "12.90")),
    ("belt - 12.90", free("1", "belt", "12.90")),
    ("belt: 12.90 each", free("1", "belt", "12.90")),
    ("1 x belt @ 12.90", free("1", "belt", "12.90")),
    ("2x filtro 35,5 €", free("2", "filtro", "35.5")),
    ("filtro 35,50 x 2", free("2", "filtro", "35.50")),
    ("filtro x 2 a 35,50", free("2", "filtro", "35.50")),
    ("filtro x2 @ €1,234.50", free("2", "filtro", "1234.50")),
    ("filtro 1.250,00 €", free("1", "filtro", "1250.00")),
    ("motor 1,250.00", free("1", "motor", "1250.00")),
    ("junta 3 uds 0,80 c/u", free("3", "junta", "0.80")),
    ("3 pcs belt 4.5", free("3", "belt", "4.5")),
    ("2 unidades de filtro de aceite 12,5 €", free("2", "filtro de aceite", "12.5")),
    ("2 filtros hidráulicos a 35,50 € la unidad", free("2", "filtros hidráulicos", "35.50")),
    ("2 filtros 71 € total", free("2", "filtros", "35.5000")),
    ("(x3) tornillo 0.15", free("3", "tornillo", "0.15")),
    ("tornillo (x3) 0,15", free("3", "tornillo", "0.15")),
    ("x2 correa dentada 18", free("2", "correa dentada", "18")),
    ("1,5 m de manguera a 4,20 €/m", free("1.5", "manguera", "4.20", "m")),
    ("3 l aceite 8,20 €/l", free("3", "aceite", "8.20", "l")),
    ("2 litros de refrigerante 9.95", free("2", "refrigerante", "9.95", "litros")),
    ("rodamiento 6204 12,30€", free("1", "rodamiento 6204", "12.30")),
    ("fusible 10A 2,10", free("1", "fusible 10A", "2.10")),
    ("2 x junta tórica 35", free("2", "junta tórica", "35")),
    ("- 1 x sensor PT100 precio 45", free("1", "sensor PT100", "45")),
    # no price: kept, to be priced by an agent
    ("correa SPA 1250", free("1", "correa SPA 1250")),          # a model number, not a price
    ("correa (sin precio)", free("1", "correa")),
    ("pieza rara", free("1", "pieza rara")),
    ("2 x filtro hidráulico", free("2", "filtro hidráulico")),
    ("XY-123 x 4", free("4", "XY-123")),                          # not in the price list
    ("belt ?", free("1", "belt")),
    ("1.500 tornillos", free("1500", "tornillos")),
]


@pytest.mark.parametrize(("text", "expected"), ONE_PART, ids=[c[0] for c in ONE_PART])
def test_one_part(text: str, expected: TypedPart) -> None:
    assert parse_parts(text, KNOWN, "es") == (expected,)


SEVERAL = [
    ("filtro 35,50, correa 12", [free("1", "filtro", "35.50"), free("1", "correa", "12")]),
    ("2 x filtro hidráulico 35,50\nbelt 12.90",
     [free("2", "filtro hidráulico", "35.50"), free("1", "belt", "12.90")]),
    ("AC-2901200300 x 2; belt 12.90", [ref("AC-2901200300", "2"), free("1", "belt", "12.90")]),
    ("- 2 x belt 12,90\n- KM-A797R71200", [free("2", "belt", "12.90"), ref("KM-A797R71200")]),
    ("• belt 12.90\n• correa", [free("1", "belt", "12.90"), free("1", "correa")]),
    ("belt, 12.90", [free("1", "belt", "12.90")]),                # the lone price joins back
    ("2 x filtro, 35,50 €", [free("2", "filtro", "35.50")]),
    ("KM-A797R71200 + 2 x tornillo 0,15", [ref("KM-A797R71200"), free("2", "tornillo", "0.15")]),
]


@pytest.mark.parametrize(("text", "expected"), SEVERAL, ids=[c[0] for c in SEVERAL])
def test_several_parts(text: str, expected: list[TypedPart]) -> None:
    assert list(parse_parts(text, KNOWN, "es")) == expected


@pytest.mark.parametrize("text", ["0", "none", "None", "no", "ninguna", "Ninguno.", "nada", "-",
                                  "sin piezas", "no parts", "n/a"])
def test_no_parts(text: str) -> None:
    assert parse_parts(text, KNOWN) == ()


@pytest.mark.parametrize("text", ["35,50", "2 x", "x 3", "0 x filtro", "99999 x tornillo",
                                  "€ 12", ",,", "   "])
def test_unreadable_text_is_refused_with_the_piece(text: str) -> None:
    with pytest.raises(UnreadablePart) as refused:
        parse_parts(text, KNOWN, "es")
    assert "piece" in refused.value.extra()


def test_needs_price_only_for_free_text_without_a_price() -> None:
    belt, part, priced = parse_parts("belt\nAC-2901200300\nfiltro 3", KNOWN)
    assert belt.needs_price and not part.needs_price and not priced.needs_price


NUMBERS = [
    # text, es, en
    ("12.90", "12.90", "12.90"), ("12,90", "12.90", "12.90"), ("35,5", "35.5", "35.5"),
    ("1.234,56", "1234.56", "1234.56"), ("1,234.56", "1234.56", "1234.56"),
    ("1.234.567", "1234567", "1234567"), ("1,234,567", "1234567", "1234567"),
    ("1'234.50", "1234.50", "1234.50"), ("1 234,56", "1234.56", "1234.56"),
    ("0,500", "0.500", "0.500"), ("2", "2", "2"),
    # one separator before three digits: thousands in the writer's language
    ("1.500", "1500", "1.500"), ("1,500", "1.500", "1500"),
]


@pytest.mark.parametrize(("text", "es", "en"), NUMBERS, ids=[n[0] for n in NUMBERS])
def test_numbers_in_both_languages(text: str, es: str, en: str) -> None:
    assert parse_number(text, "es") == D(es) and str(parse_number(text, "es")) == es
    assert parse_number(text, "en") == D(en)


def test_english_writer_reads_the_same_prices() -> None:
    assert parse_parts("2 x hydraulic filter 1,500.00", KNOWN, "en") == \
        (free("2", "hydraulic filter", "1500.00"),)
    assert parse_parts("belt 1,500", KNOWN, "en") == (free("1", "belt", "1500"),)
    assert parse_parts("belt 1,500", KNOWN, "es") == (free("1", "belt", "1.500"),)
