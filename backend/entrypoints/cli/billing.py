"""`avisa billing run|export|pdf|issue|documents`."""

from __future__ import annotations

import argparse
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from backend.entrypoints.cli.common import guarded, run_job, table


def summary(result: dict[str, Any]) -> str:
    """Per customer: invoices, net, VAT, total; then renewals and what was already billed."""
    per: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 4)
    for inv in result["invoices"]:
        row = per[inv["customer"]]
        row[0] += 1
        for i, key in enumerate(("net", "vat", "total"), start=1):
            row[i] += Decimal(inv[key])
    rows: list[list[Any]] = [[c, int(v[0]), v[1], v[2], v[3]] for c, v in sorted(per.items())]
    totals = [sum((r[i] for r in rows), Decimal(0)) for i in range(2, 5)]
    rows.append(["TOTAL", len(result["invoices"]), *totals])
    lines = [(f"billing run {result['period']}: {len(result['invoices'])} invoices, "
             f"{len(result['renewals'])} renewals, {result['already_billed']} already billed, "
             f"{result['contracts']} active contracts"),
             table(("customer", "invoices", "net", "vat", "total"), rows)]
    if result["renewals"]:
        lines.append(table(("renewed", "from", "price"), [
            (r["contract_id"], r["valid_from"], r["price"]) for r in result["renewals"]]))
    return "\n\n".join(lines)


def _run(args: argparse.Namespace) -> int:
    from backend.services.billing.run import run_billing

    result = run_job(lambda u: run_billing(u, args.period, progress=not args.quiet))
    print(summary(result))
    return 0


def _export(args: argparse.Namespace) -> int:
    from backend.services.billing.exports import export_documents

    since = date.fromisoformat(args.since) if args.since else None
    files = run_job(lambda u: export_documents(u, args.format, since, progress=True))
    if args.format == "ubl" or args.out:
        folder = Path(args.out or "var/exports")
        folder.mkdir(parents=True, exist_ok=True)
        for name, rendered in files.items():
            (folder / name).write_bytes(rendered.body)
        print(f"{len(files)} file(s) written to {folder}")
    else:
        for rendered in files.values():
            print(rendered.body.decode("utf-8"), end="")
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from backend.services.billing.exports import render_document

    rendered = run_job(lambda u: render_document(u, f"{args.id.strip().upper()}.pdf"))
    path = Path(args.out or Path("var/documents") / rendered.filename)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(rendered.body)
    print(f"{path} ({len(rendered.body)} bytes)")
    return 0


def _issue(args: argparse.Namespace) -> int:
    from backend.services.billing.documents import issue_document

    doc = run_job(lambda u: issue_document(u, args.id))
    print(f"{doc['id']}: {doc['state']}, total {doc['totals']['total']} {doc['currency']}")
    return 0


def _documents(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from backend.adapters.orm import BillingDocumentRow
    from backend.services.billing.views import summary_view

    async def rows(uows: Any) -> list[dict[str, Any]]:
        async with uows() as uow:
            query = select(BillingDocumentRow).order_by(BillingDocumentRow.id)
            if args.state:
                query = query.where(BillingDocumentRow.state == args.state)
            return [summary_view(r) for r in (await uow.session.execute(query)).scalars()]

    found = run_job(rows)
    print(table(("id", "kind", "state", "customer", "reference", "total"),
                [(d["id"], d["kind"], d["state"], d["customer_code"], d["reference"], d["total"])
                 for d in found]))
    return 0


def add_parser(groups: Any) -> None:
    sub = groups.add_parser("billing", help="periodic runs, documents, exports").add_subparsers(
        dest="action", required=True)
    p = sub.add_parser("run", help="invoice every contract due in a period (idempotent)")
    p.add_argument("--period", required=True, help="YYYY-MM")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=guarded(_run))
    p = sub.add_parser("export", help="issued documents for the ERP (they become exported)")
    p.add_argument("--format", choices=("json", "csv", "ubl"), required=True)
    p.add_argument("--since", help="issued on or after YYYY-MM-DD")
    p.add_argument("--out", help="file folder (ubl: default var/exports); json/csv: stdout")
    p.set_defaults(run=guarded(_export))
    p = sub.add_parser("pdf", help="render a document as PDF")
    p.add_argument("id")
    p.add_argument("--out", help="default var/documents/<id>.pdf")
    p.set_defaults(run=guarded(_pdf))
    p = sub.add_parser("issue", help="a draft delivery note → issued")
    p.add_argument("id")
    p.set_defaults(run=guarded(_issue))
    p = sub.add_parser("documents", help="list documents")
    p.add_argument("--state", choices=("draft", "issued", "exported"))
    p.set_defaults(run=guarded(_documents))
