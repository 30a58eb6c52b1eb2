"""Prometheus metrics of the backend (prometheus-client, the process's default registry).

Names are ``avisa_*``; labels are bounded sets (route templates, channels, outcomes) —
never a raw path, an address or an id. The gateway's metrics: channels/core/metrics.py.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

HTTP_SECONDS = Histogram(
    "avisa_backend_http_request_duration_seconds",
    "Backend HTTP request latency by route template, method and status class",
    ["method", "route", "status"],
)
MESSAGES_IN = Counter("avisa_backend_inbound_messages_total",
                      "Customer messages stored by the backend, by channel", ["channel"])
MESSAGES_OUT = Counter("avisa_backend_outbound_messages_total",
                       "Bot replies stored by the backend (by channel: the gateway's metric)")
OUTBOX_DEPTH = Gauge("avisa_outbox_depth", "Outbox rows not delivered yet (pending or sending)")
OUTBOX_AGE = Gauge("avisa_outbox_oldest_age_seconds",
                   "Age of the oldest outbox row not delivered yet (0 when empty)")
MAIL_LAG = Histogram(
    "avisa_mail_ingestion_lag_seconds",
    "From a mail's Date header to its storage by the backend",
    buckets=(5, 15, 30, 60, 120, 300, 600, 1800, 3600, 21600, 86400),
)
SLA = Counter("avisa_sla_events_total", "SLA warnings and breaches raised by the scheduler",
              ["kind"])
DISPATCH_TIMEOUTS = Counter("avisa_dispatch_timeouts_total",
                            "Technician offers expired without an answer")
SCHEDULER_TICKS = Counter("avisa_scheduler_ticks_total", "Scheduler ticks by outcome",
                          ["outcome"])

__all__ = ["CONTENT_TYPE_LATEST", "DISPATCH_TIMEOUTS", "HTTP_SECONDS", "MAIL_LAG", "MESSAGES_IN",
           "MESSAGES_OUT", "OUTBOX_AGE", "OUTBOX_DEPTH", "SCHEDULER_TICKS", "SLA", "exposition"]


def exposition() -> bytes:
    return generate_latest()
