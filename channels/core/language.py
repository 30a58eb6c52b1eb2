"""Spanish / English detection for short service-desk messages.

One detector for the whole product: the gateway seeds each conversation's language
with it (channels/pipeline.py) and the bot's NLU component (bot/components/language.py,
which imports this file with the repository root on PYTHONPATH) sets the `language`
slot from it. Pure standard library, so it runs in both environments.
`detect(text)` returns ``"es"``, ``"en"`` or ``None`` when not confident
("ok", "1", "SN-48213", "👍").  Cues, each weighted:

* characters: ñ ¿ ¡ (strong Spanish); á é í ó ú ü inside a word;
* words: function words and very common words of each language, including
  SMS spellings and frequent typos ("q", "xq", "pls", "thx", "teh");
* word shapes: Spanish endings (-ción, -mente, -ando, -iendo) and English
  ones (-ing, -tion, contractions with an apostrophe).

Tokens containing digits (serials, codes, ids) are ignored.
"""

from __future__ import annotations

import re
import unicodedata

ES_WORDS: dict[str, float] = {}
EN_WORDS: dict[str, float] = {}


def _add(table: dict[str, float], weight: float, words: str) -> None:
    for word in words.split():
        table[word] = weight


# Spanish function words, common words and domain words (weight 1.0).
_add(ES_WORDS, 1.0, """
    el la los las del al un que de y en se por para con sin pero porque xq pq porq
    mi mis tu su sus nuestro nuestra nuestros usted ustedes vosotros nosotros
    yo es esta estan este esto esa ese eso estoy somos son fue sido ha han hay
    he hemos tiene tengo tenemos tienen necesito necesitamos quiero queremos
    puede puedes podria podrian pueden quisiera gustaria favor porfa porfavor
    muy mas tambien ya aun todavia nada nadie algo alguien cuando cuanto cuanta
    donde como cual quien quienes desde hasta hace otra otro otra vez ahora hoy
    manana ayer semana dias dia tardes noches buenos buenas hola holaa ola
    gracias grasias graciass adios chao chau hasta luego vale vale claro bueno
    si sip nop tampoco nunca siempre cosa maquina equipo averia roto rota
    funciona funcionan anda arranca enciende sale hace hacen ruido pierde
    tecnico tecnica cita revision mantenimiento cubre cubierto garantia
    contrato incidencia aviso estado cancelar anular ayuda hablar persona
    humano llamar llamen queja harto harta hartos vergüenza verguenza
    una uno unos unas lo le les nos os me te q k tmb tb salu2 xfa xfavor
    pues oye mire disculpe perdone usted eres sois puedo hacer eres
    perfecto genial estupendo vale venga listo correcto exacto ninguno
    fotocopiadora impresora copiadora compresor nevera frigorifico camara
    carretilla elevadora servidor envasadora maquina expendedora aire
    acondicionado imprime enfria gotea atasca atascada atasco pantalla
    calle avenida almacen oficina nave planta tarde pronto rapido semana
    ayudar saludos cordiales atentamente estimado estimados estimada chiste
    adelante confirmo confirmado confirmar dame opciones creo quedan gratis
    visitas negativo ciao mucho mucha muchos menos grax holis buenass
    jaja jajaja jeje tiempo futbol partido receta trabajo
    tecnicos averiado averiada estropeado estropeada mal bien hola buen
    """)
# English domain and chat words (weight 1.0).
_add(EN_WORDS, 1.0, """
    copier printer compressor fridge freezer forklift server vending
    conditioning jammed jams jam leaking dripping screen display street
    go ahead another delete request code options give agreed confirmed confirm
    certainly alright yea obliged till catch thankss yessir mornin
    haha lol nah weather football match recipe job tell joke jokes
    warehouse office floor building soon fast quick asap well bad badly
    """)
