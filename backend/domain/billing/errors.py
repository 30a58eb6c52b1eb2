"""The exception hierarchy of billing (one boundary: billing → services).

    AvisaError                           (backend.domain.errors)
    ├── InvalidRequest                   400 invalid_request
    │   └── BillingError                 bad billing input; nothing was billed
    │       ├── MoneyError               a float, NaN or infinite amount given as money
    │       ├── PriceNotFound            the price list has no price for what was used
    │       │   ├── UnknownPart          part number not in the price list
    │       │   ├── UnknownCategory      technician category without labour rate
    │       │   └── UnknownZone          travel zone without rate
    │       ├── InvalidPeriod            a billing period that is not "YYYY-MM"
    │       └── BillingTermsError        contract billing terms that contradict themselves
    └── InvalidTransition                409 invalid_transition
        └── DocumentTransitionError      document state change not allowed (e.g. exported → draft)
                                         (also a BillingError, so `except BillingError` sees it)
"""

from __future__ import annotations

from backend.domain.errors import InvalidRequest, InvalidTransition


class BillingError(InvalidRequest):
    """Base class of every billing input error."""


class MoneyError(BillingError):
    pass


class PriceNotFound(BillingError):
    pass


class UnknownPart(PriceNotFound):
    pass


class UnknownCategory(PriceNotFound):
    pass


class UnknownZone(PriceNotFound):
    pass


class InvalidPeriod(BillingError):
    pass


class BillingTermsError(BillingError):
    pass


class DocumentTransitionError(InvalidTransition, BillingError):
    pass
