"""Every figure of the reports on the hand-made December 2025 (fixture.py); each expected
number is counted by hand in the comment beside it."""

from __future__ import annotations

from typing import Any

import pytest

from backend.services.platform.reports import money as money_report
from backend.services.platform.reports.run import report, report_csv
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.reports.fixture import PERIOD


async def run(uows: UnitOfWorkFactory, name: str, **query: str) -> dict[str, Any]:
    return await report(uows, name, {**PERIOD, **query})


def row(table: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(r for r in table if r["key"] == key)


async def test_sla_compliance(uows):
    sla = await run(uows, "sla")
    # response timers opened in December (local): INC-1, 2, 3, 4 and INC-7 (1 Dec 00:30
    # Madrid is 30 Nov in UTC); INC-6 (30 Nov 23:30 Madrid) and INC-5 (January) are out
    assert sla["totals"]["response"] == {"total": 5, "on_time": 4, "late": 1, "overdue": 0,
                                         "running": 0, "compliance": 0.8}
    # resolution: INC-1 on time, INC-3 late, INC-2 unmet past its due (overdue at NOW),
    # INC-4 unmet and due in February (running, not decided)
    assert sla["totals"]["resolution"] == {"total": 4, "on_time": 1, "late": 1, "overdue": 1,
                                           "running": 1, "compliance": 0.3333}
    # INC-7 counts in the local month, December, not in November
    assert [r["key"] for r in sla["by_month"]["response"]] == ["2025-12"]
    assert row(sla["by_customer"]["response"], "C-1001")["compliance"] == 0.6667  # 2 of 3
    assert row(sla["by_customer"]["response"], "C-1002")["on_time"] == 2
    assert row(sla["by_priority"]["response"], "medium")["compliance"] == 0.5  # INC-2, INC-4
    assert row(sla["by_priority"]["response"], "high")["compliance"] == 1.0
    assert row(sla["by_contract"]["resolution"], "CT-0001")["compliance"] == 0.3333
    assert row(sla["by_contract"]["resolution"], "-")["compliance"] is None  # running only
    assert row(sla["by_queue"]["response"], "general")["total"] == 3  # INC-1, 2, 7
    assert row(sla["by_queue"]["response"], "urgent")["compliance"] == 1.0


async def test_sla_business_time_across_nights_weekends_and_holidays(uows):
    times = (await run(uows, "sla"))["business_time"]
    # response, in covered minutes:
    #   INC-1 Fri 5 Dec 17:00 → Tue 9 Dec 09:30 on mon-fri 08-18: Fri 60 + Sat/Sun 0 +
    #         Mon 8 Dec (holiday) 0 + Tue 90 = 150
    #   INC-2 Wed 10 Dec 19:00 (after hours) → Thu 13:00: 08:00-13:00 = 300
    #   INC-3 Sat 20 Dec 10:00 → Mon 22 Dec 08:45: only Monday's 45
    #   INC-4 no contract, 24x7: Sun 14 Dec 23:00 → Mon 01:30 = 150
    #   INC-7 no contract, 24x7: 00:30 → 01:00 = 30
    # sorted 30, 45, 150, 150, 300: median (3rd) 150, p90 (5th) 300
    assert times["response"] == {"count": 5, "median_minutes": 150.0, "p90_minutes": 300.0}
    # resolution: INC-1 Fri 60 + Tue/Wed/Thu 3×600 + Fri 12 Dec 08-10 120 = 1980;
    #   INC-3 Mon/Tue/Wed 22-24 Dec 3×600 + Thu 25 (holiday) 0 + Fri 26 08-09 60 = 1860
    assert times["resolution"] == {"count": 2, "median_minutes": 1860.0,
                                   "p90_minutes": 1980.0}


async def test_sla_breaches_are_listed_with_their_incidents(uows):
    breaches = (await run(uows, "sla"))["breaches"]
    # INC-2 response (late), INC-2 resolution (overdue), INC-3 resolution (late)
    assert breaches["total"] == 3
    assert sorted((b["incident_id"], b["kind"]) for b in breaches["items"]) == [
        ("INC-00002", "resolution"), ("INC-00002", "response"), ("INC-00003", "resolution")]


async def test_sla_filters(uows):
    general = await run(uows, "sla", queue="general")
    assert general["totals"]["response"]["total"] == 3  # INC-1, 2, 7
    assert general["totals"]["response"]["compliance"] == 0.6667
    other = await run(uows, "sla", customer="C-1002")
    assert other["totals"]["resolution"]["compliance"] is None  # INC-4 still running
    assert (await run(uows, "sla", channel="sms"))["totals"]["response"]["total"] == 1


async def test_bot_containment_handoffs_understanding_verification(uows):
    bot = await run(uows, "bot")
    # A, B, C, D and E (1 Dec 00:10 Madrid); F is January; contained: A, D, E
    assert bot["totals"] == {"conversations": 5, "contained": 3,
                             "containment": 0.6}
    assert row(bot["by_channel"], "web")["containment"] == 0.5  # B handed, E not
    assert row(bot["by_channel"], "telegram")["contained"] == 0
    assert row(bot["by_language"], "es")["containment"] == 0.6667  # A, E of A, C, E
    assert bot["handoffs_by_reason"] == [
        {"reason": "low_confidence", "channel": "telegram", "handoffs": 1},
        {"reason": "request_human", "channel": "web", "handoffs": 1}]
    # A: 0.9 and 0.4 (under 0.6) → 1 of 2; B: 0.95 but flagged, 0.8 → 1 of 2
    assert bot["misunderstood"] == [
        {"channel": "sms", "language": "es", "predicted": 2, "misunderstood": 1, "rate": 0.5},
        {"channel": "web", "language": "en", "predicted": 2, "misunderstood": 1, "rate": 0.5}]
    assert bot["verification"] == [
        {"channel": "sms", "attempted": 1, "verified": 1, "locked": 0, "success": 1.0},
        {"channel": "telegram", "attempted": 1, "verified": 0, "locked": 1, "success": 0.0}]
    # trend by local day: E counts on 1 Dec, D (22:00 UTC) on 14 Dec
    assert [(d["day"], d["conversations"], d["contained"]) for d in bot["trend"]] == [
        ("2025-12-01", 1, 1), ("2025-12-05", 1, 1), ("2025-12-10", 1, 0),
        ("2025-12-14", 1, 1), ("2025-12-20", 1, 0)]


async def test_bot_queue_filter_keeps_the_handoffs_it_counts(uows):
    """A queue narrows to the conversations handed to it; the handoffs of those are still
    counted (the queue condition has its own alias: it raised before)."""
    urgent = await run(uows, "bot", queue="urgent")
    assert urgent["totals"] == {"conversations": 1, "contained": 0, "containment": 0.0}  # C
    assert urgent["handoffs_by_reason"] == [
        {"reason": "low_confidence", "channel": "telegram", "handoffs": 1}]
    assert [(r["key"], r["conversations"]) for r in urgent["by_language"]] == [("es", 1)]


async def test_channels_volume_heat_map_and_multi_channel_customers(uows):
    ch = await run(uows, "channels")
    # customer messages in December (local): A 2, B 2, C 1, D 1, E 1 (F in January)
    assert ch["messages_by_channel"] == [
        {"channel": "email", "messages": 1}, {"channel": "sms", "messages": 2},
        {"channel": "telegram", "messages": 1}, {"channel": "web", "messages": 3}]
    cells = ch["heat_map"]["cells"]
    assert sum(map(sum, cells)) == 7
    assert cells[4][17] == 1 and cells[4][18] == 1  # Friday 17:55 and 18:05 Madrid
    assert cells[2][18] == 1 and cells[2][19] == 1  # Wednesday 18:59, 19:01
    assert cells[0][0] == 1  # Monday 1 Dec 00:10 Madrid (Sunday 23:10 UTC)
    assert cells[6][23] == 1  # Sunday 14 Dec 23:00 Madrid
    # C-1001 wrote on sms, web and telegram; C-1002 on e-mail only
    assert ch["customers"] == {"with_conversations": 2, "multi_channel": 1,
                               "multi_channel_share": 0.5}


async def test_duplicates_merged_asked_and_split_back(uows):
    dup = await run(uows, "duplicates")
    assert dup["reports"] == {"new": 5, "merged": 1, "confirmed": 1, "declined": 1}
    assert dup["asked"] == 2
    assert (dup["agent_merged"], dup["split_back"]) == (1, 1)  # the undone merge not counted
    assert dup["false_merge_rate"] == 0.3333  # 1 split of 3 joined (merged+confirmed+agent)
    pairs = {(p["first"], p["second"]): p for p in dup["by_channel_pair"]}
    assert pairs[("sms", "web")]["merged"] == 1
    assert pairs[("sms", "email")]["confirmed"] == 1
    assert pairs[("web", "sms")]["declined"] == 1
    assert pairs[("telegram", "sms")]["split"] == 1
    assert pairs[("web", "web")]["agent_merged"] == 1


async def test_technicians_offers_times_and_first_time_fix(uows):
    tech = await run(uows, "technicians")
    t01, t02 = tech["by_technician"]
    assert (t01["key"], t01["offered"], t01["accepted"]) == ("T-01", 3, 3)  # DSP-7: January
    assert (t02["offered"], t02["accepted"], t02["declined"], t02["timed_out"],
            t02["withdrawn"]) == (3, 0, 1, 1, 1)
    assert [(z["key"], z["acceptance"]) for z in tech["by_zone"]] == [("aragon", 1.0),
                                                                     ("madrid", 0.0)]
    # accepted in 15, 45 and 20 minutes; on site 90, 150 and 30 minutes
    assert tech["time_to_accept"] == {"count": 3, "median_minutes": 20.0, "p90_minutes": 45.0}
    assert tech["on_site"] == {"count": 3, "median_minutes": 90.0, "p90_minutes": 150.0}
    # DSP-1 (EQ-0001, 9 Dec): INC-5 on EQ-0001 on 2 Jan, within 30 days → not fixed;
    # DSP-3 (EQ-0002, 11 Dec): INC-3 on EQ-0002 on 20 Dec → not fixed; DSP-5 fixed
    assert tech["first_time_fix"]["finished"] == 3
    assert tech["first_time_fix"]["fixed_first_time"] == 1
    assert tech["first_time_fix"]["rate"] == 0.3333
    only = await run(uows, "technicians", customer="C-1002")
    assert [(t["key"], t["offered"], t["withdrawn"]) for t in only["by_technician"]] == [
        ("T-02", 1, 1)]


async def test_coverage_and_money(uows):
    money = await run(uows, "money")
    # reported decisions of INC-1, 2, 3, 4, 7 (INC-1's closing decision not counted again)
    assert money["coverage"] == {"decided": 5, "outcomes": {
        "covered": 2, "partly_covered": 1, "not_covered": 2}, "covered_share": 0.4}
    # issued or exported in December; the draft ALB-4 and January's ALB-5 are out
    assert money["documents"] == [
        {"customer": "C-1001", "month": "2025-12", "kind": "contract_invoice",
         "documents": 1, "net": "1450.00", "total": "1754.50"},
        {"customer": "C-1001", "month": "2025-12", "kind": "delivery_note", "documents": 1,
         "net": "200.00", "total": "242.00"},
        {"customer": "C-1002", "month": "2025-12", "kind": "delivery_note", "documents": 2,
         "net": "150.50", "total": "182.11"}]
    assert money["top_out_of_contract"] == [
        {"customer": "C-1001", "delivery_notes": 1, "total": "242.00"},
        {"customer": "C-1002", "delivery_notes": 2, "total": "182.11"}]
    assert money["documents_truncated"] is False
    # ends by 31 March 2026: CT-0002 (15 Feb); CT-0001 (Dec 2026) and CT-0003 (June) not
    assert [r["contract"] for r in money["renewals_due"]] == ["CT-0002"]


async def test_the_documents_table_is_cut_at_its_cap_but_not_in_csv(uows, monkeypatch):
    monkeypatch.setattr(money_report, "ROWS", 2)  # a year of a large company: 35,000 rows
    money = await run(uows, "money")
    assert [(d["customer"], d["kind"]) for d in money["documents"]] == [
        ("C-1001", "contract_invoice"), ("C-1001", "delivery_note")]
    assert money["documents_truncated"] is True
    assert [t["total"] for t in money["top_out_of_contract"]] == ["242.00", "182.11"]  # all
    lines = (await report_csv(uows, "money", PERIOD)).splitlines()
    documents = [line for line in lines if line.startswith("documents,")]
    assert len(documents) == 3 and "C-1002" in documents[2] and "182.11" in documents[2]


async def test_lists_behind_the_figures(uows):
    async def ids(name: str, **q: str) -> list[str]:
        return [i["id"] for i in (await run(uows, name, **q))["items"]]

    assert await ids("incidents", sla="response") == ["INC-00002"]
    assert await ids("incidents", sla="resolution") == ["INC-00003", "INC-00002"]
    assert await ids("incidents", coverage="not_covered") == ["INC-00004", "INC-00007"]
    assert await ids("incidents", technician="T-02") == ["INC-00003", "INC-00004",
                                                         "INC-00002"]
    assert await ids("incidents", decision="merged") == ["INC-00001"]
    # asked: INC-1's e-mail report confirmed, INC-2's SMS declined
    assert await ids("incidents", decision="asked") == ["INC-00002", "INC-00001"]
    # agents: INC-7 merged into INC-2 (INC-4's merge was undone), INC-1 split from INC-3
    assert await ids("incidents", merge="merge") == ["INC-00002"]
    assert await ids("incidents", merge="split") == ["INC-00003"]
    assert await ids("incidents", zone="madrid") == ["INC-00003", "INC-00004", "INC-00002"]
    assert await ids("incidents", zone="aragon") == ["INC-00003", "INC-00002", "INC-00001"]
    # every job offered in December (INC-5's is in January)
    assert await ids("incidents", dispatched="yes") == ["INC-00003", "INC-00004",
                                                        "INC-00002", "INC-00001"]
    assert await ids("conversations", reason="request_human") == ["CONV-B"]
    assert await ids("conversations", contained="no") == ["CONV-C", "CONV-B"]
    assert await ids("conversations", verification="locked") == ["CONV-C"]


async def test_personal_data_only_when_asked(uows):
    plain = await run(uows, "incidents")
    assert all("symptom" not in i for i in plain["items"])
    asked = await run(uows, "incidents", personal="yes")
    assert all(i["symptom"].startswith("symptom of") for i in asked["items"])
    conv = await run(uows, "conversations")
    assert all("address" not in c for c in conv["items"])


@pytest.mark.parametrize(("query", "message"), [
    ({"from": "2025-13-01"}, "from: expected a date"),
    ({"from": "2025-12-31", "to": "2025-12-01"}, "starts after it ends"),
    ({"channel": "fax"}, "channel must be one of"),
    ({"customer": "C 1001; drop"}, "customer:"),
    ({"from": "2020-01-01", "to": "2025-01-01"}, "longer than"),
    ({"sla": "whenever"}, "sla must be one of"),
])
async def test_bad_filters_are_refused_with_a_reason(uows, query, message):
    from backend.domain.errors import InvalidRequest
    with pytest.raises(InvalidRequest, match=message):
        await report(uows, "incidents", query)
