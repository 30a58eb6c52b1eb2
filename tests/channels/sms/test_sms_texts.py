"""Texts written for SMS (bot/domain/sms.yml): the coverage notice, filled with the price
list's own figures, costs at most two segments as the SMS channel sends it, in Spanish and
English, for every coverage outcome."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from channels.sms import gsm

ROOT = Path(__file__).resolve().parents[3]
SMS = yaml.safe_load((ROOT / "bot" / "domain" / "sms.yml").read_text(encoding="utf-8"))
COVERAGE = yaml.safe_load((ROOT / "bot" / "domain" / "coverage.yml").read_text(encoding="utf-8"))
PRICES = yaml.safe_load((ROOT / "data" / "price_list.yml").read_text(encoding="utf-8"))


def widest_figures() -> dict[str, str]:
    travel = PRICES["travel"].values()
    return {"incident_id": "INC-123456", "currency": PRICES["currency"],
            "labour_rate": max(PRICES["labour_rates"].values(), key=len),
            "travel_flat": max((t["flat"] for t in travel), key=len),
            "travel_per_km": max((t["per_km"] for t in travel), key=len),
            "surcharge_pct": PRICES["out_of_hours_surcharge_pct"],
            "vat_pct": PRICES["vat_default_pct"], "reasons": ""}


@pytest.mark.parametrize("name", ["utter_coverage_covered", "utter_coverage_partly",
                                  "utter_coverage_not_covered"])
def test_each_coverage_notice_has_an_sms_text_of_two_segments_at_most(name: str) -> None:
    assert name in COVERAGE["responses"]
    variations: list[dict[str, Any]] = SMS["responses"][f"{name}_sms"]
    languages = {(v.get("condition") or [{}])[0].get("value", "en") for v in variations}
    assert languages == {"es", "en"}
    for variation in variations:
        sent = gsm.smart(variation["text"].format(**widest_figures()))
        assert gsm.encoding(sent) == "gsm7", sent
        assert gsm.segments(sent) <= 2, (len(sent), sent)
        assert "—" not in sent and "{" not in sent
