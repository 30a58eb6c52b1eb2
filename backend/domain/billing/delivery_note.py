"""Build the delivery note (albarán / pre-invoice) of closed work from its coverage decision.

Lines: labour covered hours (shown, not billed), labour billable hours × rate of the
technician's category, out-of-hours surcharge (surcharged hours × rate × %), travel
(flat + km × rate of the zone), each part (quantity × list price). VAT per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from backend.domain.billing.document import BillingDocument, DocumentKind
from backend.domain.billing.lines import DocumentLine, LineKind
from backend.domain.billing.money import HUNDRED, to_cents
from backend.domain.billing.price_list import PriceList
from backend.domain.coverage import ClosedWork, CoverageDecision, HoursSplit


@dataclass(frozen=True)
class JobContext:
    """Who did the job and where: prices depend on both."""

    incident_id: str
    customer: str
    technician_category: str   # junior | senior | specialist
    zone: str                  # aragon | cataluna | madrid
    km: Decimal = Decimal(0)


def hours_split(work: ClosedWork, decision: CoverageDecision) -> HoursSplit:
    """The decision's split, or one derived from its flags when it was taken without the work."""
    if decision.billable.hours is not None:
        return decision.billable.hours
    total = work.labour_hours
    billable = total if decision.billable.labour else Decimal(0)
    surcharged = total if decision.billable.out_of_hours_surcharge else Decimal(0)
    return HoursSplit(covered=total - billable, billable=billable, surcharged=surcharged)


def build_lines(
    work: ClosedWork, decision: CoverageDecision, prices: PriceList, job: JobContext,
    vat_pct: Decimal | None = None,
) -> tuple[DocumentLine, ...]:
    vat = prices.vat_pct if vat_pct is None else vat_pct
    rate = prices.labour_rate(job.technician_category)
    split = hours_split(work, decision)
    lines: list[DocumentLine] = []

    def add(kind: LineKind, text: str, qty: Decimal, price: Decimal, covered: bool,
            ref: str = "", line_vat: Decimal | None = None) -> None:
        if qty > 0:
            lines.append(DocumentLine(kind, text, qty, price, vat if line_vat is None else line_vat,
                                      covered=covered, reference=ref))

    category = job.technician_category
    add(LineKind.LABOUR, f"Labour ({category}), covered", split.covered, rate, True)
    add(LineKind.LABOUR, f"Labour ({category})", split.billable, rate, False)
    surcharge_rate = to_cents(rate * prices.out_of_hours_surcharge_pct / HUNDRED)
    add(LineKind.SURCHARGE, f"Out-of-hours surcharge {prices.out_of_hours_surcharge_pct} %",
        split.surcharged, surcharge_rate, not decision.billable.out_of_hours_surcharge)
    if work.travel:
        travel = prices.travel_rate(job.zone).price(job.km)
        add(LineKind.TRAVEL, f"Travel, zone {job.zone}, {job.km} km", Decimal(1), travel,
            not decision.billable.travel)
    for used in work.parts:
        part = prices.part(used.number)
        add(LineKind.PART, part.description, used.quantity, part.unit_price,
            not decision.billable.parts, ref=part.number, line_vat=part.vat_pct)
    return tuple(lines)


def build_delivery_note(
    work: ClosedWork, decision: CoverageDecision, prices: PriceList, job: JobContext,
    vat_pct: Decimal | None = None,
) -> BillingDocument:
    """A draft delivery note; covered lines are listed at zero. Check `.billable` before sending."""
    return BillingDocument(
        kind=DocumentKind.DELIVERY_NOTE,
        reference=job.incident_id,
        customer=job.customer,
        lines=build_lines(work, decision, prices, job, vat_pct),
    )
