"""The billing side of a contract: frequency, price, usage tiers, renewal rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from backend.domain.billing.errors import BillingTermsError
from backend.domain.billing.periods import BillingFrequency
from backend.domain.billing.renewals import RenewalRule, Term, term_on
from backend.domain.billing.tiers import TierBasis, UsageTier, check_tiers, tier_for
from backend.domain.coverage import ContractState


@dataclass(frozen=True)
class ContractBilling:
    contract_id: str
    customer: str
    start: date
    end: date | None            # inclusive; None: renews until cancelled
    state: ContractState
    frequency: BillingFrequency
    price: Decimal              # per billing interval, before renewals
    renewal: RenewalRule | None = None
    tiers: tuple[UsageTier, ...] = ()
    tier_basis: TierBasis = TierBasis.INTERVENTIONS

    def __post_init__(self) -> None:
        if self.price < 0:
            raise BillingTermsError(f"{self.contract_id}: negative price")
        if self.end is not None and self.end < self.start:
            raise BillingTermsError(f"{self.contract_id}: ends before it starts")
        check_tiers(self.tiers)

    @property
    def billable(self) -> bool:
        """Only active contracts are billed (drafts, suspended, cancelled, expired are not)."""
        return self.state is ContractState.ACTIVE

    def term_on(self, day: date) -> Term | None:
        return term_on(self.start, self.end, self.price, self.renewal, day, self.tiers)

    def price_for(self, term: Term, used: Decimal) -> tuple[Decimal, str]:
        """The interval's price under `term` and a label for the invoice line."""
        if not term.tiers:
            return term.price, ""
        tier = tier_for(term.tiers, used)
        ceiling = "no limit" if tier.up_to is None else f"up to {tier.up_to}"
        return tier.price, f" ({used} {self.tier_basis}, tier {ceiling})"
