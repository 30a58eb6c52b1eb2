"""Errors of the routing domain.

    AvisaError
    └── InvalidRequest
        └── RoutingError            anything wrong with routing input
            └── RulesError          a rules document that does not validate (names file:line)
"""

from __future__ import annotations

from backend.domain.errors import InvalidRequest


class RoutingError(InvalidRequest):
    pass


class RulesError(RoutingError):
    """`message` reads "data/routing_rules.yml:12: unknown field 'prio'"; `extra()` carries
    `source` and `line` for the API's error body."""

    def __init__(self, source: str, line: int, problem: str) -> None:
        super().__init__(f"{source}:{line}: {problem}", source=source, line=line)
        self.source = source
        self.line = line
        self.problem = problem
