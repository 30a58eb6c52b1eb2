"""SQLAlchemy 2 mapped classes; importing this package registers every table on `Base.metadata`."""

from backend.adapters.orm.base import Base, Counter
from backend.adapters.orm.catalog import Contact, Customer, Equipment, Site
from backend.adapters.orm.contracts import Contract, ContractEquipment, Technician
from backend.adapters.orm.conversations import Conversation, Message, Verification
from backend.adapters.orm.incidents import Incident, IncidentEvent
from backend.adapters.orm.outbox import OutboxItem

__all__ = [
    "Base",
    "Contact",
    "Contract",
    "ContractEquipment",
    "Conversation",
    "Counter",
    "Customer",
    "Equipment",
    "Incident",
    "IncidentEvent",
    "Message",
    "OutboxItem",
    "Site",
    "Technician",
    "Verification",
]
