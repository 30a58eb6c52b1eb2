"""Failures of the duplicate flow, merges and splits (part of the backend's hierarchy,
see `backend.domain.errors`; `backend.api.errors` maps each to a status and code).

    NotFound
    └── UnknownPendingReport   no such pending report token, or already answered (404)
    PendingReportExpired       the question was asked too long ago (410 pending_expired)
    MergeRefused               merge/split/answer not possible as asked (409 merge_refused)
    UndoRefused                already undone, or changed since (409 undo_refused)
"""

from __future__ import annotations

from backend.domain.errors import AvisaError, NotFound


class UnknownPendingReport(NotFound):
    pass


class PendingReportExpired(AvisaError):
    pass


class MergeRefused(AvisaError):
    pass


class UndoRefused(AvisaError):
    pass
