"""What each kind of coverage includes, as one lookup table (no if-chains elsewhere).

| kind               | labour | parts | travel | services                          | hours   |
|--------------------|--------|-------|--------|-----------------------------------|---------|
| warranty (machine) | yes    | yes   | yes    | corrective, inductive             | terms   |
| warranty_extension | yes    | yes   | yes    | corrective, inductive             | terms   |
| full_maintenance   | yes    | yes   | yes    | preventive, corrective, inductive | terms   |
| partial_labour     | yes    | no    | yes    | preventive, corrective, inductive | terms   |
| partial_parts      | no     | yes   | no     | preventive, corrective, inductive | terms   |
| rental             | yes    | yes   | yes    | preventive, corrective, inductive | terms   |
| onsite_24h         | yes    | yes   | yes    | preventive, corrective, inductive | 24x7    |
| helpdesk           | yes    | no    | no     | corrective, inductive             | terms   |
| continuous_service | always covered: every service, incident type and hour, no allowance      |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from backend.domain.coverage.vocabulary import ContractType, ServiceType

_FAULTS = frozenset({ServiceType.CORRECTIVE, ServiceType.INDUCTIVE})
_MAINTENANCE = _FAULTS | {ServiceType.PREVENTIVE}


@dataclass(frozen=True)
class TypeRule:
    labour: bool
    parts: bool
    travel: bool
    services: frozenset[ServiceType]
    around_the_clock: bool = False
    always_covered: bool = False


WARRANTY_RULE = TypeRule(labour=True, parts=True, travel=True, services=_FAULTS)

TYPE_RULES: Mapping[ContractType, TypeRule] = {
    ContractType.WARRANTY_EXTENSION: WARRANTY_RULE,
    ContractType.FULL_MAINTENANCE: TypeRule(True, True, True, _MAINTENANCE),
    ContractType.PARTIAL_LABOUR: TypeRule(True, False, True, _MAINTENANCE),
    ContractType.PARTIAL_PARTS: TypeRule(False, True, False, _MAINTENANCE),
    ContractType.RENTAL: TypeRule(True, True, True, _MAINTENANCE),
    ContractType.ONSITE_24H: TypeRule(True, True, True, _MAINTENANCE, around_the_clock=True),
    ContractType.HELPDESK: TypeRule(True, False, False, _FAULTS),
    ContractType.CONTINUOUS_SERVICE: TypeRule(
        True, True, True, frozenset(ServiceType), around_the_clock=True, always_covered=True
    ),
}
