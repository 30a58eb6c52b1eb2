"""Failures of the attachment store (api/errors.py maps them to statuses).

    AttachmentTooLarge     over the size cap: nothing kept (413 too_large, reply es/en)
    AttachmentQuarantined  the file is kept apart and never served (409 quarantined, reason)
    LinkRefused            a signed link that is forged or past its expiry (403 link_refused)
"""

from __future__ import annotations

from backend.domain.errors import AvisaError, InvalidRequest


class AttachmentTooLarge(InvalidRequest):
    pass


class AttachmentQuarantined(AvisaError):
    pass


class LinkRefused(AvisaError):
    pass
