"""Symptom categories, recognised by phrase patterns in both languages.

Patterns run on `text.expanded` output: lower case, no accents, SMS spellings
written out, apostrophes joined ("doesnt", "wont"). A category is a coarse kind
of fault; two reports with disjoint categories are probably different faults.
"""

from __future__ import annotations

import re
from functools import lru_cache

from backend.domain.dedupe.text import expanded

_NEG = (
    r"(?:no|not|nor|never|nunca|sin|will not|does not|do not|did not|cannot|can not|is not|wont"
    r"|doesnt|dont|cant|isnt|wasnt|failed to|fails to|refuses to)"
)

_PATTERNS: dict[str, tuple[str, ...]] = {
    "no_start": (
        (rf"{_NEG} (?:se )?(?:arranc|enciend|encend|prend|start|turn on|power on|power up|boot"
         rf"|fire up|switch on|quiere arrancar)"),
        (r"\b(?:(?:no|not) (?:se )?(?:pone en marcha|power|lights|signs of life|responde al mando)"
         r"|dead|muerto|muerta|sin vida|no da senales|no signs of life|wont go|nothing happens"
         r"|ni se inmuta)\b"),
    ),
    "stops": (
        (r"\b(?:se para|se paran|se detiene|se apaga|se apagan|se corta|para sola|paro|parada"
         r"|se ha apagado|apagado por|shuts? (?:down|off)|cuts? out|stops|stopped|stalls?|trips?"
         r"|tripping|salta|saltan|se cae|keeps stopping|switches off|turns off)"),
        r"\b(?:diferencial|breaker|automatico)\b",
    ),
    "leak": (
        (r"\b(?:fuga|fugas|gotea|goteo|gotas|pierde (?:aceite|agua|aire|gas|liquido)|perdida de"
         r"|charco|chorrea|leak|leaks|leaking|leaky|drip|dripping|drips|puddle|water on the floor"
         r"|agua en el suelo|oil on the floor|aceite en el suelo)"),
    ),
    "noise": (
        (r"\b(?:ruido|ruidos|ruidoso|suena|sonido raro|chirri|golpe|golpeteo|traqueteo|zumbido"
         r"|pitido|pita|vibra|vibracion|vibraciones|noise|noises|noisy|rattl|squeal|squeak|grind"
         r"|bang|knock|clunk|hum|humming|buzz|buzzing|whine|whining|vibrat|shak|loud)"),
    ),
    "overheat": (
        (r"\b(?:se calienta|sobrecalent|recalient|overheat|over heat|too hot|running hot|gets hot"
         r"|temperatura alta|high temperature|hot to the touch|quema al tocar)"),
    ),
    "not_cooling": (
        (rf"{_NEG} (?:enfri|hace frio|cool|chill|keep cold|get cold|freez|congel|mantiene el frio"
         rf"|refriger)"),
        (r"\b(?:calor dentro|temperatura sube|temperature (?:is )?rising|temp rising|warm inside"
         r"|getting warm|se descongela|defrost|deshiel|thaw|thawing|a \d+ grados|at \d+ degrees"
         r"|caliente dentro|no frio|sin frio|esta caliente|salen calientes|is warm|are warm"
         r"|cervezas calientes|a \d+ ?c\b|calentandose|warming up)"),
    ),
    "not_heating": (
        rf"{_NEG} (?:calienta|heat|warm up|da calor|echa calor|sale aire caliente)",
        (r"\b(?:calefaccion no|heating (?:is )?not|no heating|sin calefaccion|blowing cold"
         r"|sale aire frio|hace frio en)"),
    ),
    "jam": (
        (r"\b(?:atasc|atasca|atranc|se traga|jam|jams|jammed|jamming|paper stuck|stuck paper"
         r"|misfeed|papel (?:se )?(?:queda|engancha)|arruga el papel|crumpl)"),
    ),
    "print_quality": (
        (r"\b(?:rayas|raya|manchas|mancha|borros|desvaid|claras|sale en blanco|hojas en blanco"
         r"|paginas en blanco|sale negro|streak|stripe|lines on|smudg|smear|faded|blurr|blank pages"
         r"|prints blank|toner|tinta|calidad de impresion|print quality|ghosting|sale sucio"
         r"|marks on)"),
    ),
    "connectivity": (
        (r"\b(?:red|wifi|wi fi|network|offline|fuera de linea|sin conexion|no conecta|conectar"
         r"|connect|connection|ping|unreachable|no responde|not responding|unresponsive|caido"
         r"|is down|went down|vpn|ethernet|ip address|direccion ip|dns|scan to|escanear a|correo)"),
    ),
    "storage": (
        (r"\b(?:disco|discos|disk|disks|drive failure|raid|almacenamiento|storage|degraded"
         r"|degradado|volumen|volume|backup|copia de seguridad|espacio|sector)"),
    ),
    "crash": (
        (r"\b(?:se cuelga|colgado|cuelga|bloquea|bloqueado|freezes|freezing up|frozen screen"
         r"|pantalla congelada|crash|reinici|reboot|restart|pantallazo|blue screen|pantalla azul"
         r"|kernel|panic|lento|lentitud|slow|sluggish|hang|hangs|hung)"),
    ),
    "electrical": (
        (r"\b(?:corriente|electric|chispa|spark|cortocircuito|short circuit|fusible|fuse|cable"
         r"|enchufe|plug|power supply|fuente de alimentacion|bateria|battery|no carga|not charging"
         r"|wont charge|charger|cargador|humo|smoke|olor a quemado|burning smell|smells burnt"
         r"|burnt smell|quemado)"),
    ),
    "lifting": (
        (r"\b(?:no (?:sube|levanta|eleva|baja)|horquilla|mastil|hidraulic|hydraulic|forks?|mast"
         r"|lift(?:ing)? (?:the )?(?:load|pallet)|doesnt lift|wont lift|does not lift|will not lift"
         r"|cannot lift|elevacion|levantar)"),
    ),
    "motion": (
        (r"\b(?:fren\w*|brake|brakes|direccion|steering|rueda|ruedas|wheel|wheels|tire|tyre"
         r"|neumatico|no avanza|wont move|does not move|will not move|doesnt move|traccion|traction"
         r"|acelera|accelerat|marcha atras|reverse)"),
    ),
    "pressure": (
        (r"\b(?:presion|pressure|bar\b|psi|no carga aire|no comprime|not compress|no build"
         r"|air output|caudal|valvula|valve|purga|purge|manometro|gauge)"),
    ),
    "dispense": (
        (r"\b(?:no (?:da|sirve|suelta|dispensa|expulsa|entrega)|dispens|vend|producto|product|snack"
         r"|bebida|drink|coffee|cafe|vaso|cup|espiral|spiral|se queda colgado el"
         r"|stuck in the machine|came out)"),
    ),
    "payment": (
        (r"\b(?:moneda|monedas|coin|coins|billete|billetes|note reader|bill|tarjeta|card"
         r"|contactless|pago|pay|payment|cambio|change|devuelve|refund|lector|reader|cobra|charged"
         r"|se come el dinero|ate my money|swallow)"),
    ),
    "sealing": (
        r"\b(?:sell|sella|sellad|soldad|sin soldar|seal|seals|sealing|mordaza|jaws|precint)",
    ),
    "wrapping": (r"\b(?:film|plastico|retractil|shrink|wrap|envolt|stretch)",),
    "labelling": (r"\b(?:etiquet|label|labels|labeller|print mark|photo eye|fotocelula)",),
    "conveyor": (r"\b(?:cinta|conveyor|belt|banda|patina|slipping|rodillo|roller)",),
    "cutting": (r"\b(?:cuchilla|cutter|blade|no corta|not cutting|cortar|separating|separa)",),
    "cartons": (
        r"\b(?:caja|cajas|box|boxes|carton|cartons|estuche|estuches|flaps|solapas|glue|cola)",
    ),
    "filling": (
        (r"\b(?:llen|fill|dosific|dosing|underweight|peso|pesan|medio vaci|half empty|tapon|cap"
         r"|caps|capper|enrosc)"),
    ),
    "ice": (
        r"\b(?:hielo|escarcha|ice|iced|frost|frosted|congelado el evaporador|bloque de hielo)",
    ),
    "door": (
        (r"\b(?:puerta|door|cierre|junta|gasket|seal on the door|hinge|bisagra|no cierra|wont close"
         r"|doesnt close)"),
    ),
    "display": (
        (r"\b(?:pantalla|display|screen|panel|teclado|keypad|touch|tactil|botones|buttons|luz|luces"
         r"|light|lights|led|leds|parpade|blink|flash)"),
    ),
    "error": (
        (r"\b(?:error|errores|err|alarma|alarm|alerta|alert|fault|fallo|codigo|code"
         r"|aviso en pantalla|warning)"),
    ),
    "odour": (r"\b(?:olor|olores|huele|smell|smells|stink|peste)",),
    "airflow": (
        (r"\b(?:aire|air|flujo|airflow|ventil|fan|ventilador|filtro|filter|rejilla|vent|sopla|blow"
         r"|blowing|caudal de aire)"),
    ),
}

# Categories that say what kind of fault it is; the others only add detail.
PRIMARY: frozenset[str] = frozenset(_PATTERNS) - {"display", "error", "airflow", "odour"}

_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern)) for category, ps in _PATTERNS.items() for pattern in ps
)


@lru_cache(maxsize=8192)
def symptom_categories(text: str) -> frozenset[str]:
    """Every category whose patterns appear in `text` (any language)."""
    folded = expanded(text)
    return frozenset(category for category, pattern in _COMPILED if pattern.search(folded))
