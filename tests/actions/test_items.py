"""Several machines or faults in one message (issue 13 §2): one item per machine."""

from __future__ import annotations

from typing import Any

from actions.items import about, item_levels, machines_named, only_as_fine, split_items
from actions.urgency import read_urgency

LLEIDA = {"name": "Lleida Plant", "city": "Lleida"}
PLANT = [
    {"id": "EQ-0050", "serial": "MV-245-0931", "family": "packaging_line", "site": LLEIDA,
     "model": "MULTIVAC R 245", "description": "thermoforming packaging machine, line A"},
    {"id": "EQ-0051", "serial": "ISH-214-772", "family": "packaging_line", "site": LLEIDA,
     "model": "Ishida CCW-RV-214W", "description": "multihead weigher feeding line A"},
    {"id": "EQ-0053", "serial": "CMP-5520-G", "family": "compressor", "site": LLEIDA,
     "model": "Ingersoll Rand RS37i", "description": "oil-flooded rotary screw compressor"},
]
HOTEL = {"name": "Hotel Miramar", "city": "Salou"}
ROOMS = [
    {"id": "EQ-0019", "serial": "VRV-20U-1", "family": "hvac", "site": HOTEL,
     "model": "Daikin VRV IV RXYQ20U", "description": "sistema VRV de habitaciones"},
    {"id": "EQ-0020", "serial": "MCP-2220", "family": "refrigeration", "site": HOTEL,
     "model": "Intarcon MCP-NF-2220", "description": "equipo de la cámara de conservación"},
    {"id": "EQ-0021", "serial": "JOF-55", "family": "vending", "site": HOTEL,
     "model": "Jofemar Vision", "description": "máquina de snacks del vestíbulo"},
]


def ids(found: list[Any]) -> list[str]:
    return [i.equipment["id"] for i in found]


def test_a_list_item_names_its_machine_by_its_kind_alone() -> None:
    """"2. La climatización…" opens an item of its own: the word of its kind names the
    machine, as a passing mention outside a list would not."""
    text = ("Les comunico dos incidencias:\n\n"
            "1. La máquina de snacks del vestíbulo no devuelve el cambio.\n"
            "2. La climatización gotea agua en el pasillo. Hemos puesto un cubo.\n\nUn saludo")
    found = split_items(text, ROOMS)
    assert ids(found) == ["EQ-0021", "EQ-0019"]
    assert "cubo" in found[1].text and "cubo" not in found[0].text


def test_a_numbered_list_gives_one_item_per_machine() -> None:
    text = ("Hi team,\n\nTwo separate issues at Lleida this morning:\n\n"
            "1) The MULTIVAC R 245 thermoformer is giving us weak seals on the outer lanes. "
            "It's still running.\n\n"
            "2) The Ingersoll Rand compressor (CMP-5520-G) tripped twice on high discharge "
            "temperature.\n\nCould you log both?\n\nThanks,\nSean")
    found = split_items(text, PLANT)
    assert ids(found) == ["EQ-0050", "EQ-0053"]
    assert "weak seals" in found[0].text and "discharge" not in found[0].text
    assert "discharge" in found[1].text and "seals" not in found[1].text


def test_two_faults_in_one_spanish_sentence_without_accents() -> None:
    text = ("Bon dia. Dos cosas: la camara de conservacion esta a 9 grados y subiendo, "
            "y el VRV de habitaciones no enfria en la 402, 405 y 411")
    found = split_items(text, ROOMS)
    assert ids(found) == ["EQ-0020", "EQ-0019"]
    assert "9 grados" in found[0].text and "402" in found[1].text


def test_one_machine_named_twice_is_one_item() -> None:
    text = "El VRV de habitaciones no enfria. Ya hemos reseteado el VRV y nada"
    assert ids(split_items(text, ROOMS)) == ["EQ-0019"]


def test_no_machine_named_gives_no_item() -> None:
    assert split_items("no funciona nada, venid ya", ROOMS) == []
    assert split_items("the compressor tripped", PLANT[2:]) == []  # one machine: no split


PLAZA = {"name": "PLAZA", "city": "Zaragoza"}
HUESCA = {"name": "PLHUS", "city": "Huesca"}
FLEET = [
    {"id": "EQ-0080", "serial": "JH-EFG-1", "family": "forklift", "site": PLAZA,
     "model": "Jungheinrich EFG 216", "description": "carretilla de los muelles"},
    {"id": "EQ-0081", "serial": "JH-ERE-2", "family": "forklift", "site": PLAZA,
     "model": "Jungheinrich ERE 225", "description": "transpaleta de preparacion de pedidos"},
    {"id": "EQ-0082", "serial": "ST-RX70", "family": "forklift", "site": HUESCA,
     "model": "Still RX70 diesel", "description": "carretilla diesel del patio"},
    {"id": "EQ-0083", "serial": "CMP-77", "family": "compressor", "site": PLAZA,
     "model": "Atlas Copco GA 11", "description": "compresor del taller"},
]


def test_one_request_for_each_machine_named() -> None:
    text = ("las dos de PLAZA (la Jungheinrich EFG de los muelles y el transpale de preparacion "
            "de pedidos) y la Still diesel de PLHUS")
    assert [m["id"] for m in machines_named(text, FLEET)] == ["EQ-0080", "EQ-0081", "EQ-0082"]


