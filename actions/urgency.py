"""Reading how urgent a fault is from what the customer wrote (pure functions, no I/O).

The priority scale is low / medium / high / critical (issue 13 §8).

* :func:`read_urgency` reads a description, in Spanish or English, typed as people type
  (no accents, typos, SMS abbreviations): something stopped, unsafe, or production /
  food / health / critical IT at risk -> high; degraded (still working, intermittent,
  a leak, a noise) -> medium; cosmetic or "no rush" -> low; None when it cannot be read,
  the only case in which the bot asks. A description reads as critical only when people
  are in danger (trapped, injured, fire, gas) or everything is stopped (the whole
  production, every line, the whole plant), or when it says "emergency" about something
  high; a fault confined to part of a machine's area ("in rooms 402 and 405", "the rest
  works") is degraded, not stopped.
* :func:`parse_urgency_answer` reads the answer to "how urgent is it?": a button, a digit
  1-4, a level named in either language, or a description as above.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from actions.parsing import fold

LEVELS = ("low", "medium", "high", "critical")


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")")


# "Not urgent", said outright: wins over everything else in the same text.
_NOT_URGENT = _any(
    r"no (es|esta|corre|me corre|nos corre) (muy |nada )?(urgente|prisa|urge)", r"sin prisa",
    r"no (hay|tenemos) prisa", r"puede esperar", r"no urge", r"cuando (se )?pueda(s|n)?",
    r"not (very |that |really )?urgent", r"no rush", r"no hurry", r"(it |this )?can wait",
    r"whenever", r"in no rush", r"low priority", r"prioridad baja", r"baja prioridad",
    r"nada urgente", r"nothing urgent", r"no urgency", r"not a priority", r"no es prioritari",
    r"next time (a |the |your |one of your )?(technician|tech|engineer|someone)",
    r"la proxima vez que (venga|pase|vengais|paseis)", r"cuando (pase|venga) (el|algun) tecnico",
)
# It still works, so it is not stopped ("no esta parado", "still running").
_STILL_WORKS = _any(
    r"sigue (funcionando|andando|dando|enfriando|imprimiendo|trabajando|en marcha)",
    r"funciona(ndo)? pero", r"todavia funciona", r"aun funciona", r"de momento (va|funciona)",
    r"no (esta|se ha) parad", r"nos apa(n|ñ)amos", r"(still|is) (running|working|going)",
    r"works (ok|fine|but)", r"restarts? (fine|ok)", r"not (stopped|down)", r"isn'?t (down|stopped)",
    r"we have air", r"for now (it )?works", r"(is )?still usable", r"se puede usar",
)
# Only part of what the machine serves is affected: degraded, not stopped.
_PARTIAL = _any(
    r"(el|lo) resto (de (las |los |la |el )?\w+ )?(va|funciona|esta|estan|van|funcionan) bien",
    r"(the )?rest (of (the )?\w+ )?(is|are) (fine|ok|working|running)",
    r"(no|not) (enfria|calienta|funciona|va|cooling|heating|working) en (la|las|el|los) \d",
    r"(no|not) (enfria|calienta|funciona|va|cooling|heating|working) (in|en) (some|a few|"
    r"algunas|algunos|varias|varios|unas|unos|(rooms?|habitacion(es)?) \d)",
    r"solo (en|afecta a) (la|las|el|los|algun|una|un) ", r"only (in|on|affects) (some|a few|one) ",
)
# People in danger, or everything stopped: critical, whatever else is said.
_CRITICAL = _any(
    r"atrapad", r"encerrad[oa]s? en el ascensor", r"trapped", r"stuck in (the )?(lift|elevator)",
    r"(people|someone|somebody|gente|alguien|personas?) (stuck|atascad)", r"herid", r"injur",
    r"(hay|sale|salen|vemos) (un )?(fuego|llamas|incendio)", r"(se esta|esta) (quemando|ardiendo)",
    r"(caught|is on|there'?s a) fire", r"flames", r"fuga de gas", r"huele a gas", r"gas leak",
    r"smells? of gas",
    r"toda la (produccion|planta|fabrica|linea) (esta |se ha )?(parada|detenida|caida)",
    r"todas las lineas (estan )?(paradas|detenidas|caidas)",
    r"(all|whole|entire) (production|plant|factory|site)( line)? (is |has )?(stopped|down|halted)",
    r"all (the )?lines (are )?(down|stopped)", r"planta (entera|completa) parada",
    # the critical service it keeps is already being cut: surgeries called off, a hall's
    # loads shed, people moved out
    r"(suspend|cancel|anul|aplaz|desprogram|postpon|call(ing)? off)\w* (\w+ ){0,2}"
    r"(cirugi|operacion|intervencion|quirof|surger|operations|procedures|theatre list)",
    r"(cirugias|operaciones|intervenciones|surgeries|operations|procedures) (\w+ ){0,5}"
    r"(suspendid|cancelad|anulad|aplazad|cancel+ed|suspended|postponed|called off)",
    r"((start(ing)?|have|having|need|going) to (shut|switch|turn|power)|shutting|switching|"
    r"turning|powering) (down|off) (\w+[ -]){0,2}(loads?|servers|racks|systems|workloads)",
    r"(theatre|theater|surgical|operating) (list|schedule)s? (\w+ ){0,4}(cancel|suspend|"
    r"postpon|called off)", r"(load|loads) shedding", r"shedd?(ing)? (\w+[ -]){0,2}loads?",
    r"(apagando|desconectando|(tenemos|hay|vamos) (que|a) (apagar|desconectar)) (\w+ ){0,2}"
    r"(servidores|racks|sistemas|cargas|maquinas virtuales)",
    r"(evacua|desaloj|trasladando (a )?(los )?pacientes|moving (the )?patients)",
)
_EMERGENCY = _any(r"emergenc", r"urgentisim", r"muy urgente", r"super urgente",
                  r"extremely urgent", r"very urgent", r"life or death")
_STOPPED = _any(
    r"(esta|estan|se ha|se han|se quedo|se ha quedado|quedo|quedado|tenemos|tengo) "
    r"(totalmente |completamente )?parad[oa]s?", r"todo parado",
    r"parad[oa] (del todo|por completo|total)",
    r"(se (nos )?ha(n)?|ha|han) (vuelto a |quedado )?(parar|parad[oa]s?)\b(?! (un|a ratos))",
    r"(ni|ya no|now won'?t|won'?t even|doesn'?t even|does not even) (arranca|enciende|"
    r"funciona|anda|start|turn on|power on|run)",
    r"no (funciona|arranca|enciende|va|anda|responde|enfria|calienta|levanta|sube)\b"
    r"(?! (bien|lo suficiente|suficiente|del todo|como|siempre))",
    r"dej(o|a|ado) de (funcionar|enfriar|calentar|andar|ir)",
    r"fuera de servicio", r"sin servicio", r"no hay (aire|agua|luz|frio|calor|corriente|red)",
    r"sin (aire|frio|calefaccion|corriente|red|linea)\b", r"averiad[oa] del todo", r"muert[oa]",
    r"no podemos (trabajar|producir|usar|cargar|descargar|vender|operar|abrir)",
    r"(has |had |it )?stopped (completely|working|dead)", r"(has|have) stopped",
    r"not working", r"doesn'?t work", r"does not work", r"won'?t (start|run|work|lift|turn on|"
    r"power|cool|heat|open|close|boot)", r"(can'?t|cannot) (start|use|work|put|run|operate|"
    r"produce|open|load|ship)", r"out of (action|service|order)", r"is down", r"are down",
    r"went down", r"gone down", r"broken down", r"broke down", r"died\b", r"dead\b",
    r"(it'?s|now|completely|totally|fully) (now |completely |totally )*down",
    r"(is|are|it'?s) (now )?(completely |totally )?stopped",
    r"no rearma", r"won'?t reset", r"se (nos )?ha(n)? caido", r"esta(n)? caid[oa]s?\b",
    r"no power", r"no cooling", r"no heating", r"no air",
)
_UNSAFE = _any(
    r"peligr", r"insegur", r"humo", r"fuego", r"(?<!alarma de )(?<!central de )incendio",
    r"chispa", r"quemad", r"huele a quemado",
    r"olor a quemado", r"descarga", r"calambre", r"fuga de gas", r"huele a gas", r"herid",
    r"accidente", r"unsafe", r"danger", r"hazard", r"smoke",
    r"fire\b(?! (alarm|door|exit|extinguisher|panel|sprinkler))", r"sparks?", r"burn(t|ing)",
    r"electric shock", r"gas leak", r"smells? of gas", r"injur", r"accident",
)
_AT_RISK = _any(
    # production
    r"produccion (parada|detenida|afectada)", r"linea (parada|detenida)", r"paran? la linea",
    r"production (is |has )?(stopped|down|halted|affected|at risk)", r"line (is )?(down|stopped)",
    r"stopping production", r"we'?re losing production", r"perdiendo produccion",
    # food
    r"lacteos", r"genero", r"alimentos", r"perecedero", r"congelad", r"tirar (el |la )?(genero|"
    r"comida|producto|mercancia)", r"se (nos )?(estropea|echa a perder)",
    r"food (safety|at risk|will spoil|is spoiling|inside|in it)", r"perishable", r"spoil",
    r"(con|with) (la |el )?(comida|food|genero|producto|stock) (dentro|inside)",
    r"(y|and) (sigue )?(subiendo|rising|climbing|going up)", r"temperature (is )?rising",
    r"la temperatura (sigue )?subiendo", r"(lo )?(tendremos|tendriamos|vamos) a? ?que tirar",
    r"(have|need|going) to (throw|bin) (it|everything|the)",
    r"frozen (food|stock)", r"fuera de(l)? (frio|la camara|la nevera)",
    r"out of the (fridge|cold|freezer)",
    r"throw (away|out) (the )?(stock|food|product)",
    # health
    r"paciente", r"quirofano", r"hospital", r"uci\b", r"urgencias", r"vacuna", r"medicament",
    r"patients?", r"operating (theatre|theater|room)", r"\bicu\b", r"vaccine", r"medicine",
    # critical IT
    r"servidor", r"\bcpd\b", r"centro de datos", r"sala de (servidores|it|sistemas|ordenadores)",
    r"racks?\b",
    r"servers?\b", r"data ?cent(re|er)", r"server room",
    # explicit urgency
    r"urgent", r"asap", r"cuanto antes", r"lo antes posible", r"as soon as possible", r"emergenc",
    r"priori(ty|tise|tize|dad|zar|cen|ce)(?! (normal|media|baja|low|medium))",
    r"rapido porfa", r"right away", r"immediately",
)
_DEGRADED = _any(
    r"pierde", r"perdiendo", r"gotea", r"goteo", r"fuga", r"charco", r"leak", r"drip", r"puddle",
    r"ruido", r"ruidos", r"chirri", r"vibra", r"golpete", r"noise", r"noisy", r"rattl", r"squeal",
    r"vibrat", r"grind", r"lent[oa]", r"slow", r"debil", r"weak", r"intermitente", r"a veces",
    r"de vez en cuando", r"cada (\d+|dos|tres|pocos)", r"intermittent", r"sometimes",
    r"every (\d+|few|couple)",
    r"now and then", r"on and off", r"atasc", r"jams?\b", r"jamm", r"se traba", r"salta", r"trip",
    r"alarm",
    r"error(?! mio)", r"fall[ao]", r"fail", r"no llega", r"not reach", r"doesn'?t reach",
    r"no (escanea|"
    r"imprime|envia|carga|conecta|sella|corta)", r"(won'?t|doesn'?t|does not|can'?t) (scan|print|"
    r"send|connect|seal|cut|reach)", r"rechaz", r"reject", r"overheat", r"sobrecalient",
    r"calienta mucho", r"too (hot|cold|warm)", r"more than usual", r"mas de lo normal",
    r"no (enfria|calienta) (bien|suficiente|lo suficiente)",
    r"not (cooling|heating) (properly|enough)",
)
_COSMETIC = _any(
    r"estetic", r"cosmetic", r"aranazo", r"rayad", r"rayon", r"scratch", r"abollad", r"dent\b",
    r"pintura", r"paint", r"pegatina", r"sticker", r"etiqueta despegada", r"label (is )?peel",
    r"tapa suelta", r"loose (cover|panel|trim)", r"embellecedor", r"solo (es )?(visual|estetico)",
    r"only (visual|cosmetic)", r"just (looks|cosmetic)",
)

_RULES: Sequence[tuple[re.Pattern[str], str]] = (
    (_UNSAFE, "high"),
    (_AT_RISK, "high"),
)


def read_urgency(text: str) -> str | None:
    """The urgency a description implies, or None when it says none."""
    folded = _clean(text)
    if not folded:
        return None
    if _CRITICAL.search(folded):
        return "critical"
    if _NOT_URGENT.search(folded) or _COSMETIC.search(folded) and not _STOPPED.search(folded):
        return "low"
    level = _serious(folded)
    if level == "high" and _EMERGENCY.search(folded):
        return "critical"
    return level


def _serious(folded: str) -> str | None:
    """high / medium / None for a folded text that is neither critical nor low."""
    for pattern, level in _RULES:
        if pattern.search(folded):
            return level
    still_works = bool(_STILL_WORKS.search(folded) or _PARTIAL.search(folded))
    if _STOPPED.search(folded) and not still_works:
        return "high"
    if still_works or _DEGRADED.search(folded) or _STOPPED.search(folded):
        return "medium"
    return None


_DIGIT = re.compile(r"^\s*([1-4])\s*[.)]?\s*$")
_NAMED: Sequence[tuple[re.Pattern[str], str]] = (
    (_any(r"muy urgente", r"urgentisim", r"super urgente", r"critic", r"emergenc",
          r"extremely urgent", r"very urgent", r"top priority", r"maxima prioridad"), "critical"),
    (_any(r"alta", r"high", r"urgente", r"urgent", r"bastante"), "high"),
    (_any(r"media", r"medium", r"normal", r"regular", r"moderad", r"moderate", r"medio",
          r"mas o menos", r"so so", r"average"), "medium"),
    (_any(r"baja", r"bajo", r"low", r"poca", r"poco", r"little", r"minor", r"menor"), "low"),
)


def parse_urgency_answer(text: str) -> str | None:
    """The level the customer's answer gives, or None when it cannot be read at all."""
    raw = str(text or "")
    if raw.startswith("/"):
        return None
    digit = _DIGIT.match(raw)
    if digit:
        return LEVELS[int(digit.group(1)) - 1]
    folded = _clean(raw)
    if folded in LEVELS:
        return folded
    if _NOT_URGENT.search(folded):
        return "low"
    for pattern, level in _NAMED:
        if pattern.search(folded):
            return level
    return read_urgency(raw)


def urgency_said(current: str | None, *texts: str) -> str | None:
    """The most urgent of ``current`` and what each text implies (a description kept from
    before verification counts like the latest turn)."""
    found = current
    for text in texts:
        found = higher(found, read_urgency(text))
    return found


def higher(current: str | None, new: str | None) -> str | None:
    """The more urgent of two levels (None counts as unknown)."""
    if current not in LEVELS:
        return new
    if new not in LEVELS:
        return current
    return new if LEVELS.index(new) > LEVELS.index(current) else current


def _clean(text: str) -> str:
    """Folded, apostrophes kept, other punctuation as spaces, single-spaced."""
    folded = fold(str(text or "")).replace("’", "'")
    return " ".join(re.sub(r"[^a-z0-9ñ'°]+", " ", folded).split())
