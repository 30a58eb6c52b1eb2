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
         "🙏": 5, "🙂": 4, "😐": 3, "😕": 2, "🙁": 2, "☹": 2, "😞": 2, "😒": 2, "👎": 1,
         "😠": 1, "😡": 1, "🤬": 1, "💩": 1}
# phrases before words: the longest reading wins ("muy bien" before "bien")
PHRASES = {"muy bien": 5, "muy buen": 5, "muy contento": 5, "very good": 5, "very well": 5,
           "well done": 5, "muy mal": 1, "very bad": 1, "very poor": 1, "so so": 3,
           "mas o menos": 3, "not bad": 4, "no esta mal": 4, "nada mal": 4,
           "could be better": 3, "podria ser mejor": 3, "podria mejorar": 3}
WORDS = {
    5: ("excelente", "excellent", "perfecto", "perfect", "genial", "great", "fantastico",
        "fantastic", "estupendo", "brilliant", "amazing", "impecable", "spotless", "top",
        "encantado", "encantada", "outstanding", "superb", "wonderful", "maravilla"),
    4: ("bien", "bueno", "buena", "good", "fine", "ok", "okay", "vale", "correcto",
        "contento", "contenta", "happy", "satisfied", "satisfecho", "satisfecha", "nice",
        "rapido", "quick", "fast", "amable", "friendly", "solved", "resuelto", "gracias",
        "thanks", "thank"),
    3: ("regular", "normal", "aceptable", "acceptable", "meh", "average", "decent",
        "mejorable", "mediocre"),
    2: ("mal", "malo", "mala", "bad", "poor", "lento", "slow", "late", "tarde", "tardaron",
        "sucio", "dirty", "mess", "rude", "borde", "unhappy", "descontento", "descontenta",
        "disappointed", "decepcionado", "decepcionada", "broken", "roto", "otra", "again"),
    1: ("terrible", "horrible", "fatal", "pesimo", "pesima", "awful", "desastre",
        "disaster", "worst", "peor", "vergüenza", "verguenza", "shameful", "useless",
        "inutil", "nefasto", "lamentable", "appalling", "dreadful", "garbage", "basura"),
}
WORD_SCORE = {word: score for score, words in WORDS.items() for word in words}
NEGATION = frozenset({"no", "not", "nada", "never", "nunca", "ni", "isn't", "wasn't"})
THANKS = frozenset({"gracias", "thanks", "thank"})  # only a rating with nothing else
NUMBER = re.compile(r"(?<![\d.,])(\d{1,2})(?:\s*(?:/|de|out of|sobre)\s*(5|10))?"
                    r"(?!\d|[.,:]\d)")
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
    hits = NUMBER.findall(text)
    if len(hits) != 1:
        return None
    value, scale = int(hits[0][0]), hits[0][1]
    if scale == "10" and 0 <= value <= 10:
        return max(1, round(value / 2 + 0.01))
    return value if 1 <= value <= 5 else None


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
    readings = [number] if number is not None else (_symbols(stripped)
                                                    or _words(_fold(stripped)))
    if not readings:
        return None
    if any(s <= 1 for s in readings):  # "terrible" outweighs the "thanks" said with it
        score = 1 if sum(readings) / len(readings) < 3 else 2
    else:
        score = round(sum(readings) / len(readings) + 0.01)
    comment = "" if _is_bare(stripped) else stripped
    return Rating(max(1, min(5, score)), comment)


def _is_bare(text: str) -> bool:
    """Only the rating: "4", "4/5", "⭐⭐⭐⭐", "👍"."""
    rest = NUMBER.sub("", STAR.sub("", text))
    for emoji in EMOJI:
        rest = rest.replace(emoji, "")
    return not re.sub(r"[\W_]+|\b(?:un|una|a|estrellas?|stars?|puntos?|points?)\b", "",
                      _fold(rest))
