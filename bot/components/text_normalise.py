"""Text as the intent classifier sees it: lower case, accents folded, letters repeated for
emphasis shortened, and the spellings of SMS / WhatsApp in Spanish and English written out
("xq" -> "porque", "q" -> "que", "tb" -> "tambien", "pls" -> "please", "u" -> "you").

Plain Python (no Rasa, no scikit-learn), so it is tested on its own.
"""

from __future__ import annotations

import re
import unicodedata

# One token in, words out. Only spellings that are unambiguous in a service-desk chat.
SMS: dict[str, str] = {
    # Spanish
    "xq": "porque", "pq": "porque", "porq": "porque", "xk": "porque", "pk": "porque",
    "q": "que", "k": "que", "ke": "que", "qe": "que",
    "d": "de", "tb": "tambien", "tmb": "tambien", "tbn": "tambien", "tambn": "tambien",
    "x": "por", "xa": "para", "pa": "para", "xfa": "por favor", "porfa": "por favor",
    "pf": "por favor", "plis": "please", "dnd": "donde", "cdo": "cuando", "qdo": "cuando",
    "cnd": "cuando", "bn": "bien", "grax": "gracias", "grcs": "gracias", "grs": "gracias",
    "msj": "mensaje", "mñn": "manana", "mna": "manana", "tqm": "te quiero",
    "salu2": "saludos", "ns": "no se", "nse": "no se",
    "sta": "esta", "toy": "estoy", "stoy": "estoy", "weno": "bueno",
    "ok": "ok", "oki": "ok", "okis": "ok", "okey": "ok", "okay": "ok",
    "npi": "ni idea", "hla": "hola", "hl": "hola", "ola": "hola", "aki": "aqui",
    "kiero": "quiero", "kien": "quien", "qien": "quien",
    # English
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "pleas": "please",
    "thx": "thanks", "thnx": "thanks", "thks": "thanks", "tnx": "thanks", "ty": "thank you",
    "cuz": "because", "coz": "because", "bc": "because", "b4": "before", "2day": "today",
    "2moro": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow", "2morrow": "tomorrow",
    "wat": "what", "wut": "what", "whats": "what is", "im": "i am", "ive": "i have",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not",
    "wont": "will not", "isnt": "is not", "idk": "i do not know", "msg": "message",
    "pic": "picture", "plzz": "please", "yr": "your", "yep": "yes", "yup": "yes",
    "nope": "no", "nah": "no", "gonna": "going to", "wanna": "want to",
    "hv": "have", "abt": "about", "w": "with", "asap": "as soon as possible",
}
# A lone "k" (or "kk") is "ok" in a chat, not "que".
ALONE: dict[str, str] = {"k": "ok", "kk": "ok", "q": "que", "x": "por"}
TOKEN = re.compile(r"[a-z0-9ñ]+(?:['’][a-z]+)?|[^\sa-z0-9ñ]")
REPEATS = re.compile(r"([a-zñ])\1{2,}")


def fold(text: str) -> str:
    """Lower case without accents (ñ kept apart from n; ü, á... folded)."""
    text = text.lower().replace("ñ", "\0")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("\0", "ñ")


def normalise(text: str) -> str:
    """The text with accents folded, emphasis shortened and SMS spellings written out."""
    folded = REPEATS.sub(r"\1", fold(text))
    tokens = [t.replace("’", "'").replace("'", "") for t in TOKEN.findall(folded)]
    words = [t for t in tokens if t.isalnum()]
    table = ALONE if len(words) == 1 else SMS
    return " ".join(table.get(t, SMS.get(t, t)) for t in tokens)
