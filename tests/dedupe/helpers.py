from datetime import UTC, datetime, timedelta

from backend.domain.dedupe import IncidentStatus, IncidentView, Machine

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

FLEET = (
    Machine("EQ-1", "air compressor", "CMP-2291-X", "Zaragoza plant"),
    Machine("EQ-2", "air compressor", "CMP-3310-B", "Huesca warehouse"),
    Machine("EQ-3", "multifunction copier", "KM-448812", "Zaragoza plant"),
)


def incident(
    iid: str = "INC-00001",
    text: str = "El compresor CMP-2291-X no arranca, saltan las protecciones",
    equipment: frozenset[str] = frozenset({"EQ-1"}),
    customer: str = "C-1042",
    status: IncidentStatus = IncidentStatus.OPEN,
    hours_ago: float = 1.0,
) -> IncidentView:
    at = T0 - timedelta(hours=hours_ago)
    return IncidentView(
        id=iid,
        customer=customer,
        status=status,
        texts=(text,),
        equipment_ids=equipment,
        opened_at=at,
        last_report_at=at,
        channel="email",
        resolved_at=at + timedelta(minutes=30) if status is IncidentStatus.RESOLVED else None,
    )
