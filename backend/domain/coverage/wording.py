"""Names of vocabulary values (contract, service and incident types) in each language.

Reason parameters that hold such a value are shown with these words; any other value
(ids, dates, hours) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from backend.domain.coverage.vocabulary import Language

WORDS: Mapping[Language, Mapping[str, str]] = {
    Language.EN: {
        "warranty_extension": "warranty extension", "full_maintenance": "full maintenance",
        "partial_labour": "labour-only maintenance", "partial_parts": "parts-only maintenance",
        "rental": "rental", "onsite_24h": "24 h on-site", "helpdesk": "helpdesk",
        "continuous_service": "continuous service",
        "preventive": "preventive", "conductive": "conductive", "corrective": "corrective",
        "inductive": "inductive",
        "mechanical": "mechanical", "electrical": "electrical", "electronic": "electronic",
        "software": "software", "leak": "leak", "noise": "noise",
        "consumables": "consumables", "misuse": "misuse",
    },
    Language.ES: {
        "warranty_extension": "extensión de garantía", "full_maintenance": "mantenimiento integral",
        "partial_labour": "mantenimiento solo mano de obra",
        "partial_parts": "mantenimiento solo piezas",
        "rental": "alquiler", "onsite_24h": "asistencia in situ 24 h", "helpdesk": "soporte remoto",
        "continuous_service": "servicio continuo",
        "preventive": "preventivo", "conductive": "conductivo", "corrective": "correctivo",
        "inductive": "inductivo",
        "mechanical": "mecánica", "electrical": "eléctrica", "electronic": "electrónica",
        "software": "de software", "leak": "fuga", "noise": "ruido",
        "consumables": "consumibles", "misuse": "mal uso",
    },
}
