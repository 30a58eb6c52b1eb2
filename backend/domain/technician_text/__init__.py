"""Technicians' messages as they write them in the field (es/en, typos, no accents,
numbers in words): intents (`intents`), hours and km (`amounts`), arrival times and visit
days (`when`), parts inside a sentence (`parts_text`). Pure functions, no I/O."""

from backend.domain.technician_text.amounts import bare_number, hours, km
from backend.domain.technician_text.fold import fold, prepare
from backend.domain.technician_text.intents import intents, is_question, pick
from backend.domain.technician_text.parts_text import Item, NamedPart, named_parts
from backend.domain.technician_text.when import arrival, visit_day

__all__ = ["Item", "NamedPart", "arrival", "bare_number", "fold", "hours", "intents",
           "is_question", "km", "named_parts", "pick", "prepare", "visit_day"]
