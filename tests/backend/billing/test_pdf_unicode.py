"""Delivery notes and invoices embed DejaVu Sans (Debian's fonts-dejavu-core, found by package):
names outside Latin-1 and the euro sign print, read back from the PDF's text layer."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from backend.adapters.pdf import render_pdf
from backend.adapters.pdf.fonts import FontMissing, font_files

NAME = "Łukasz Øster-Núñez"
ISSUER = {"name": "Servicios Técnicos Ñandú, S.L.", "tax_id": "B12345678",
          "address": "Calle Mayor 1", "postal_code": "28013", "city": "Madrid",
          "email": "facturas@example.com"}


def note(language: str, kind: str = "delivery_note") -> dict[str, Any]:
    return {
        "kind": kind, "id": "DN-00042", "language": language, "currency": "EUR",
        "issue_date": "2027-01-15", "state": "issued", "incident_id": "INC-0007",
        "service_order_id": "SO-0003", "contract_id": None, "period": None,
        "customer": {"name": NAME, "code": "C-0099", "tax_id": "X1234567L",
                     "address": "Ørestads Boulevard 5, Łódź", "city": "Kraków"},
        "lines": [{"description": "Mano de obra — técnico (1,5 h)", "quantity": "1.5",
                   "unit_price": "48.00", "vat_pct": "21.00", "net": "72.00", "covered": False},
                  {"description": "Junta tórica ø 12 mm", "quantity": "2", "unit_price": "3.10",
                   "vat_pct": "21.00", "net": "6.20", "covered": True}],
        "totals": {"net": "72.00", "vat_by_rate": {"21.00": {"base": "72.00", "vat": "15.12"}},
                   "total": "87.12", "covered": "6.20"},
    }


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("language", ["es", "en"])
def test_delivery_note_prints_the_name_and_the_euro(language: str) -> None:
    text = text_of(render_pdf(note(language), ISSUER))
    assert NAME in text
    assert "€" in text and "EUR " not in text
    assert ("87,12 €" if language == "es" else "87.12 €") in text
    for word in ("Łódź", "Kraków", "Ørestads", "ø 12 mm", "Ñandú", "—"):
        assert word in text, word


def test_invoice_embeds_the_font() -> None:
    pdf = render_pdf(note("es", "contract_invoice"), ISSUER)
    assert b"/FontFile2" in pdf and b"DejaVuSans" in pdf  # embedded TrueType, not a core font
    assert b"/Helvetica" not in pdf
    assert "FACTURA" in text_of(pdf) and NAME in text_of(pdf)


def test_the_font_is_found_by_package() -> None:
    files = font_files()
    assert files[""].name == "DejaVuSans.ttf" and files["B"].name == "DejaVuSans-Bold.ttf"


def test_a_missing_font_says_which_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.adapters.pdf import fonts

    monkeypatch.setattr(fonts, "_run", lambda *argv: "")
    monkeypatch.delenv("AVISA_PDF_FONT_DIR", raising=False)
    fonts.font_files.cache_clear()
    try:
        with pytest.raises(FontMissing, match="fonts-dejavu-core"):
            fonts.font_files()
    finally:
        fonts.font_files.cache_clear()
