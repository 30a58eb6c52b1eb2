"""What the intent classifier sees (bot/components/text_normalise.py): accents folded,
emphasis shortened, SMS spellings of Spanish and English written out."""

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bot" / "components" / "text_normalise.py"
_SPEC = importlib.util.spec_from_file_location("text_normalise", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
text_normalise = importlib.util.module_from_spec(_SPEC)
sys.modules["text_normalise"] = text_normalise
_SPEC.loader.exec_module(text_normalise)


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("xq no viene el técnico??", "porque no viene el tecnico ? ?"),
        ("pq no funciona", "porque no funciona"),
        ("q hay d lo mio", "que hay de lo mio"),
        ("tb se apaga la nevera", "tambien se apaga la nevera"),
        ("k pasa x favor", "que pasa por favor"),
        ("holaaaa", "hola"),
        ("CÓMO VA LA REPARACIÓN", "como va la reparacion"),
        ("mañana", "mañana"),
        ("pls send sb, u said 2day", "please send sb , you said today"),
        ("plz can u check", "please can you check"),
        ("thx", "thanks"),
        ("I don't know", "i do not know"),
        ("k", "ok"),
        ("kk", "ok"),
    ],
)
def test_normalise(typed: str, seen: str) -> None:
    assert text_normalise.normalise(typed) == seen


def test_fold_keeps_enye_apart_from_n() -> None:
    assert text_normalise.fold("Año, pingüino, ÁRBOL") == "año, pinguino, arbol"


def test_words_not_in_the_table_are_left_alone() -> None:
    assert text_normalise.normalise("la fotocopiadora SN-48213") == "la fotocopiadora sn - 48213"
