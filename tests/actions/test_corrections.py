"""Which machine (issue 13 §1): a customer who corrects the machine they named, and the first
sentence deciding when the whole message names several alike."""

from __future__ import annotations

import pytest

from actions.corrections import affirmed, denied, says_sorry, takes_back
from actions.equipment_match import corrected_to, denies, match_equipment

SERVERS = [
    {"id": "EQ-0032", "serial": "SRV-9034-BX", "family": "server",
     "model": "HPE ProLiant DL380 Gen10 Plus",
     "description": "servidor de virtualización, rack A07"},
    {"id": "EQ-0033", "serial": "SRV-9035-BX", "family": "server",
     "model": "HPE ProLiant DL380 Gen10 Plus",
     "description": "servidor de virtualización, rack A08"},
]
HALL = [
    {"id": "EQ-0069", "serial": "SRV-4401-CS", "family": "server", "model": "Cisco UCS C240 M6",
     "description": "compute node, hall 1 rack 12"},
    {"id": "EQ-0070", "serial": "SRV-4402-CS", "family": "server", "model": "Cisco UCS C240 M6",
     "description": "compute node, hall 1 rack 13"},
    {"id": "EQ-0072", "serial": "HVAC-95520", "family": "hvac",
     "model": "Schneider Electric Uniflair LDCV3400A",
     "description": "computer room air handler (CRAH) 1, hall 1"},
]
LINES = [
    {"id": "EQ-0023", "serial": "PKL-2290-U", "family": "packaging_line",
     "model": "ULMA Packaging FR 400", "description": "envasadora flow-pack horizontal, línea 1"},
    {"id": "EQ-0024", "serial": "MSP-0412-D", "family": "packaging_line",
     "model": "Mespack H-220 Duplex", "description": "envasadora de bolsa doypack, línea 2"},
]


@pytest.mark.parametrize(("text", "fleet", "wanted"), [
    ("perdon error mio, es el del A08, el A07 va bien", SERVERS, "EQ-0033"),
    ("sorry my bad, it's not the A07, it's the one in A08", SERVERS, "EQ-0033"),
    ("uy perdona, me he liado, no es la de la linea 1, es la doypack de la linea 2", LINES,
     "EQ-0024"),
    ("CRAH 1 in hall 1 is alarming high return air temp. racks 12-13 running hot", HALL,
     "EQ-0072"),
])
def test_the_machine_meant_is_found(text: str, fleet: list[dict[str, object]],
                                    wanted: str) -> None:
    found = match_equipment(text, fleet)
    assert found is not None and found["id"] == wanted


PRINTERS = [
    {"id": "EQ-0054", "serial": "CN-C5840-1189", "family": "copier", "model": "Canon iR C5840i",
     "description": "multifunción color de la planta 9, ala norte"},
    {"id": "EQ-0055", "serial": "SN-51734", "family": "copier", "model": "Ricoh IM C4500",
     "description": "multifunción color de la planta 9, ala sur"},
]


def test_the_machine_used_meanwhile_is_not_the_one_reported() -> None:
    text = ("imprimir imprime bien, el escaner hace como que envia pero el correo nunca llega. "
            "nos apañamos con la del ala norte de momento")
    assert match_equipment(text, PRINTERS) is None  # which one: asked, or said before
    assert match_equipment("we're using the one in the south wing for now, ala norte broke",
                           PRINTERS) is not None


def test_what_still_works_is_not_the_fault() -> None:
    office = [{"id": "EQ-0093", "serial": "SN-60928", "family": "copier",
               "model": "Ricoh IM C3000", "description": "colour multifunction printer"},
              {"id": "EQ-0094", "serial": "SRV-5507-DL", "family": "server",
               "model": "Dell PowerEdge T550", "description": "file and print server"}]
    text = ("the Ricoh has a cracked plastic cover on the front panel. It prints and scans "
            "perfectly, it just looks a bit sad")
    assert denied(text) == ["It prints and scans perfectly"]
    found = match_equipment(text, office)
    assert found is not None and found["id"] == "EQ-0093"


def test_a_message_that_only_denies_names_no_machine() -> None:
    assert match_equipment("el A07 va bien", SERVERS) is None
    assert affirmed("el A07 va bien") == ""


@pytest.mark.parametrize("text", [
    "la envasadora no va bien", "its not printing, the copier", "the compressor is not working",
    "la envasadora de la linea 1 no sella bien las bolsas",
])
def test_a_fault_is_no_denial(text: str) -> None:
    assert denied(text) == [] and affirmed(text) == text and not says_sorry(text)


def test_an_apology_or_a_denial_reads_as_a_correction() -> None:
    assert says_sorry("perdon me he liado, es la bomba de calor")
    assert says_sorry("sorry, I meant the fridge")
    assert denied("la camara esta bien, es la bomba d calor del secadero") == [
        "la camara esta bien"]


@pytest.mark.parametrize(("text", "wanted"), [
    ("perdon error mio, es el del A08, el A07 va bien", "EQ-0033"),
    ("my bad, I meant the one in A08", "EQ-0033"),
    ("el A07 va bien, es el del A08", "EQ-0033"),
    ("sorry to bother you again, the one in A08 is down too", None),  # a report of its own
    ("el del A08 tampoco responde", None),
    ("perdon, es el del A07", None),  # the machine already filed
])
def test_a_filed_incident_is_moved_only_when_its_machine_is_taken_back(
        text: str, wanted: str | None) -> None:
    found = corrected_to(text, SERVERS, "EQ-0032")
    moved = found if found is not None and (
        takes_back(text) or denies(text, SERVERS, "EQ-0032")) else None
    assert (moved or {}).get("id") == wanted


def test_a_single_digit_names_no_machine_alone() -> None:
    plant = [
        {"id": "EQ-0050", "serial": "PKL-4108-M", "family": "packaging_line",
         "model": "MULTIVAC R 245", "description": "thermoforming packaging machine, line A"},
        {"id": "EQ-0052", "serial": "RF-4410-B", "family": "refrigeration",
         "model": "Bitzer ECOLINE 4FES-5Y condensing unit", "description": "cold store unit"},
    ]
    assert match_equipment("the problem is on the upper station, lanes 3 and 4 only",
                           plant) is None
    found = match_equipment("rack A08", SERVERS)
    assert found is not None and found["id"] == "EQ-0033"
