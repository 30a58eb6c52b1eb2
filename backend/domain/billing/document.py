"""Billing documents (pre-invoice / delivery note, periodic invoice) and their states.

    draft ──issue──▶ issued ──export──▶ exported

Any other change raises `DocumentTransitionError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from backend.domain.billing.errors import DocumentTransitionError
from backend.domain.billing.lines import DocumentLine, Totals, totals


class DocumentState(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    EXPORTED = "exported"


class DocumentKind(StrEnum):
    DELIVERY_NOTE = "delivery_note"      # albarán / pre-invoice for uncovered work
    CONTRACT_INVOICE = "contract_invoice"  # periodic contract billing


ALLOWED: Mapping[DocumentState, frozenset[DocumentState]] = {
    DocumentState.DRAFT: frozenset({DocumentState.ISSUED}),
    DocumentState.ISSUED: frozenset({DocumentState.EXPORTED}),
    DocumentState.EXPORTED: frozenset(),
}


def transition(current: DocumentState, target: DocumentState) -> DocumentState:
    """The new state, or `DocumentTransitionError` when the change is not allowed."""
    if target not in ALLOWED[current]:
        raise DocumentTransitionError(
            f"a document cannot go from {current} to {target}",
            current=current.value, target=target.value,
        )
    return target


@dataclass(frozen=True)
class BillingDocument:
    kind: DocumentKind
    reference: str                 # incident id, or idempotency key of a periodic invoice
    customer: str
    lines: tuple[DocumentLine, ...]
    state: DocumentState = DocumentState.DRAFT
    currency: str = "EUR"

    @property
    def totals(self) -> Totals:
        return totals(self.lines)

    @property
    def billable(self) -> bool:
        """False when every line is covered (nothing to send to billing)."""
        return self.totals.total > 0

    def moved_to(self, target: DocumentState) -> BillingDocument:
        return replace(self, state=transition(self.state, target))

    def issue(self) -> BillingDocument:
        return self.moved_to(DocumentState.ISSUED)

    def export(self) -> BillingDocument:
        return self.moved_to(DocumentState.EXPORTED)
