"""Bench customers: one per concurrent virtual customer, so that no two conversations
running at once wait for a one-time code sent to the same contact.

Loaded on top of the demo data into the bench's own fresh database only. Codes C-7001…,
equipment EQ-7001… (one compressor each), half of them Spanish-speaking.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

COUNT = 60
FIRST = 7001


@dataclass(frozen=True)
class BenchCustomer:
    code: str
    email: str
    equipment: str
    serial: str
    language: str


def customer(index: int) -> BenchCustomer:
    number = FIRST + index % COUNT
    return BenchCustomer(code=f"C-{number}", email=f"bench-{number}@bench.avisa.test",
                         equipment=f"EQ-{number}", serial=f"CMP-{number}-B",
                         language="es" if index % 2 else "en")


def write_data(folder: Path) -> Path:
    """customers.yml and equipment.yml for ``avisa demo load --data folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    people, machines = [], []
    for index in range(COUNT):
        c = customer(index)
        number = FIRST + index
        site = f"S-{number}-1"
        people.append({
            "code": c.code, "name": f"Bench {number} S.L.", "tax_id": f"B7{number:07d}",
            "language": c.language,
            "contacts": [{"name": f"Bench Contact {number}", "email": c.email,
                          "phone": f"+3460070{number:04d}", "preferred": True}],
            "sites": [{"id": site, "name": f"Nave {number}", "address": f"Calle Banco {number}",
                       "city": "Zaragoza", "zone": "aragon"}],
        })
        machines.append({
            "id": c.equipment, "serial": c.serial, "customer": c.code, "site": site,
            "family": "compressor", "model": "Atlas Copco GA 37 VSD",
            "description": "compresor de tornillo 37 kW", "installed_on": "2022-03-15",
            "warranty_end": "2027-03-15",
        })
    files = {"customers": people, "equipment": machines, "contracts": [], "technicians": []}
    for key, items in files.items():
        text = yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False)
        (folder / f"{key}.yml").write_text(text, encoding="utf-8")
    return folder
