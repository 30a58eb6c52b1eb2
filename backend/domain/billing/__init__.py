"""Billing (pure domain): delivery notes for uncovered work, periodic contract invoices.

Entry points: `build_delivery_note(...)`, `plan_billing_run(...)`. Errors: `billing.errors`.
"""

from backend.domain.billing.contract_billing import ContractBilling
from backend.domain.billing.delivery_note import (
    JobContext,
    build_delivery_note,
    build_lines,
    hours_split,
)
from backend.domain.billing.document import (
    BillingDocument,
    DocumentKind,
    DocumentState,
    transition,
)
from backend.domain.billing.errors import (
    BillingError,
    BillingTermsError,
    DocumentTransitionError,
    InvalidPeriod,
    MoneyError,
    PriceNotFound,
    UnknownCategory,
    UnknownPart,
    UnknownZone,
)
from backend.domain.billing.lines import DocumentLine, LineKind, Totals, totals
from backend.domain.billing.money import CENT, apply_change, money, percent_of, to_cents
from backend.domain.billing.periodic import (
    BillingRun,
    Renewal,
    billing_interval,
    due_contracts,
    idempotency_key,
    plan_billing_run,
)
from backend.domain.billing.periods import BillingFrequency, Period
from backend.domain.billing.price_list import DEFAULT_VAT_PCT, PartPrice, PriceList, TravelRate
from backend.domain.billing.renewals import RenewalRule, Term, term_on, terms_until
from backend.domain.billing.tiers import TierBasis, UsageTier, tier_for

__all__ = [
    "CENT", "DEFAULT_VAT_PCT", "BillingDocument", "BillingError", "BillingFrequency",
    "BillingRun", "BillingTermsError", "ContractBilling", "DocumentKind", "DocumentLine",
    "DocumentState", "DocumentTransitionError", "InvalidPeriod", "JobContext", "LineKind",
    "MoneyError", "PartPrice", "Period", "PriceList", "PriceNotFound", "Renewal", "RenewalRule",
    "Term", "TierBasis", "Totals", "TravelRate", "UnknownCategory", "UnknownPart", "UnknownZone",
    "UsageTier", "apply_change", "billing_interval", "build_delivery_note", "build_lines",
    "due_contracts", "hours_split", "idempotency_key", "money", "percent_of", "plan_billing_run",
    "term_on", "terms_until", "tier_for", "to_cents", "totals", "transition",
]
