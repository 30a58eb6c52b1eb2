"""A billing document as a one-or-more-page A4 PDF (fpdf2, DejaVu Sans embedded: any name or
address prints, and so do "€", "ñ", "ł", "ø"): company header, customer, references, lines
table, VAT per rate, totals; words in the document's language. Input: the document JSON of
`services.billing_views.document_json`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from backend.adapters.pdf.fonts import FAMILY, font_files
from backend.adapters.pdf.labels import labels

SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}
GREY = (110, 110, 110)
HEAD = FontFace(emphasis="BOLD", fill_color=(230, 234, 240))


def latin(text: Any) -> str:
    """The text as printed (the embedded font covers Unicode; only None/numbers are cast)."""
    return str(text)


def _money(value: str, currency: str, language: str) -> str:
    """1234.50 EUR → 1.234,50 € (es) or 1,234.50 € (en); unknown currencies keep their code."""
    return f"{_number(value, language)} {SYMBOLS.get(currency, currency)}"


def _number(value: str, language: str) -> str:
    """1234.50 → 1.234,50 (es) or 1,234.50 (en)."""
    text = f"{Decimal(value):,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") if language == "es" else text


class _Page(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, size=7)
        self.set_text_color(*GREY)
        self.cell(0, 5, latin(f"{self.footer_text}   {self.page_no()}/{{nb}}"), align="C")


def render_pdf(doc: dict[str, Any], issuer: dict[str, str]) -> bytes:
    lang = doc.get("language") or "en"
    w = labels(lang)
    pdf = _Page(format="A4")
    for style, path in font_files().items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.add_font(FAMILY, "I", str(font_files()[""]))  # no oblique in fonts-dejavu-core
    pdf.footer_text = w["footer"].format(currency=doc["currency"]) + f"  {w['page']}"
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(latin(f"{w[doc['kind']]} {doc['id']}"))
    pdf.add_page()
    _header(pdf, doc, issuer, w)
    _lines(pdf, doc, w, lang)
    _totals(pdf, doc, w, lang)
    _annex(pdf, doc, w)
    return bytes(pdf.output())


def _header(pdf: FPDF, doc: dict[str, Any], issuer: dict[str, str], w: Any) -> None:
    pdf.set_font(FAMILY, "B", 15)
    pdf.cell(110, 8, latin(issuer["name"]))
    pdf.set_font(FAMILY, "B", 14)
    pdf.cell(0, 8, latin(w[doc["kind"]]), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=9)
    right = [f"{w['number']}: {doc['id']}", f"{w['date']}: {doc['issue_date']}",
             f"{w['state']}: {w.get(doc['state'], doc['state'])}"]
    left = [f"{w['tax_id']}: {issuer['tax_id']}", f"{issuer['address']}",
            f"{issuer['postal_code']} {issuer['city']}", issuer["email"]]
    for l_text, r_text in zip(left, [*right, ""], strict=True):
        pdf.cell(110, 5, latin(l_text))
        pdf.cell(0, 5, latin(r_text), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    customer = doc["customer"]
    pdf.set_fill_color(245, 246, 248)
    pdf.set_font(FAMILY, "B", 10)
    pdf.cell(0, 7, latin(f"{w['customer']}: {customer['name'] or customer['code']}"), fill=True,
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=9)
    facts = [(w["code"], customer["code"]), (w["tax_id"], customer["tax_id"]),
             ("", " ".join(x for x in (customer["address"], customer["city"]) if x)),
             (w["incident"], doc["incident_id"]), (w["service_order"], doc["service_order_id"]),
             (w["contract"], doc["contract_id"]), (w["period"], doc["period"])]
    for label, value in facts:
        if value:
            pdf.cell(0, 5, latin(f"{label}: {value}" if label else value), new_x="LMARGIN",
                     new_y="NEXT")
    pdf.ln(4)


def _lines(pdf: FPDF, doc: dict[str, Any], w: Any, lang: str) -> None:
    pdf.set_font(FAMILY, size=9)
    with pdf.table(col_widths=(92, 16, 26, 16, 30), text_align=("LEFT", "RIGHT", "RIGHT",
                   "RIGHT", "RIGHT"), headings_style=HEAD, line_height=6,
                   borders_layout="HORIZONTAL_LINES") as table:
        table.row([latin(w[k]) for k in ("description", "quantity", "unit_price", "vat_pct",
                                         "net")])
        for line in doc["lines"]:
            net = w["covered"] if line["covered"] else _number(line["net"], lang)
            table.row([latin(line["description"]), line["quantity"],
                       _number(line["unit_price"], lang), _number(line["vat_pct"], lang),
                       latin(net)])
    pdf.ln(4)


def _totals(pdf: FPDF, doc: dict[str, Any], w: Any, lang: str) -> None:
    totals = doc["totals"]
    rows = [(w["base"], totals["net"])]
    rows += [(f"{w['vat']} {_number(rate, lang)} %", sums["vat"])
             for rate, sums in sorted(totals["vat_by_rate"].items())]
    pdf.set_font(FAMILY, size=10)
    for label, value in rows:
        pdf.cell(140, 6, latin(label), align="R")
        pdf.cell(0, 6, _money(value, doc["currency"], lang), align="R",
                 new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 12)
    pdf.cell(140, 8, latin(w["total"]), align="R")
    pdf.cell(0, 8, _money(totals["total"], doc["currency"], lang), align="R",
             new_x="LMARGIN", new_y="NEXT")
    if Decimal(totals["covered"]) > 0:
        pdf.set_font(FAMILY, "I", 9)
        pdf.set_text_color(*GREY)
        covered = _money(totals["covered"], doc["currency"], lang)
        pdf.cell(0, 6, f"{w['covered_total']}: {covered}", align="R", new_x="LMARGIN",
                 new_y="NEXT")


def _annex(pdf: FPDF, doc: dict[str, Any], w: Any) -> None:
    """The technicians' photos of the job, by name (the files stay in the attachment store)."""
    if not doc.get("annex"):
        return
    pdf.ln(6)
    pdf.set_font(FAMILY, "B", 10)
    pdf.cell(0, 7, latin(w["annex"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=9)
    for n, photo in enumerate(doc["annex"], start=1):
        pdf.cell(0, 5, latin(f"{n}. {photo['filename']} ({photo['id']}), {w['taken']} "
                             f"{photo['taken_at'][:16].replace('T', ' ')}"),
                 new_x="LMARGIN", new_y="NEXT")
