"""The exception hierarchy of contract coverage (one boundary: coverage → services).

    AvisaError                         (backend.domain.errors)
    └── InvalidRequest                 400 invalid_request
        └── CoverageError              bad coverage input; nothing was decided
            ├── ScheduleError          a covered-hours schedule that cannot be parsed
            ├── UnknownTimeZone        a time-zone name zoneinfo does not know
            ├── NaiveDateTimeError     a moment without time zone
            └── TermsError             contract terms that contradict themselves
                                       (overlapping versions, negative allowance, ...)

Every decision that *can* be made is returned as a `CoverageDecision`, never raised:
"not covered" is an outcome, not an error.
"""

from __future__ import annotations

from backend.domain.errors import InvalidRequest


class CoverageError(InvalidRequest):
    """Base class of every coverage input error."""


class ScheduleError(CoverageError):
    pass


class UnknownTimeZone(CoverageError):
    pass


class NaiveDateTimeError(CoverageError):
    pass


class TermsError(CoverageError):
    pass
