"""Incident vocabulary and its state machine (pure rules)."""

from __future__ import annotations

from enum import StrEnum

from backend.domain.errors import InvalidTransition


class State(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Priority(StrEnum):
    """low / medium / high / critical (issue 13 §8); the old name ``normal`` still reads
    as medium: ``Priority("normal") is Priority.MEDIUM``."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @classmethod
    def _missing_(cls, value: object) -> Priority | None:
        return cls.MEDIUM if value == OLD_MEDIUM else None


OLD_MEDIUM = "normal"
_URGENCY_ORDER = (Priority.LOW, Priority.MEDIUM, Priority.HIGH, Priority.CRITICAL)


def raised_priority(current: str, reported: str) -> str | None:
    """The reported priority when it is more urgent than the current one, else None (a new
    report may raise an incident's priority, never lower it)."""
    now, new = Priority(current), Priority(reported)
    return new.value if _URGENCY_ORDER.index(new) > _URGENCY_ORDER.index(now) else None


class ServiceType(StrEnum):
    PREVENTIVE = "preventive"
    CONDUCTIVE = "conductive"
    CORRECTIVE = "corrective"
    INDUCTIVE = "inductive"


FINAL_STATES = frozenset({State.CLOSED, State.CANCELLED})

# The forward path; cancelling is allowed from every non-final state.
_FORWARD: dict[State, State] = {
    State.NEW: State.ASSIGNED,
    State.ASSIGNED: State.ACKNOWLEDGED,
    State.ACKNOWLEDGED: State.IN_PROGRESS,
    State.IN_PROGRESS: State.RESOLVED,
    State.RESOLVED: State.CLOSED,
}


def allowed_targets(current: State) -> frozenset[State]:
    if current in FINAL_STATES:
        return frozenset()
    return frozenset({_FORWARD[current], State.CANCELLED})


def transition(current: State, target: State) -> State:
    """Return `target` when the move is allowed, else raise InvalidTransition."""
    if target not in allowed_targets(current):
        raise InvalidTransition(
            f"an incident in state '{current}' cannot become '{target}'",
            state=str(current),
            target=str(target),
        )
    return target


def is_open(state: State) -> bool:
    return state not in FINAL_STATES
