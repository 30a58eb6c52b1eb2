"""Parts named inside a technician's sentence: "cambiado el presostato y 2 filtros de aire",
"replaced the condensate drain valve + new drive belt", "1x PS-220 pressure switch and a
gasket". A clause is a part when a verb of fitting comes before it ("cambié", "replaced",
"new", "puse"), when it starts with a quantity, or when it names a price-list reference; it
is then matched against the price list (a reference, or a description whose first word is
the part's noun, for the job's equipment family) or kept as the technician's words.
Input is `fold.prepare`d text with hours and kilometres already cut out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

PART_VERBS = (r"(?:he |hemos |se )?(?:cambi\w*|sustitu\w*|reemplaz\w*|pues\w*|puse|mont\w*|"
              r"instal\w*|coloc\w*|repuest\w*|nuev[oa]s?|replac\w*|chang\w*|fitted|fit|"
              r"install\w*|swapp?\w*|new|put in|usad[oa]s?|used|parts?:|piezas?:|repuestos?:)")
OTHER_VERBS = (r"(?:hice|hize|hicimos|trabaj\w*|fueron|fue|son|estuve|tarde|tarde|recorr\w*|"
               r"did|drove|worked|took|spent|was|were|it was|and did|y|listo|terminad[oa]|"
               r"hecho|acabad[oa]|done|finished|all done|fixed|arreglad[oa]|ida y vuelta|"
               r"round trip|on site|en total|total|en el sitio|ok|bueno|vale)")
CLAUSE = re.compile(r"\s*(?:[,.;:!\n+&/]|\s(?:y|e|and|plus|mas|con)\s)\s*")
VERB_START = re.compile(rf"^{PART_VERBS}\b\s*")
ARTICLE = re.compile(r"^(?:(?:el|la|los|las|un|una|unos|unas|the|a|an|some|tb|tambien|also|"
                     r"de|del|of)\s+)+")
QTY = re.compile(r"^(?P<q>\d{1,3})\s*(?:x|uds?|unidades|pcs?|pieces?)?\s+(?=[a-z])|"
                 r"^(?P<q2>\d{1,3})x(?=[a-z0-9])")
REF = re.compile(r"\b[a-z]{1,4}-?[0-9][0-9a-z.\-]{2,}\b")
FILLER = re.compile(rf"^(?:{OTHER_VERBS})\b|^(?:ya|esta|todo|everything|all|here|aqui|"
                    r"mate|tio|jefe|bro|pls|please|porfa|xfa|gracias|thanks)\b")
PHRASES = re.compile(r"\b(?:ida y vuelta|round trip|there and back|en total|in total|on site|"
                     r"en el sitio|in the end|al final)\b")


@dataclass(frozen=True)
class Item:
    part_number: str
    descriptions: tuple[str, ...]   # folded, every language


@dataclass(frozen=True)
class NamedPart:
    quantity: Decimal
    words: str                       # the technician's words ("filtros de aire")
    part_number: str | None = None   # the price-list part it matched, if any


def _key(token: str) -> str:
    return re.sub(r"[^0-9a-z]", "", token.lower())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("es") and word[-3] in "rnld":
        return word[:-2]
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _match(words: str, items: Iterable[Item]) -> str | None:
    candidates = list(items)
    refs = {_key(i.part_number): i.part_number for i in candidates}
    for token in words.split():
        if len(_key(token)) >= 5 and _key(token) in refs:
            return refs[_key(token)]
    noun = _singular(words.split()[0]) if words.split() else ""
    hits = {i.part_number for i in candidates for d in i.descriptions
            if d.split() and _singular(d.split()[0]) == noun}
    return hits.pop() if len(hits) == 1 and len(noun) > 3 else None


def _clauses(text: str) -> list[tuple[str, bool]]:
    """Clauses with whether a fitting verb governs them (carried over "y"/"and")."""
    out: list[tuple[str, bool]] = []
    governed = False
    for raw in CLAUSE.split(text):
        clause = raw.strip()
        if not clause:
            continue
        # a clause may hold a verb in the middle: "terminado cambie el rodamiento"
        for piece in re.split(rf"\s(?={PART_VERBS}\s)|\s(?=(?:hice|did|drove|worked)\b)", clause):
            piece = piece.strip()
            verb = VERB_START.match(piece)
            if verb:
                governed, piece = True, piece[verb.end():]
            elif FILLER.match(piece):
                governed = False
                continue
            out.append((piece, governed))
    return out


def named_parts(text: str, items: Iterable[Item] = (), *, expecting: bool = False
                ) -> list[NamedPart]:
    """The parts in ``text``; ``expecting``: the parts question was asked, so every clause
    that is not filler is a part."""
    catalogue = list(items)
    found: list[NamedPart] = []
    for clause, governed in _clauses(PHRASES.sub(",", text)):
        words = ARTICLE.sub("", clause).strip(" -'\"")
        quantity = Decimal(1)
        if m := QTY.match(words):
            quantity, words = Decimal(m["q"] or m["q2"]), words[m.end():].strip()
            governed = governed or bool(words)
        words = ARTICLE.sub("", words).strip(" -'\"")
        number = _match(words, catalogue) if words else None
        looks_like = bool(REF.search(words)) and bool(re.search(r"[a-z]{3}", words))
        if not re.search(r"[a-z]{3}", words) or not (governed or expecting or number
                                                      or looks_like):
            continue
        found.append(NamedPart(quantity, words[:120], number))
    return found
