"""Word tables for Spanish and English reports: stop words and SMS spellings.

Every entry is written without accents and in lower case, as `text.fold` leaves words.
"""

from __future__ import annotations

# fmt: off
STOP_WORDS: frozenset[str] = frozenset({
    "a", "al", "algo", "ante", "aqui", "asi", "aun", "bien", "cada", "como", "con", "cual",
    "cuando", "de", "del", "desde", "donde", "dos", "e", "el", "ella", "ellos", "en", "entre",
    "era", "es", "esa", "ese", "eso", "esta", "estaba", "estamos", "estan", "estar", "este",
    "esto", "estos", "fue", "ha", "hace", "han", "hay", "hemos", "la", "las", "le", "les", "lo",
    "los", "me", "mi", "mis", "muy", "nos", "nuestra", "nuestro", "nuestros", "o", "os", "otra",
    "otro", "para", "pero", "poco", "por", "porque", "que", "quien", "se", "sea", "ser", "si",
    "sigue", "sin", "sobre", "solo", "su", "sus", "tambien", "te", "tenemos", "tiene", "todo",
    "todos", "tu", "un", "una", "unas", "uno", "unos", "usted", "ustedes", "vez", "ya", "yo",
    "hola", "buenas", "buenos", "dias", "tardes", "gracias", "favor", "porfavor", "saludos",
    "cordiales", "estimados", "estimado", "atentamente", "urgente", "hoy", "ayer", "manana",
    "ahora", "ver", "podeis", "podrian", "pueden", "puede", "mandar", "enviar",
    "envien", "venir", "vengan", "alguien", "tecnico", "the", "an", "and", "or", "of", "to",
    "in", "on", "at", "for", "from", "by", "with", "is", "are", "was", "were", "be", "been",
    "being", "it", "its", "this", "that", "these", "those", "there", "here", "we", "our", "us",
    "you", "your", "i", "my", "he", "she", "they", "them", "has", "have", "had", "do",
    "does", "did", "will", "would", "can", "could", "should", "shall", "may", "might", "must",
    "as", "so", "but", "if", "then", "than", "also", "just", "still", "again", "please",
    "thanks", "thank", "hi", "hello", "dear", "regards", "kind", "best", "team", "morning",
    "afternoon", "today", "yesterday", "tomorrow", "now", "urgent", "asap", "someone", "send",
    "come", "technician", "engineer", "anyone", "any", "some", "very", "really",
})
# fmt: on

# Negations stay: "no enfria" and "not cooling" carry the fault.
KEPT_NEGATIONS: frozenset[str] = frozenset({"no", "not", "nor", "never", "nunca", "ni"})

# fmt: off
SMS_SPELLINGS: dict[str, str] = {
    "q": "que", "k": "que", "ke": "que", "xq": "porque", "pq": "porque", "porq": "porque",
    "xfa": "porfavor", "xfavor": "porfavor", "pf": "porfavor", "plis": "please", "x": "por",
    "tb": "tambien", "tmb": "tambien", "tbn": "tambien", "d": "de", "cn": "con", "sn": "sin",
    "dnd": "donde", "nd": "nada", "mnn": "manana", "tlf": "telefono", "tfno": "telefono",
    "msj": "mensaje", "aki": "aqui", "toy": "estoy", "u": "you", "ur": "your", "r": "are",
    "pls": "please", "plz": "please", "thx": "thanks", "ty": "thanks", "b4": "before",
    "2day": "today", "2moro": "tomorrow", "cuz": "because", "bc": "because", "msg": "message",
    "w": "with", "wo": "without", "n": "and", "dont": "do not", "doesnt": "does not",
    "didnt": "did not", "wont": "will not", "cant": "cannot", "isnt": "is not",
    "aint": "is not", "wasnt": "was not", "havent": "have not", "hasnt": "has not",
    "arent": "are not", "couldnt": "could not", "nt": "not", "ac": "aircon", "a/c": "aircon",
    "fwd": "forward", "pbm": "problem", "prob": "problem", "probs": "problems",
    "pb": "problema", "prblm": "problema", "nada": "nada", "vdd": "verdad", "mxo": "mucho",
    "mxa": "mucha", "salu2": "saludos", "tmp": "tampoco", "bn": "bien", "grax": "gracias",
    "grcs": "gracias",
}
# fmt: on
