"""SQLAlchemy 2 mapped classes; importing this package registers every table on `Base.metadata`."""

from backend.adapters.orm.agents import (  # noqa: F401 (registers the tables)
    Agent,
    AgentQueue,
    AgentSession,
    Handoff,
    HandoffLog,
)
from backend.adapters.orm.attachments import AttachmentRow
from backend.adapters.orm.base import Base, Counter
from backend.adapters.orm.billing import (
    BillingDocumentRow,
    BillingKey,
    BillingLineRow,
    CoverageRecord,
    PriceListRow,
    ServiceOrder,
)
from backend.adapters.orm.catalog import Contact, Customer, Equipment, Site
from backend.adapters.orm.contracts import Contract, ContractEquipment, ContractVersion, Technician
from backend.adapters.orm.conversations import Conversation, Message, OtpRequest, Verification
from backend.adapters.orm.dispatch import (  # noqa: F401 (registers the tables)
    AlarmEvent,
    Dispatch,
    DispatchDocument,
    MaintenanceRun,
    OpenAlarmRow,
    RoutingDecision,
    SlaTimerRow,
    TechnicianProfile,
)
from backend.adapters.orm.followups import CallbackRequest, Complaint
from backend.adapters.orm.incidents import (
    Incident,
    IncidentEvent,
    IncidentMerge,
    IncidentReport,
    IncidentSubscription,
    PendingReport,
)
from backend.adapters.orm.mail import MailCheckpoint, MailLease, MailReply, QuarantinedMail
from backend.adapters.orm.nlu import (  # noqa: F401 (registers the tables)
    NluActivation,
    NluFlag,
    NluLabel,
    NluModel,
    NluPrediction,
)
from backend.adapters.orm.outbox import OutboxItem, OutboxPart
from backend.adapters.orm.reports import ReportDirtyDay, ReportRollup, ReportRollupState
from backend.adapters.orm.satisfaction import SatisfactionSurvey
from backend.adapters.orm.visits import IncidentPart, IncidentVisit

__all__ = [
    "AttachmentRow",
    "Base",
    "BillingDocumentRow",
    "BillingKey",
    "BillingLineRow",
    "CallbackRequest",
    "Complaint",
    "Contact",
    "Contract",
    "ContractEquipment",
    "ContractVersion",
    "Conversation",
    "Counter",
    "CoverageRecord",
    "Customer",
    "Equipment",
    "Incident",
    "IncidentEvent",
    "IncidentMerge",
    "IncidentPart",
    "IncidentReport",
    "IncidentSubscription",
    "IncidentVisit",
    "MailCheckpoint",
    "MailLease",
    "MailReply",
    "Message",
    "OtpRequest",
    "OutboxItem",
    "OutboxPart",
    "PendingReport",
    "PriceListRow",
    "QuarantinedMail",
    "ReportDirtyDay",
    "ReportRollup",
    "ReportRollupState",
    "SatisfactionSurvey",
    "ServiceOrder",
    "Site",
    "Technician",
    "Verification",
]
