"""Errors of the coverage and billing services (mapped to HTTP in backend.api.errors).

    AvisaError
    ├── NoPriceList           no price list loaded (409 no_price_list)
    └── InvalidTransition
        └── ConsentRequired   a billable visit without the customer's consent (409 consent_required)
"""

from __future__ import annotations

from backend.domain.errors import AvisaError, InvalidTransition


class NoPriceList(AvisaError):
    pass


class ConsentRequired(InvalidTransition):
    pass
