"""ERP export formats of document JSON (`billing_views.document_json`): JSON and CSV.

CSV: one row per line, the document's fields repeated, `;`-free (comma separated, RFC 4180).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

CSV_COLUMNS = ("document_id", "kind", "state", "issue_date", "customer_code", "customer_name",
               "customer_tax_id", "reference", "period", "currency", "line", "line_kind",
               "description", "item_reference", "quantity", "unit_price", "vat_pct", "covered",
               "line_net", "line_vat", "line_total", "document_net", "document_vat",
               "document_total")


def to_json(documents: Iterable[dict[str, Any]]) -> str:
    return json.dumps({"documents": list(documents)}, ensure_ascii=False, indent=2)


def csv_rows(doc: dict[str, Any]) -> list[list[str]]:
    head = [doc["id"], doc["kind"], doc["state"], doc["issue_date"], doc["customer"]["code"],
            doc["customer"]["name"] or "", doc["customer"]["tax_id"] or "", doc["reference"],
            doc["period"] or "", doc["currency"]]
    totals = [doc["totals"]["net"], doc["totals"]["vat"], doc["totals"]["total"]]
    return [head + [str(ln["position"]), ln["kind"], ln["description"], ln["reference"],
                    ln["quantity"], ln["unit_price"], ln["vat_pct"], str(ln["covered"]).lower(),
                    ln["net"], ln["vat"], ln["total"]] + totals for ln in doc["lines"]]


def to_csv(documents: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for doc in documents:
        writer.writerows(csv_rows(doc))
    return out.getvalue()
