"""A customer's answer to "how did we do, 1 to 5?" read in Spanish or English (pure): a
number ("4", "un 4", "4/5", "8/10", "4 estrellas"), stars or emoji ("⭐⭐⭐⭐", "👍"), or
plain words ("muy bien, gracias", "terrible, they left a mess", "regular, tardaron mucho").
Whatever else the customer wrote is kept as the comment. None when nothing reads as a
rating: the customer is asked again, never given a score they did not give."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LOW = 2  # a score this low or lower opens a follow-up for a person
ANSWER_DAYS = 7  # a reply this long after the question is no longer read as its answer
BUTTON_CHANNELS = ("telegram", "web", "rest")  # the rest answer with a number or words

TEXTS = {
    "question": {
        "es": "Hemos cerrado el trabajo {order} ({incident}). ¿Qué tal lo hicimos? Valórenos "
              "del 1 (muy mal) al 5 (excelente){how}; si quiere, añada un comentario.",
        "en": "We have closed job {order} ({incident}). How did we do? Rate us from 1 (very "
              "poor) to 5 (excellent){how}; add a comment if you like.",
    },
    "how_sms": {"es": " respondiendo con un número", "en": " by replying with a number"},
    "thanks": {"es": "¡Gracias! Hemos anotado un {score} de 5.",
               "en": "Thank you! We have recorded {score} out of 5."},
    "thanks_low": {"es": "Gracias por decírnoslo; sentimos no haber estado a la altura. Una "
                         "persona del equipo revisará su caso y le contactará.",
                   "en": "Thank you for telling us, and we are sorry we fell short. Someone "
                         "from the team will look into it and contact you."},
}

EMOJI = {"👍": 5, "👌": 5, "💯": 5, "😀": 5, "😃": 5, "😄": 5, "😊": 5, "🥰": 5, "❤": 5,
         "🙏": 5, "🙂": 4, "🙄": 1, "😐": 3, "😕": 2, "🙁": 2, "☹": 2, "😞": 2, "😒": 2, "👎": 1,
         "😠": 1, "😡": 1, "🤬": 1, "💩": 1}
# phrases before words: the longest reading wins ("muy bien" before "bien")
PHRASES = {"muy bien": 5, "muy buen": 5, "muy contento": 5, "very good": 5, "very well": 5,
           "well done": 5, "muy mal": 1, "very bad": 1, "very poor": 1, "so so": 3,
           "mas o menos": 3, "not bad": 4, "no esta mal": 4, "nada mal": 4,
           "could be better": 3, "podria ser mejor": 3, "podria mejorar": 3,
           "ni fu": 3, "de lujo": 5, "un asco": 1}
WORDS = {
    5: ("excelente", "excellent", "perfecto", "perfect", "genial", "great", "fantastico",
        "fantastic", "estupendo", "brilliant", "amazing", "impecable", "spotless", "top",
        "encantado", "encantada", "outstanding", "superb", "wonderful", "maravilla",
        "buenisimo", "buenisima", "excelent", "exelente", "crack", "lujo"),
    4: ("bien", "bueno", "buena", "good", "fine", "ok", "okay", "vale", "correcto",
        "contento", "contenta", "contentos", "contentas", "happy", "satisfied", "satisfecho",
        "satisfecha", "nice",
        "rapido", "quick", "fast", "amable", "friendly", "solved", "resuelto", "gracias",
        "thanks", "thank"),
    3: ("regular", "normal", "aceptable", "acceptable", "meh", "average", "decent",
        "mejorable", "mediocre", "normalito", "justito", "meh"),
    2: ("mal", "malo", "mala", "bad", "poor", "lento", "slow", "late", "tarde", "tardaron",
        "sucio", "dirty", "mess", "rude", "borde", "unhappy", "descontento", "descontenta",
        "disappointed", "decepcionado", "decepcionada", "flojo", "floja", "sloppy"),
    1: ("terrible", "horrible", "fatal", "pesimo", "pesima", "awful", "desastre",
        "disaster", "worst", "peor", "vergüenza", "verguenza", "shameful", "useless",
        "inutil", "nefasto", "lamentable", "appalling", "dreadful", "garbage", "basura",
        "rubbish", "shocking", "asco", "horrendo", "pesimo", "cagada"),
}
WORD_SCORE = {word: score for score, words in WORDS.items() for word in words}
NEGATION = frozenset({"no", "not", "nada", "never", "nunca", "ni", "isn't", "wasn't"})
THANKS = frozenset({"gracias", "thanks", "thank"})  # only a rating with nothing else
# a reply made only of these acknowledges the message and says nothing of the job
ACKNOWLEDGEMENTS = THANKS | {"ok", "okay", "vale", "thx", "ty", "recibido", "received",
                             "entendido", "noted", "got", "it", "muchas", "many", "much",
                             "de", "acuerdo", "cheers", "k", "oki", "dale"}
NUMBER = re.compile(r"(?<![\w.,])(\d{1,2})(?:\s*(?:/|de|out of|sobre)\s*(5|10))?"
                    r"(?!\d|[.,:]\d)")
NUMBER_WORDS = {"cero": 0, "zero": 0, "uno": 1, "one": 1, "dos": 2, "two": 2, "tres": 3,
                "three": 3, "cuatro": 4, "four": 4, "cinco": 5, "five": 5}
SCALE_WORDS = re.compile(r"\s*(?:/|de|out of|sobre)\s*(cinco|five|diez|ten)\b")
# a number followed by one of these counts something else ("3 days", "2 visitas", "5 min")
UNITS = re.compile(r"\s*(?:dias?|days?|semanas?|weeks?|horas?|hours?|hrs?|h\b|min|minutos?|"
                   r"minutes?|visitas?|visits?|veces|times|meses|months?|maquinas?|machines?|"
                   r"unidades|units?|euros?|eur|€|\$|%)", re.IGNORECASE)
NEGATED = {5: 2, 4: 2, 3: 3, 2: 4, 1: 3}  # "no muy bien" 2, "no estuvo mal" 4
STAR = re.compile(r"[⭐★]")


@dataclass(frozen=True)
class Rating:
    score: int  # 1..5
    comment: str  # what the customer wrote beyond the rating itself; "" when nothing

    @property
    def low(self) -> bool:
        return self.score <= LOW


def _fold(text: str) -> str:
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in nfkd if not unicodedata.combining(c))


def _number(text: str) -> int | None:
    """The one score given as a number: digits ("4", "4/5", "8 de 10") or, near the start or
    with a scale, a number word ("cuatro", "three out of five"). Numbers that count something
    else ("3 days", "E04") are not read; two different numbers read as none."""
    found: set[int] = set()
    folded = _fold(text)
    for hit in NUMBER.finditer(text):
        if not hit.group(2) and not _given(text, hit.start(), hit.end()):
            continue
        found.add(_scaled(int(hit.group(1)), hit.group(2)))
    for position, word in enumerate(re.finditer(r"[a-z]+", folded)):
        value = NUMBER_WORDS.get(word.group())
        if value is None:
            continue
        scale = SCALE_WORDS.match(folded, word.end())
        starred = re.match(r"\s*(?:estrellas?|stars?|puntos?|points?)\b", folded[word.end():])
        if position < 2 or scale or starred:
            found.add(_scaled(value, "10" if scale and scale.group(1) in ("diez", "ten") else ""))
    found.discard(-1)
    return found.pop() if len(found) == 1 else None


def _given(text: str, start: int, end: int) -> bool:
    """A bare number is a score where a score is given: opening the reply ("4, muy bien"),
    after an article or a rating verb ("le doy un 4", "I'd give it a 3") or with stars; a
    number inside a sentence ("room 5", "3 days", "E04") names or counts something else."""
    if UNITS.match(text, end):
        return False
    before = _fold(text[:start])
    if re.match(r"\s*(?:estrellas?|stars?|puntos?|points?)\b", _fold(text[end:])):
        return True
    return (len(re.findall(r"[a-z0-9]+", before)) == 0
            or re.search(r"\b(?:un|una|a|an|doy|pongo|give|rate|nota|score)\W*$", before)
            is not None)


def _scaled(value: int, scale: str) -> int:
    """1–5 from a number on a scale of 5 (or none said) or 10; -1 when it is no score."""
    if scale == "10":
        return max(1, round(value / 2 + 0.01)) if value <= 10 else -1
    return max(1, value) if value <= 5 else -1  # a zero is below the bottom of the scale


def _symbols(text: str) -> list[int]:
    stars = len(STAR.findall(text))
    found = [min(stars, 5)] if stars else []
    return found + [score for emoji, score in EMOJI.items() for _ in range(text.count(emoji))]


def _words(folded: str) -> list[int]:
    tokens = re.findall(r"[a-zñ']+", folded)
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        negated = bool(NEGATION.intersection(tokens[max(0, i - 2):i]))
        pair = " ".join(tokens[i:i + 2])
        triple = " ".join(tokens[i:i + 3])
        score, width = next(((PHRASES[p], n) for p, n in ((triple, 3), (pair, 2))
                             if p in PHRASES), (WORD_SCORE.get(tokens[i], 0), 1))
        if score:
            found.append((NEGATED[score] if negated else score, tokens[i]))
        i += width
    meaningful = [s for s, token in found if token not in THANKS]
    return meaningful or [s for s, _ in found]


def score_reply(text: str) -> Rating | None:
    """The rating in a customer's reply, or None when it gives none."""
    stripped = text.strip()
    if not stripped:
        return None
    number = _number(stripped)
    symbols = _symbols(stripped)
    if number is not None:
        readings = [number]
    elif "🙄" in stripped:  # an eye-roll turns the praise around it into sarcasm
        readings = [1]
    elif symbols:
        readings = symbols
    elif "?" in stripped or _only_acknowledges(_fold(stripped)):
        return None  # a question or a plain "ok, thanks" is no verdict on the job
    else:
        readings = _words(_fold(stripped))
    if not readings:
        return None
    if any(s <= 1 for s in readings):  # "terrible" outweighs the "thanks" said with it
        score = 1 if sum(readings) / len(readings) < 3 else 2
    else:
        score = round(sum(readings) / len(readings) + 0.01)
    comment = "" if _is_bare(stripped) else stripped
    return Rating(max(1, min(5, score)), comment)


def _only_acknowledges(folded: str) -> bool:
    return set(re.findall(r"[a-z]+", folded)) <= ACKNOWLEDGEMENTS


def _is_bare(text: str) -> bool:
    """Only the rating: "4", "4/5", "⭐⭐⭐⭐", "👍"."""
    rest = NUMBER.sub("", STAR.sub("", text))
    for emoji in EMOJI:
        rest = rest.replace(emoji, "")
    return not re.sub(r"[\W_]+|\b(?:un|una|a|estrellas?|stars?|puntos?|points?)\b", "",
                      _fold(rest))