# Distinctive English function and common words (weight 1.0).
_add(EN_WORDS, 1.0, """
    the teh a an and or but with without for from of to at on by into about
    i is are was were be been being am im i'm it's its it this that these those
    my our your their his her we they you u ur he she me us them
    do does did dont don't doesnt doesn't didnt didn't cant can't cannot wont
    won't isnt isn't aren't wasn't not have has had having will would could
    should can may might must need needs want wants please pls plz thanks thx
    thank ty hello hi hey hiya bye goodbye cya see later yes yeah yep yup nope
    what when where why how who which there here again still just now today
    tomorrow yesterday week morning afternoon evening good great ok okay sure
    broken working works work machine stopped keeps making noise leaking
    leak shows showing technician visit status coverage covered warranty
    perfect awesome fine nice lovely thank right wrong nothing everything
    contract maintenance service cancel help talk person human call agent
    someone anybody anyone complaint ridiculous unacceptable fed up sorry
    dear regards kind best cheers mate guys folks appreciate all any some
    what's whats where's how's hows gonna wanna kinda thing stuff
    """)
# Words shared by both languages or too short to trust get no entry:
# no, ok, me, a (Spanish preposition too: kept as a weak English cue), etc.
for _w in ("a", "me", "no", "ok", "sin", "son", "he", "fue", "e", "o"):
    ES_WORDS.pop(_w, None)
    EN_WORDS.pop(_w, None)
_add(EN_WORDS, 0.25, "a")  # "a" leans English in this domain
_add(ES_WORDS, 0.5, "sin son he o e")

_ES_SUFFIXES = ("cion", "ción", "mente", "ando", "iendo", "ado", "ada",
                "idad", "ería", "eria", "amos", "emos", "imos", "aba")
_EN_SUFFIXES = ("ing", "tion", "ness", "ful", "ight", "ough", "'s", "'ll",
                "'ve", "'re", "'d", "n't", "ed", "ly")

# Weak shape cues for words in neither table.
_EN_CLUSTERS = ("th", "w", "sh", "ck", "ee", "oo", "ght", "ph", "ea")
_ES_ENDINGS = ("o", "os", "as", "ar", "er", "ir", "an", "en")

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_DIGIT_TOKEN_RE = re.compile(r"\S*\d\S*")
_ES_ACCENTED = set("áéíóúü")

MIN_SCORE = 1.0
MIN_MARGIN = 1.0


def _strip_accents(word: str) -> str:
    nfkd = unicodedata.normalize("NFKD", word)
    return "".join(c for c in nfkd if not unicodedata.combining(c))


def _squeeze(word: str) -> str:
    """Collapse letters repeated 3+ times ("holaaaa" -> "hola", "pleeease")."""
    return re.sub(r"(.)\1{2,}", r"\1", word)


def scores(text: str) -> tuple[float, float]:
    """Return (spanish_score, english_score) for ``text``."""
    lowered = _DIGIT_TOKEN_RE.sub(" ", text.lower()).replace("’", "'")
    es = 0.0
    en = 0.0
    if "ñ" in lowered:
        es += 1.5
    if "¿" in lowered or "¡" in lowered:
        es += 2.0
    for raw in _TOKEN_RE.findall(lowered):
        word = _squeeze(raw)
        if any(c in _ES_ACCENTED for c in word):
            es += 1.0
        plain = _strip_accents(word)
        es_w = ES_WORDS.get(plain, 0.0)
        en_w = EN_WORDS.get(plain, 0.0)
        if not es_w and not en_w and len(plain) >= 4:
            if plain.endswith(_EN_SUFFIXES) or "'" in plain:
                en_w = 0.5
            elif word.endswith(_ES_SUFFIXES):
                es_w = 0.5
            elif any(c in plain for c in _EN_CLUSTERS):
                en_w = 0.25
            elif plain.endswith(_ES_ENDINGS):
                es_w = 0.25
        es += es_w
        en += en_w
    return es, en


def detect(text: str | None) -> str | None:
    """Return "es", "en" or None when the message gives no confident cue."""
    if not text:
        return None
    es, en = scores(text)
    best, other, lang = (es, en, "es") if es >= en else (en, es, "en")
    if best < MIN_SCORE or best - other < MIN_MARGIN:
        return None
    return lang
