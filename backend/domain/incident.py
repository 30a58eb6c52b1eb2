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
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


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