def test_a_plural_names_all_the_machines_it_fits() -> None:
    text = "we'd like to book preventive maintenance for both Jungheinrich trucks at PLAZA"
    assert [m["id"] for m in machines_named(text, FLEET)] == ["EQ-0080", "EQ-0081"]
    assert [m["id"] for m in machines_named("revision de todas las carretillas", FLEET)] == [
        "EQ-0080", "EQ-0081", "EQ-0082"]


def test_one_machine_is_one() -> None:
    assert [m["id"] for m in machines_named("revision del compresor del taller", FLEET)] == [
        "EQ-0083"]


def test_a_machine_named_by_one_word_of_its_kind_is_no_item_of_its_own() -> None:
    fleet = [{"id": "EQ-0044", "serial": "PKL-3350-W", "family": "packaging_line",
              "model": "Robopac Rotoplat 708",
              "description": "turntable pallet stretch wrapper, outbound dock"},
             {"id": "EQ-0045", "serial": "SRV-6620-DL", "family": "server",
              "model": "Dell PowerEdge R660",
              "description": "warehouse management system (WMS) server"}]
    text = ("I'm writing from my personal address as our company mail server is down today. "
            "The stretch wrapper on the outbound dock keeps tearing the film.")
    assert ids(split_items(text, fleet)) == ["EQ-0044"]


DOCK = [
    {"id": "EQ-0044", "serial": "PKL-3350-W", "family": "packaging_line", "site": LLEIDA,
     "model": "Robopac Rotoplat 708", "description": "turntable pallet stretch wrapper"},
    {"id": "EQ-0045", "serial": "SRV-6601-DL", "family": "server", "site": LLEIDA,
     "model": "Dell PowerEdge R660", "description": "warehouse management system server"},
]


def test_what_is_said_of_another_machine_is_not_said_of_this_one() -> None:
    text = ("I'm writing from my personal address as our company mail server is down today. "
            "The stretch wrapper keeps tearing the film halfway up the pallet. We're wrapping "
            "by hand for now.")
    assert read_urgency(text) == "high"  # "server … is down"
    kept = about(text, DOCK, "EQ-0044")
    assert "mail server" not in kept and "tearing the film" in kept
    assert read_urgency(kept) != "high"


def test_a_machine_named_only_as_the_one_used_meanwhile_is_no_item() -> None:
    """"…atasca el papel. Seguimos pudiendo imprimir en la Canon, así que no estamos
    parados": the Canon has no fault of its own; so in English, "we can still print on…"."""
    copiers = [
        {"id": "EQ-A", "serial": "CN-1", "family": "copier", "model": "Canon iR C5840i",
         "description": "multifunción color de la planta 9, ala norte"},
        {"id": "EQ-B", "serial": "SN-2", "family": "copier", "model": "Ricoh IM C4500",
         "description": "multifunción color de la planta 9, ala sur"},
    ]
    for text in [
        ("La Ricoh atasca el papel cada pocas copias y saca una raya negra. Seguimos pudiendo "
        "imprimir en la Canon del ala norte, así que no estamos parados, pero vamos lentos."),
        ("The Ricoh jams every few copies and prints a black line. We can still print on the "
        "Canon upstairs so we're not stopped, just slower."),
    ]:
        found = split_items(text, copiers)
        assert [i.equipment["id"] for i in found if not only_as_fine(i)] == ["EQ-B"], text
    both = split_items("La Ricoh atasca el papel. La Canon tambien hace rayas negras.", copiers)
    assert [i.equipment["id"] for i in both if not only_as_fine(i)] == ["EQ-B", "EQ-A"]


def test_a_line_wrapped_mid_sentence_names_no_second_machine() -> None:
    """An e-mail body wrapped in mid-sentence: what is kept inside the cold store ("los
    snacks del vestíbulo") on the next line is no report on the machine it names."""
    text = ("Buenos días. Esta mañana la cámara de conservación\n"
            "está a 9 grados con los snacks del vestíbulo dentro.\n\nUn saludo")
    assert ids(split_items(text, ROOMS)) in ([], ["EQ-0020"])
    assert len(split_items(text, ROOMS)) < 2


def test_the_site_alone_names_no_machine_of_it() -> None:
    """"Two things at the hotel" names every machine there, none firmly; the next sentence,
    about one of them, is its report."""
    text = ("Buenas! Dos cosas en el Hotel Miramar de Salou. El sistema VRV de las "
            "habitaciones no enfria en la tercera planta. Ademas la maquina de snacks del "
            "vestibulo no devuelve el cambio.")
    found = split_items(text, ROOMS)
    assert ids(found) == ["EQ-0019", "EQ-0021"]
    assert "Miramar" not in found[0].text


def test_each_machine_gets_the_urgency_said_of_it() -> None:
    """One machine's urgency is never read from what is said of another: an item with
    nothing readable is medium beside one that reads high; with nothing readable in any,
    the urgency of the whole report."""
    text = ("1) El compresor se ha parado y no arranca.\n"
            "2) La maquina de snacks del vestibulo hace cosas raras con el cambio.")
    items = [*PLANT[2:], *ROOMS[2:]]
    found = split_items(text, items)
    assert ids(found) == ["EQ-0053", "EQ-0021"]
    assert item_levels(found, "high") == ["high", "medium"]
    quiet = split_items("1) El compresor.\n2) La maquina de snacks del vestibulo.", items)
    assert item_levels(quiet, "low") == ["low", "low"]
