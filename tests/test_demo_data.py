"""Consistency checks for the demo data in data/*.yml.

The schema is the one agreed in docs/contract.md ("Demo data"); data/price_list.yml describes its
own layout in its header. Only PyYAML and pytest are needed:

    .venv/app/bin/pytest tests/test_demo_data.py -q
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "data"

# The demo is written to be told on this day: some warranties and contracts are already over.
REFERENCE_DAY = dt.date(2026, 11, 27)

FAMILIES = {
    "copier", "compressor", "hvac", "forklift",
    "packaging_line", "vending", "server", "refrigeration",
}
ZONE_CITIES = {
    "aragon": {"Zaragoza", "Huesca", "Teruel"},
    "cataluna": {"Barcelona", "Tarragona", "Lleida", "Girona"},
    "madrid": {"Madrid", "Alcalá de Henares", "Getafe", "Alcobendas"},
}
CONTRACT_TYPES = {
    "warranty_extension", "full_maintenance", "partial_labour", "partial_parts",
    "rental", "onsite_24h", "helpdesk", "continuous_service",
}
CONTRACT_STATES = {"draft", "active", "suspended", "cancelled", "expired"}
INCIDENT_TYPES = {
    "mechanical", "electrical", "electronic", "software",
    "leak", "noise", "consumables", "misuse",
}
BILLING = {"monthly", "quarterly", "semiannual", "annual"}
PRIORITIES = ["critical", "high", "medium", "low"]  # most to least urgent
CATEGORIES = {"junior", "senior", "specialist"}
TIMEZONE = "Europe/Madrid"

CUSTOMER_CODE = re.compile(r"^C-\d{4}$")
SITE_ID = re.compile(r"^S-(\d{4})-\d+$")
EQUIPMENT_ID = re.compile(r"^EQ-\d{4}$")
CONTRACT_ID = re.compile(r"^CT-\d{4}$")
SERIAL = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)+$")
TAX_ID = re.compile(r"^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$")  # Spanish CIF shape
SPANISH_E164 = re.compile(r"^\+34[69]\d{8}$")  # +34 6xx mobiles, +34 9xx landlines
E164 = re.compile(r"^\+[1-9]\d{7,14}$")
EMAIL = re.compile(r"^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")
TELEGRAM_ID = re.compile(r"^\d{5,15}$")
MONEY = re.compile(r"^\d+\.\d{2}$")  # EUR amount: string, two decimals
PERCENT = re.compile(r"^-?\d+(\.\d+)?$")
_DAY = r"(mon|tue|wed|thu|fri|sat|sun)"
_TIME = r"([01]\d|2[0-3]):[0-5]\d"
SCHEDULE = re.compile(rf"^(24x7|{_DAY}-{_DAY} {_TIME}-({_TIME}|24:00))$")


def _load(name: str) -> dict[str, Any]:
    with open(DATA / name, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    assert isinstance(doc, dict), f"{name}: top level must be a mapping"
    return doc


def _listed(name: str) -> Any:
    """A module fixture: the list under ``name`` in ``data/<name>.yml``."""

    @pytest.fixture(scope="module", name=name)
    def fixture() -> list[dict[str, Any]]:
        return _load(f"{name}.yml")[name]

    return fixture


customers = _listed("customers")
equipment = _listed("equipment")
contracts = _listed("contracts")
technicians = _listed("technicians")


@pytest.fixture(scope="module")
def price_list() -> dict[str, Any]:
    return _load("price_list.yml")


@pytest.fixture(scope="module")
def customer_by_code(customers):
    return {c["code"]: c for c in customers}


@pytest.fixture(scope="module")
def equipment_by_id(equipment):
    return {e["id"]: e for e in equipment}


def _is_money(value: Any) -> bool:
    return isinstance(value, str) and bool(MONEY.match(value)) and Decimal(value) >= 0


def _check_schedule(schedule: Any) -> None:
    assert isinstance(schedule, str) and SCHEDULE.match(schedule), f"bad schedule {schedule!r}"
    if schedule != "24x7":
        start, end = schedule.split(" ")[1].split("-")
        assert start < end, f"schedule {schedule!r} ends before it starts"


def _dupes(values) -> list:
    return [v for v, n in Counter(values).items() if n > 1]


# ----------------------------------------------------------------------------- customers


def test_customer_counts_and_languages(customers):
    assert len(customers) >= 20
    languages = Counter(c["language"] for c in customers)
    assert set(languages) == {"es", "en"}
    assert languages["es"] > languages["en"] >= 3


def test_customer_fields(customers):
    codes = [c["code"] for c in customers]
    assert not _dupes(codes)
    for c in customers:
        assert CUSTOMER_CODE.match(c["code"]) and int(c["code"][2:]) >= 1001, c["code"]
        assert isinstance(c["name"], str) and c["name"].strip(), c["code"]
        assert TAX_ID.match(c["tax_id"]), (c["code"], c["tax_id"])
        assert c["language"] in {"es", "en"}
        assert 1 <= len(c["contacts"]) <= 3, c["code"]
        assert 1 <= len(c["sites"]) <= 3, c["code"]
    assert not _dupes(c["tax_id"] for c in customers)


def test_exactly_one_preferred_contact_listed_first(customers):
    for c in customers:
        flags = [ct.get("preferred", False) for ct in c["contacts"]]
        assert all(isinstance(f, bool) for f in flags), c["code"]
        assert flags.count(True) == 1, f"{c['code']}: {flags.count(True)} preferred contacts"
        assert flags[0] is True, f"{c['code']}: the preferred contact must be the first one"


def test_contact_addresses_valid_and_unique(customers, technicians):
    emails, phones, telegram_ids = [], [], []
    for c in customers:
        for ct in c["contacts"]:
            assert isinstance(ct["name"], str) and ct["name"].strip()
            email = ct["email"]
            assert isinstance(email, str) and EMAIL.match(email), email
            assert email.endswith((".es", ".com")), email
            phone = ct["phone"]
            assert isinstance(phone, str) and E164.match(phone) and SPANISH_E164.match(phone), phone
            emails.append(email.lower())
            phones.append(phone)
            tg = ct.get("telegram_id")
            if tg is not None:
                assert isinstance(tg, str) and TELEGRAM_ID.match(tg), tg
                telegram_ids.append(tg)
    assert telegram_ids, "some contacts should use Telegram"
    assert not _dupes(emails), f"duplicate contact e-mails: {_dupes(emails)}"
    assert not _dupes(phones), f"duplicate contact phones: {_dupes(phones)}"
    # a sender address must identify one person: technicians included
    for t in technicians:
        emails.append(t["email"].lower())
        phones.append(t["phone"])
        if t.get("telegram_id"):
            telegram_ids.append(t["telegram_id"])
    assert not _dupes(emails), f"e-mail shared with a technician: {_dupes(emails)}"
    assert not _dupes(phones), f"phone shared with a technician: {_dupes(phones)}"
    assert not _dupes(telegram_ids), f"duplicate telegram ids: {_dupes(telegram_ids)}"


def test_sites(customers):
    site_ids = []
    zones_used = set()
    for c in customers:
        for s in c["sites"]:
            m = SITE_ID.match(s["id"])
            assert m and m.group(1) == c["code"][2:], f"{c['code']}: site id {s['id']}"
            assert s["zone"] in ZONE_CITIES, s
            assert s["city"] in ZONE_CITIES[s["zone"]], (
                f"{s['id']}: {s['city']} is not in {s['zone']}")
            assert s["name"].strip() and s["address"].strip()
            site_ids.append(s["id"])
            zones_used.add(s["zone"])
    assert not _dupes(site_ids)
    assert zones_used == set(ZONE_CITIES)


# ----------------------------------------------------------------------------- equipment


def test_equipment_counts(equipment, customers):
    assert len(equipment) >= 60
    families = Counter(e["family"] for e in equipment)
    assert set(families) == FAMILIES, f"families: {sorted(families)}"
    per_customer = Counter(e["customer"] for e in equipment)
    for c in customers:
        assert per_customer[c["code"]] >= 2, f"{c['code']} has {per_customer[c['code']]} pieces"


def test_equipment_ids_and_serials_unique(equipment):
    ids = [e["id"] for e in equipment]
    assert not _dupes(ids)
    assert all(EQUIPMENT_ID.match(i) for i in ids)
    serials = [e["serial"] for e in equipment]
    assert all(isinstance(s, str) and SERIAL.match(s) for s in serials), serials
    normalised = [s.upper().replace("-", "") for s in serials]
    assert not _dupes(normalised), f"duplicate serials: {_dupes(normalised)}"


def test_equipment_references_resolve(equipment, customer_by_code):
    for e in equipment:
        customer = customer_by_code.get(e["customer"])
        assert customer is not None, f"{e['id']}: unknown customer {e['customer']}"
        site_ids = {s["id"] for s in customer["sites"]}
        assert e["site"] in site_ids, (
            f"{e['id']}: site {e['site']} is not a site of {e['customer']}")


def test_equipment_fields_and_dates(equipment):
    warranty_over = warranty_running = 0
    for e in equipment:
        assert e["model"].strip() and e["description"].strip(), e["id"]
        installed, warranty_end = e["installed_on"], e["warranty_end"]
        assert isinstance(installed, dt.date) and isinstance(warranty_end, dt.date), e["id"]
        assert installed < warranty_end, e["id"]
        assert installed <= REFERENCE_DAY, e["id"]
        if warranty_end < REFERENCE_DAY:
            warranty_over += 1
        else:
            warranty_running += 1
    assert warranty_over >= 5 and warranty_running >= 5


# ----------------------------------------------------------------------------- contracts


def test_contract_counts_types_states(contracts):
    assert len(contracts) >= 25
    assert {k["type"] for k in contracts} == CONTRACT_TYPES
    states = Counter(k["state"] for k in contracts)
    assert set(states) <= CONTRACT_STATES
    assert states["expired"] >= 2
    for state in ("suspended", "cancelled", "draft"):
        assert states[state] >= 1, f"no {state} contract"
    assert states["active"] > len(contracts) / 2


def test_contract_ids_unique(contracts):
    ids = [k["id"] for k in contracts]
    assert not _dupes(ids)
    assert all(CONTRACT_ID.match(i) for i in ids)


def test_contract_references_resolve(contracts, customer_by_code, equipment_by_id):
    for k in contracts:
        assert k["customer"] in customer_by_code, f"{k['id']}: unknown customer {k['customer']}"
        assert k["equipment"], f"{k['id']}: protects no equipment"
        assert not _dupes(k["equipment"]), k["id"]
        for eq in k["equipment"]:
            assert eq in equipment_by_id, f"{k['id']}: unknown equipment {eq}"
            owner = equipment_by_id[eq]["customer"]
            assert owner == k["customer"], (
                f"{k['id']}: {eq} belongs to {owner}, not {k['customer']}")


def test_contract_terms(contracts):
    for k in contracts:
        cid = k["id"]
        types = k["incident_types"]
        assert types and set(types) <= INCIDENT_TYPES and not _dupes(types), cid
        hours = k["covered_hours"]
        assert hours["timezone"] == TIMEZONE, cid
        _check_schedule(hours["schedule"])
        response, resolution = k["response_hours"], k["resolution_hours"]
        assert list(response) == PRIORITIES and list(resolution) == PRIORITIES, cid
        for p in PRIORITIES:
            assert isinstance(response[p], int) and response[p] > 0, cid
            assert isinstance(resolution[p], int) and resolution[p] >= response[p], cid
        for more, less in itertools.pairwise(PRIORITIES):
            assert response[more] <= response[less] and resolution[more] <= resolution[less], cid
        if "allowance" in k:
            allowance = k["allowance"]
            assert allowance and set(allowance) <= {"hours", "visits"}, cid
            assert all(isinstance(v, int) and v >= 0 for v in allowance.values()), cid
        assert _is_money(k["price"]) and Decimal(k["price"]) > 0, (cid, k["price"])
        assert k["billing"] in BILLING, cid
        if "renewal" in k:
            renewal = k["renewal"]
            assert isinstance(renewal["every_months"], int) and renewal["every_months"] > 0, cid
            pct = renewal["price_change_pct"]
            assert isinstance(pct, str) and PERCENT.match(pct), (cid, pct)
            Decimal(pct)
        assert isinstance(k["clauses"], str) and k["clauses"].strip(), cid


def test_contract_dates_match_state(contracts):
    for k in contracts:
        start, end = k["start"], k["end"]
        assert isinstance(start, dt.date) and isinstance(end, dt.date), k["id"]
        assert start < end, k["id"]
        if k["state"] == "active":
            assert start <= REFERENCE_DAY <= end, f"{k['id']} is active outside its dates"
        elif k["state"] == "expired":
            assert end < REFERENCE_DAY, f"{k['id']} expired but ends {end}"
        elif k["state"] == "draft":
            assert start > REFERENCE_DAY, f"{k['id']} is a draft that already started"


def _active_on_reference_day(contracts):
    return [k for k in contracts
            if k["state"] == "active" and k["start"] <= REFERENCE_DAY <= k["end"]]


def test_one_machine_with_overlapping_contracts(contracts):
    """The demo shows a machine protected by two contracts at once."""
    by_equipment = defaultdict(list)
    for k in contracts:
        if k["state"] == "active":
            for eq in k["equipment"]:
                by_equipment[eq].append(k)
    overlapping = set()
    for eq, ks in by_equipment.items():
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                if a["start"] <= b["end"] and b["start"] <= a["end"]:
                    overlapping.add(eq)
    assert len(overlapping) >= 1, "no equipment with two overlapping active contracts"


def test_some_equipment_uncovered(equipment, contracts):
    """Some machines have no contract in force and an expired warranty: billable work."""
    covered = {eq for k in _active_on_reference_day(contracts) for eq in k["equipment"]}
    contracted = {eq for k in contracts for eq in k["equipment"]}
    never_contracted = {e["id"] for e in equipment} - contracted
    uncovered = [
        e["id"] for e in equipment
        if e["id"] not in covered and e["warranty_end"] < REFERENCE_DAY
    ]
    assert len(uncovered) >= 3
    assert any(eq in never_contracted for eq in uncovered)


# ----------------------------------------------------------------------------- technicians


def test_technicians(technicians):
    assert len(technicians) == 12
    assert [t["id"] for t in technicians] == [f"T-{n:02d}" for n in range(1, 13)]
    per_zone = Counter(t["zone"] for t in technicians)
    assert per_zone == {zone: 4 for zone in ZONE_CITIES}
    for t in technicians:
        assert t["name"].strip(), t["id"]
        assert t["category"] in CATEGORIES, t["id"]
        assert t["skills"] and set(t["skills"]) <= FAMILIES and not _dupes(t["skills"]), t["id"]
        assert isinstance(t["phone"], str) and SPANISH_E164.match(t["phone"]), t["id"]
        assert EMAIL.match(t["email"]) and t["email"].endswith("@avisa-servicios.es"), t["id"]
        tg = t["telegram_id"]
        assert tg is None or (isinstance(tg, str) and TELEGRAM_ID.match(tg)), t["id"]
        assert t["shift"]["timezone"] == TIMEZONE, t["id"]
        _check_schedule(t["shift"]["schedule"])
    assert any(t["telegram_id"] for t in technicians)
    assert any(t["telegram_id"] is None for t in technicians)
    assert not _dupes(t["email"] for t in technicians)
    assert not _dupes(t["phone"] for t in technicians)


def test_every_family_covered_in_every_zone(technicians):
    for zone in ZONE_CITIES:
        skills = {s for t in technicians if t["zone"] == zone for s in t["skills"]}
        assert skills == FAMILIES, f"{zone} misses {sorted(FAMILIES - skills)}"


# ----------------------------------------------------------------------------- price list


def test_price_list(price_list):
    assert price_list["currency"] == "EUR"
    vat = price_list["vat_default_pct"]
    assert isinstance(vat, str) and Decimal(vat) == Decimal(21)
    rates = price_list["labour_rates"]
    assert set(rates) == CATEGORIES
    assert all(_is_money(v) and Decimal(v) > 0 for v in rates.values())
    assert Decimal(rates["junior"]) < Decimal(rates["senior"]) < Decimal(rates["specialist"])
    surcharge = price_list["out_of_hours_surcharge_pct"]
    assert isinstance(surcharge, str) and PERCENT.match(surcharge) and Decimal(surcharge) > 0
    assert price_list["normal_hours"]["timezone"] == TIMEZONE
    _check_schedule(price_list["normal_hours"]["schedule"])
    travel = price_list["travel"]
    assert set(travel) == set(ZONE_CITIES) | {"default"}  # default: any other zone
    for zone, t in travel.items():
        assert _is_money(t["flat"]) and _is_money(t["per_km"]), zone


def test_parts(price_list):
    parts = price_list["parts"]
    assert len(parts) >= 35
    assert not _dupes(p["part_number"] for p in parts)
    assert {p["family"] for p in parts} == FAMILIES
    for p in parts:
        assert isinstance(p["part_number"], str) and p["part_number"].strip()
        assert p["unit"] in {"piece", "kit", "set", "bottle", "metre"}, p["part_number"]
        assert p["description"]["es"].strip() and p["description"]["en"].strip(), p["part_number"]
        assert _is_money(p["price"]) and Decimal(p["price"]) > 0, p["part_number"]
