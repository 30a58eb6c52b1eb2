"""Routing and dispatch rules (pure): which queue an incident goes to, how technicians of
that queue are ranked, alarm windows and maintenance recurrences.

    rules.RoutingRules.route(facts) -> (Queue, Rule | None)
    scoring.rank(job, technicians)  -> ranked list with reasons
"""

from backend.domain.routing.errors import RoutingError, RulesError
from backend.domain.routing.rules import MATCH_FIELDS, Queue, RoutingRules, Rule, Supervisor
from backend.domain.routing.scoring import JobFacts, Reason, Scored, TechnicianFacts, rank, score

__all__ = [
    "MATCH_FIELDS", "JobFacts", "Queue", "Reason", "RoutingError", "RoutingRules", "Rule",
    "RulesError", "Scored", "Supervisor", "TechnicianFacts", "rank", "score",
]
