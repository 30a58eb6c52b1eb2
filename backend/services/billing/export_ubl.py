"""UBL 2.1 Invoice XML of a document (`billing_views.document_json`), one file per document.

Minimal EN 16931-style content: id, issue date, type code 380 (invoice) or 325 (pro-forma for
a delivery note), currency, supplier and customer parties with tax ids, VAT subtotals per rate,
monetary totals and one InvoiceLine per billed line (covered lines are left out).
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
TYPE_CODES = {"contract_invoice": "380", "delivery_note": "325"}
for _prefix, _uri in (("", NS), ("cac", CAC), ("cbc", CBC)):
    register_namespace(_prefix, _uri)


def _cbc(parent: Element, name: str, text: str, **attrs: str) -> Element:
    node = SubElement(parent, f"{{{CBC}}}{name}", attrs)
    node.text = text
    return node


def _cac(parent: Element, name: str) -> Element:
    return SubElement(parent, f"{{{CAC}}}{name}")


def _party(parent: Element, role: str, name: str, tax_id: str | None, city: str | None) -> None:
    party = _cac(_cac(parent, role), "Party")
    _cbc(_cac(party, "PartyName"), "Name", name)
    address = _cac(party, "PostalAddress")
    if city:
        _cbc(address, "CityName", city)
    _cbc(_cac(address, "Country"), "IdentificationCode", "ES")
    if tax_id:
        scheme = _cac(party, "PartyTaxScheme")
        _cbc(scheme, "CompanyID", f"ES{tax_id}")
        _cbc(_cac(scheme, "TaxScheme"), "ID", "VAT")
    _cbc(_cac(party, "PartyLegalEntity"), "RegistrationName", name)


def _tax_category(parent: Element, rate: str) -> None:
    category = _cac(parent, "ClassifiedTaxCategory" if parent.tag.endswith("Item")
                    else "TaxCategory")
    _cbc(category, "ID", "S")
    _cbc(category, "Percent", rate)
    _cbc(_cac(category, "TaxScheme"), "ID", "VAT")


def to_ubl(doc: dict[str, Any], issuer: dict[str, str]) -> bytes:
    cur = doc["currency"]
    root = Element(f"{{{NS}}}Invoice")
    _cbc(root, "UBLVersionID", "2.1")
    _cbc(root, "CustomizationID", "urn:cen.eu:en16931:2017")
    _cbc(root, "ID", doc["id"])
    _cbc(root, "IssueDate", doc["issue_date"])
    _cbc(root, "InvoiceTypeCode", TYPE_CODES.get(doc["kind"], "380"))
    _cbc(root, "Note", doc["reference"])
    _cbc(root, "DocumentCurrencyCode", cur)
    _party(root, "AccountingSupplierParty", issuer["name"], issuer["tax_id"], issuer["city"])
    customer = doc["customer"]
    _party(root, "AccountingCustomerParty", customer["name"] or customer["code"],
           customer["tax_id"], customer["city"])
    totals = doc["totals"]
    tax = _cac(root, "TaxTotal")
    _cbc(tax, "TaxAmount", totals["vat"], currencyID=cur)
    for rate, sums in totals["vat_by_rate"].items():
        sub = _cac(tax, "TaxSubtotal")
        _cbc(sub, "TaxableAmount", sums["base"], currencyID=cur)
        _cbc(sub, "TaxAmount", sums["vat"], currencyID=cur)
        _tax_category(sub, rate)
    money = _cac(root, "LegalMonetaryTotal")
    for name, value in (("LineExtensionAmount", totals["net"]), ("TaxExclusiveAmount",
                        totals["net"]), ("TaxInclusiveAmount", totals["total"]),
                        ("PayableAmount", totals["total"])):
        _cbc(money, name, value, currencyID=cur)
    for line in (ln for ln in doc["lines"] if not ln["covered"]):
        node = _cac(root, "InvoiceLine")
        _cbc(node, "ID", str(line["position"]))
        _cbc(node, "InvoicedQuantity", line["quantity"], unitCode="C62")
        _cbc(node, "LineExtensionAmount", line["net"], currencyID=cur)
        item = _cac(node, "Item")
        _cbc(item, "Name", line["description"])
        _tax_category(item, line["vat_pct"])
        _cbc(_cac(node, "Price"), "PriceAmount", line["unit_price"], currencyID=cur)
    body: bytes = tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
