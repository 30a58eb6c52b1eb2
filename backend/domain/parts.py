"""Parts as a technician types them when closing a job, in es or en number formats:

    AC-2901200300 x 2 · 2x ac2901200300 · 2 x filtro hidráulico 35,50 · belt 12.90
    1,5 m de manguera a 4,20 €/m · filtro x2 @ €1,234.50 · junta 3 uds 0,80 c/u
    2 filtros 71 € total · correa (sin precio) · 0 / none / ninguna (no parts)

Items are separated by new lines, ";", " + ", or a comma that is not inside a number
("filtro 35,50, correa 12"); a lone price after such a comma belongs to the item before.
A token that is a price-list reference (case, dashes and dots ignored) makes the item
that part: its list price applies and a trailing bare number is its quantity. Otherwise
the text is a free description whose trailing number is its unit price (a currency sign,
"a"/"at"/"@"/"por", "c/u", "each", "/ud" are all optional; "total" divides by the
quantity). No price → kept with ``unit_price=None``, for an agent to price.

An ambiguous single separator before three digits ("1.500", "1,500") is a thousands
separator in the writer's language (es "1.500" = 1500, en "1,500" = 1500), a decimal
point in the other; every other case reads the same in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from backend.domain.errors import InvalidRequest

NONE_WORDS = frozenset({"0", "-", "no", "none", "nothing", "n/a", "na", "ninguna", "ninguno",
                        "nada", "sin piezas", "no parts", "sin repuestos", "ninguna pieza"})
MAX_QUANTITY = Decimal(9999)
NUM = r"\d{1,3}(?:[.,']\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?"
CUR = r"(?:€|eur|euros?)"
PER = r"(?:/\s*(?:ud|u|unid|unidad|uds|pc|pcs|pz|pza|ea|unit|m|l|kg)\.?|c/u|cada\s+una?|each|" \
      r"la\s+unidad|por\s+unidad|per\s+unit|ea\.?)"
PIECES = (
    r"(?:x|×|\*|uds?\.?|unid(?:ades|ad)?\.?|pcs?\.?|pzas?\.?|piezas?|units?|pieces?)"
    r"(?![^\W\d_])"
)
UNITS = (
    r"(?:m|mts?|metros?|meters?|metres?|l|lts?|litros?|liters?|litres?|kg|kgs|kilos?|g|ml|cm|mm)"
)
SPLIT = re.compile(r"\s*(?:[\n;]|\s\+\s|,(?!\d)|(?<!\d),)\s*")
BULLET = re.compile(r"^(?:[-–•*·]\s+)")
NO_PRICE = re.compile(r"\s*(?:\(?\s*(?:sin precio|no price|s/p|precio\?|price\?)\s*\)?|\?)\s*$",
                      re.IGNORECASE)
PRICE = re.compile(rf"(?:^|\s)(?:(?P<total1>total)\s*)?(?P<kw>(?:@|a|at|por|for|price|precio|pvp|"
                   rf"p\.?\s?u\.?|[:=–-])\s*)?(?P<cur1>{CUR}\s*)?(?P<num>{NUM})\s*(?P<cur2>{CUR}|e)?"
                   rf"\.?\s*(?P<per>{PER})?\s*(?P<total2>(?:en\s+"
                   rf"|in\s+)?total)?\s*$", re.IGNORECASE)
LONE_PRICE = re.compile(rf"^(?:{CUR}\s*)?(?:{NUM})\s*(?:{CUR})?\s*(?:{PER})?$", re.IGNORECASE)
TAIL_QTY = re.compile(rf"(?:(?:\s+|(?<=\d)|(?<=\)))(?:x|×|\*)\s*(?P<q1>{NUM})"
                      rf"|\s+(?P<q2>{NUM})\s*{PIECES}|"
                      rf"\s*\(\s*(?:x\s*)?(?P<q3>{NUM})\s*(?:{PIECES})?\s*\))\s*$", re.IGNORECASE)
HEAD_QTY = re.compile(rf"^(?:(?P<q1>{NUM})\s*{PIECES}\s*(?:de\s+|of\s+)?|(?:x|×)\s*(?P<q4>{NUM})\s+"
                      rf"|(?P<q2>{NUM})\s*(?P<unit>{UNITS})\.?\s+"
                      rf"(?:de\s+|of\s+)?|\(\s*x?\s*(?P<q5>{NUM})\s*(?:{PIECES})?\s*\)\s*"
                      rf"|(?P<q3>{NUM})\s+(?=[^\d\s]))", re.IGNORECASE)
REF_QTY = re.compile(rf"^(?:{PIECES}\s*)?(?P<q>{NUM})\s*(?:{PIECES})?$", re.IGNORECASE)


class UnreadablePart(InvalidRequest):
    """A typed part whose quantity or price cannot be read (``piece`` says which)."""


@dataclass(frozen=True)
class TypedPart:
    quantity: Decimal
    part_number: str | None = None      # from the price list: its price applies…
    description: str | None = None      # …or free text
    unit_price: Decimal | None = None   # None on free text: an agent prices it
    unit: str | None = None             # m, l, kg… when typed ("1,5 m de manguera")

    @property
    def needs_price(self) -> bool:
        return self.part_number is None and self.unit_price is None


def parse_number(text: str, language: str | None = None) -> Decimal:
    """'1.234,56' · '1,234.56' · '1 234,56' · '35,5' · '12.90' · '1.500' (es 1500, en 1.5)."""
    s = re.sub(r"(?<=\d)[ '\u00a0\u202f](?=\d{3}\b)", "", text.strip())
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif s.count(",") + s.count(".") > 1:
        if len({c for c in s if c in ",."}) > 1 or not re.fullmatch(r"\d{1,3}([.,]\d{3})+", s):
            raise UnreadablePart(f"not a number: {text!r}", piece=text)
        s = s.replace(",", "").replace(".", "")
    elif m := re.fullmatch(r"(\d+)([.,])(\d{3})", s):
        thousands = {"es": ".", "en": ","}.get(language or "", ".,")
        s = m[1] + ("" if m[2] in thousands and m[1] != "0" else ".") + m[3]
    else:
        s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        raise UnreadablePart(f"not a number: {text!r}", piece=text) from None


def _key(token: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", token.upper())


def _quantity(text: str | None, language: str | None, piece: str) -> Decimal:
    quantity = Decimal(1) if text is None else parse_number(text, language)
    if not Decimal(0) < quantity <= MAX_QUANTITY:
        raise UnreadablePart(f"quantity out of range in {piece!r}", piece=piece)
    return quantity


def _qty(match: re.Match[str]) -> str | None:
    return next((v for k, v in match.groupdict().items() if k[0] == "q" and v), None)


def _price(text: str) -> re.Match[str] | None:
    """A trailing price; a bare integer of 4+ digits is a model number ("correa SPA 1250")."""
    m = PRICE.search(text)
    if m is None or not text[:m.start()].strip():
        return None
    return m if _marked(m) or not re.fullmatch(r"\d{4,}", m["num"]) else None


def _marked(m: re.Match[str]) -> bool:
    """A price with a currency, a keyword ("a", "@", "precio"), "/ud" or "total"."""
    return any(m[g] for g in ("kw", "cur1", "cur2", "per", "total1", "total2"))


def _known(piece: str, refs: dict[str, str], language: str | None) -> TypedPart | None:
    tokens = [t.strip(".,:;()") for t in piece.split()]
    found = [i for i, t in enumerate(tokens) if _key(t) in refs]
    if len(found) != 1:
        return None
    number = refs[_key(tokens[found[0]])]
    rest = " ".join(piece.split()[:found[0]] + piece.split()[found[0] + 1:]).strip()
    price = PRICE.search(" " + rest)  # a typed price is dropped: the list price applies
    bare = (" " + rest)[:price.start()].strip() if price else rest
    tries = (bare,) if price and _marked(price) else (rest, bare)
    matches = (REF_QTY.match(t) or TAIL_QTY.search(" " + t) or HEAD_QTY.match(t + " ")
               for t in tries)
    match = next((m for m in matches if m is not None), None)
    quantity = _qty(match) if match else None
    return TypedPart(_quantity(quantity, language, piece), part_number=number)


def _free(piece: str, language: str | None) -> TypedPart:
    text, price, total, quantity, unit = piece, None, False, None, None
    if (no := NO_PRICE.search(text)) is not None:
        text = text[:no.start()]
    for _ in range(2):  # "filtro 35,50 x 2" and "filtro x 2 a 35,50"
        if quantity is None and (m := TAIL_QTY.search(text)) and text[:m.start()].strip():
            quantity, text = _qty(m), text[:m.start()]
        if price is None and no is None and (m := _price(text)):
            price, total, text = m["num"], bool(m["total1"] or m["total2"]), text[:m.start()]
    if quantity is None and (m := HEAD_QTY.match(text)) and text[m.end():].strip():
        quantity, unit, text = _qty(m), m["unit"], text[m.end():]
    description = text.strip(" \t-–:=,.\"'")
    if not re.search(r"[^\W\d_]{2}", description):
        raise UnreadablePart(f"no part description in {piece!r}", piece=piece)
    amount = _quantity(quantity, language, piece)
    unit_price = None if price is None else parse_number(price, language)
    if unit_price is not None and total:
        unit_price = (unit_price / amount).quantize(Decimal("0.0001"))
    return TypedPart(amount, description=description[:120], unit_price=unit_price,
                     unit=unit.lower() if unit else None)


def parse_parts(text: str, known: Iterable[str] = (), language: str | None = None
                ) -> tuple[TypedPart, ...]:
    """Every part in ``text`` (empty for "0"/"none"); raises UnreadablePart."""
    if text.strip().lower().rstrip(".!") in NONE_WORDS:
        return ()
    refs = {_key(number): number for number in known}
    pieces: list[str] = []
    for raw in SPLIT.split(text.strip()):
        piece = BULLET.sub("", raw.strip())
        if not piece:
            continue
        if pieces and LONE_PRICE.match(piece) and not _price(pieces[-1]):
            pieces[-1] += " " + piece  # "belt, 12.90": the price of the item before
        else:
            pieces.append(piece)
    if not pieces:
        raise UnreadablePart("no parts", piece=text)
    return tuple(_known(p, refs, language) or _free(p, language) for p in pieces)
