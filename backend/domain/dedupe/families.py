"""Equipment families named in free text ("air compressor", "la fotocopiadora")."""

from __future__ import annotations

import re
from functools import lru_cache

from backend.domain.dedupe.text import expanded

FAMILIES = (
    "copier",
    "compressor",
    "hvac",
    "forklift",
    "packaging_line",
    "vending",
    "server",
    "refrigeration",
)

_WORDS: dict[str, str] = {
    "copier": (r"(?:foto)?copiadora|impresora|multifuncion|copier|photocopier|printer|mfp|plotter"
               r"|escaner|scanner"),
    "compressor": r"compresor(?:es)?|compressors?|secador(?:a)? de aire|air dryer",
    "hvac": (
        r"aire acondicionado|aire acondicionat|climatiza\w*|bomba de calor|fan ?coil|split|"
        r"air ?con\w*|air conditioning|air conditioner|hvac|heat pump|rooftop|calefaccion|"
        r"heating|enfriadora|chiller|aircon|\ba c\b|unidad exterior|outdoor unit|cassette|ahu|"
        r"climatizacion|ventilation unit|recuperador"
    ),
    "forklift": (
        r"carretilla\w*|toro|forklift\w*|fork lift|lift truck|reach truck|transpaleta\w*|"
        r"pallet truck|apiladora|stacker|montacargas"
    ),
    "packaging_line": (
        r"linea de (?:envasado|embalaje|empaquetado|produccion)|envasadora|empaquetadora|"
        r"embaladora|retractiladora|selladora|termoselladora|encajadora|encartonadora|"
        r"etiquetadora|paletizadora|flow ?pack|packaging line|packing line|filling line"
        r"|bottling line|"
        r"wrapper|wrapping machine|sealer|sealing machine|labell?er|palletiser|palletizer|"
        r"case packer|cartoner|envasado|packaging|llenadora|filler"
    ),
    "vending": (
        r"(?:maquina )?expendedora|vending|maquina de (?:cafe|snacks|refrescos|bebidas|vending)|"
        r"cafetera|coffee machine|snack machine|drinks machine|drink machine|dispensador de bebidas"
        r"|"
        r"maquinita|dispensadora"
    ),
    "server": (
        r"servidor(?:es)?|servers?|nas|cabina de discos|storage array|rack|host|hypervisor|"
        r"esxi|proxmox|vmware|base de datos|database|ERP server|blade"
    ),
    "refrigeration": (
        r"camara(?:s)? (?:frigorifica|de frio|de congelacion|de refrigeracion)|camara|frigorifico|"
        r"nevera|congelador|arcon|vitrina|mural|cold ?room|walk in (?:freezer|cooler|fridge)|"
        r"fridge|freezer|refrigerat\w*|cooler|chiller cabinet|display cabinet|abatidor|"
        r"blast chiller|tunel de frio|frio industrial"
    ),
}

_COMPILED: dict[str, re.Pattern[str]] = {
    family: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for family, words in _WORDS.items()
}


@lru_cache(maxsize=4096)
def families_in(text: str) -> frozenset[str]:
    """Families whose words appear in `text` ("the walk-in freezer" → refrigeration)."""
    folded = expanded(text)
    return frozenset(f for f, pattern in _COMPILED.items() if pattern.search(folded))


def family_of(label: str) -> str | None:
    """The family of an equipment label, when exactly one is named (first match wins
    otherwise, in the order of `FAMILIES`)."""
    found = families_in(label)
    return next((f for f in FAMILIES if f in found), None)
