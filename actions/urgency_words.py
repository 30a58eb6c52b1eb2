"""The words urgency is read from (:mod:`actions.urgency`): one compiled pattern per idea,
in Spanish and English as people type them, matched against folded text (no accents, lower
case). What each idea means for the priority is decided in :mod:`actions.urgency`."""

from __future__ import annotations

import re


def any_of(*patterns: str) -> re.Pattern[str]:
    """One pattern for any of ``patterns``, each starting at a word's beginning."""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")")


# "Not urgent", said outright: wins over everything else in the same text.
NOT_URGENT = any_of(
    r"no (es|esta|corre|me corre|nos corre) (muy |nada )?(urgente|prisa|urge)", r"sin prisa",
    r"no (hay|tenemos) prisa", r"puede esperar", r"no urge", r"cuando (se )?pueda(s|n)?",
    r"not (very |that |really )?urgent", r"no rush", r"no hurry", r"(it |this )?can wait",
    r"whenever", r"in no rush", r"low priority", r"prioridad baja", r"baja prioridad",
    r"nada urgente", r"nothing urgent", r"no urgency", r"not a priority", r"no es prioritari",
    r"next time (a |the |your |one of your )?(technician|tech|engineer|someone)",
    r"la proxima vez que (venga|pase|vengais|paseis)", r"cuando (pase|venga) (el|algun) tecnico",
)
# It still works, so it is not stopped ("no esta parado", "still running").
STILL_WORKS = any_of(
    r"sigue (funcionando|andando|dando|enfriando|imprimiendo|trabajando|en marcha)",
    r"funciona(ndo)? pero", r"todavia funciona", r"aun funciona", r"de momento (va|funciona)",
    r"no (esta|se ha) parad", r"nos apa(n|ñ)amos", r"(still|is) (running|working|going)",
    r"works (ok|fine|but)", r"restarts? (fine|ok)", r"not (stopped|down)", r"isn'?t (down|stopped)",
    r"we have air", r"for now (it )?works", r"(is )?still usable", r"se puede usar",
    r"seguimos (imprimiendo|usando\w*|trabajando|produciendo|funcionando|pudiendo|envasando)",
    r"(we )?can still (print|use|work|run|wrap|produce|pack|drive|lift|cool)",
    r"(we'?re|we are) still using", r"enfriar enfria", r"imprimir imprime",
    r"funciona(n)? pero", r"still (cools|prints|runs|works|makes)",
)
# Only part of what the machine serves is affected: degraded, not stopped.
PARTIAL = any_of(
    r"(el|lo) resto (de (las |los |la |el )?\w+ )?(va|funciona|esta|estan|van|funcionan) bien",
    r"(the )?rest (of (the )?\w+ )?(is|are) (fine|ok|working|running)",
    r"(no|not) (enfria|calienta|funciona|va|cooling|heating|working) en (la|las|el|los) \d",
    r"(no|not) (enfria|calienta|funciona|va|cooling|heating|working) (in|en) (some|a few|"
    r"algunas|algunos|varias|varios|unas|unos|(rooms?|habitacion(es)?) \d)",
    r"solo (en|afecta a) (la|las|el|los|algun|una|un) ", r"only (in|on|affects) (some|a few|one) ",
)
# People in danger, or everything stopped: critical, whatever else is said.
CRITICAL = any_of(
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
# Critical when the fault also reads high: the hours left before a loss that cannot be
# undone, or an intensive-care unit hanging on what stopped.
SPAN = any_of(r"(un par de|unas?|about|around|a couple of|a few|less than|menos de|mas de|"
             r"more than|\d+|dos|tres|cuatro|cinco|seis|two|three|four|five|six|one|una|"
             r"media|half an?|an?) (\w+ )?(horas?|hours?|hrs?|minutos|minutes|mins?)\b")
SINCE = any_of(r"(hace|desde hace|lleva\w*|for the (last|past)|already) (\w+ ){0,3}$")
LOSS = any_of(r"desech", r"tirar", r"dump", r"discard", r"throw", r"\bbin\b", r"spoil",
             r"estrope", r"echar(se)? a perder", r"caduc", r"se (nos )?acaba", r"run(s)? out",
             r"autonomia", r"reserv", r"backup", r"bateria", r"batter(y|ies)", r"botellas",
             r"bottles", r"\bups\b", r"\bsai\b")
LIFE = any_of(r"(uci|icu|cuidados intensivos|intensive care|soporte vital|life support)"
             r" (\w+ ){0,3}(depende|dependen|depends|depend|relies|rely)",
             r"(depende|dependen|depends on|rely on|relies on) (\w+ ){0,3}"
             r"(uci|icu|cuidados intensivos|intensive care|soporte vital|life support)")
EMERGENCY = any_of(r"emergenc", r"urgentisim", r"muy urgente", r"super urgente",
                  r"extremely urgent", r"very urgent", r"life or death")
STOPPED = any_of(
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
    r"won'?t (drive|move|travel|steer|go)", r"no traction", r"sin traccion",
    r"no (avanza|se mueve|tracciona|rearranca|gira)\b",
    r"(server|system|network|internet|wifi|erp|website|e?mail)s? (is |are )?(completely |totally "
    r")?down\b",
    r"(servidor|server|sistema|system|red|network|erp|correo|web|centralita)(es|s)? (\w+ )?"
    r"caid[oa]s?\b",
)
UNSAFE = any_of(
    r"peligr", r"insegur", r"humo", r"fuego", r"(?<!alarma de )(?<!central de )incendio",
    r"chispa", r"quemad", r"huele a quemado",
    r"olor a quemado", r"descargas? electric", r"(da|dio|dan|daba) (una |unas )?descargas?\b",
    r"calambre", r"fuga de gas", r"huele a gas", r"herid",
    r"accidente", r"unsafe", r"danger", r"hazard", r"smoke",
    r"fire\b(?! (alarm|door|exit|extinguisher|panel|sprinkler))", r"sparks?", r"burn(t|ing)",
    r"electric shock", r"gas leak", r"smells? of gas", r"injur", r"accident",
)
AT_RISK = any_of(
    # production
    r"produccion (parada|detenida|afectada)", r"linea (parada|detenida)", r"paran? la linea",
    r"production (is |has )?(stopped|down|halted|affected|at risk)", r"line (is )?(down|stopped)",
    r"stopping production", r"we'?re losing production", r"perdiendo produccion",
    # food (a word of food alone is no risk: B13's "mural d lacteos no enfria bien")
    r"tirar (el |la )?(genero|comida|producto|mercancia)", r"se (nos )?(estropea|echa a perder)",
    r"(habra|tendremos|tendriamos|hay) que (desechar|tirar)",
    r"(have|need|going) to (dump|discard|bin|throw)",
    r"food (safety|at risk|will spoil|is spoiling|inside|in it)", r"perishable", r"spoil",
    r"(con|with) (la |el )?(comida|food|genero|producto|stock) (dentro|inside)",
    r"(y|and) (sigue )?(subiendo|rising|climbing|going up)", r"temperature (is )?rising",
    r"la temperatura (sigue )?subiendo", r"(lo )?(tendremos|tendriamos|vamos) a? ?que tirar",
    r"(have|need|going) to (throw|bin) (it|everything|the)",
    r"frozen (food|stock)", r"fuera de(l)? (frio|la camara|la nevera)",
    r"out of the (fridge|cold|freezer)",
    r"throw (away|out) (the )?(stock|food|product)",
    # health
    r"paciente", r"quirofano", r"uci\b", r"urgencias", r"vacuna", r"medicament", r"insulin",
    r"patients?", r"operating (theatre|theater|room)", r"\bicu\b", r"vaccine", r"medicine",
    # critical IT: overheating ("running hot"; "and climbing" above); a server named alone
    # is no risk ("the print queue on the file server keeps stalling")
    r"running hot", r"(se estan|se esta) (calentando|recalentando)", r"overheating (servers|racks)",
    # explicit urgency
    r"urgent", r"asap", r"cuanto antes", r"lo antes posible", r"as soon as possible", r"emergenc",
    r"priori(ty|tise|tize|dad|zar|cen|ce)(?! (normal|media|baja|low|medium))",
    r"rapido porfa", r"right away", r"immediately",
)
# What a fault costs the customer, said outright: high whatever else is said.
IMPACT = any_of(
    r"(a|al|van a|va a) medio gas", r"(la )?mitad de (la )?(produccion|capacidad|pedidos)",
    r"half (the |our )?(production|capacity|output|throughput|orders)",
    r"(at|to) half (capacity|speed|output)", r"no da (el )?(caudal|abasto|aire|presion) "
    r"(suficiente )?para", r"not enough (air|capacity|cooling|pressure|heat) for",
    r"can'?t keep up", r"no (damos|llegamos) (a )?abasto",
    r"(guests?|huespedes|clientes|customers|residentes|pacientes)( are)? (\w+ ){0,2}"
    r"(complain|quej)", r"complaints? (are |keep )?(coming|pouring) in",
    r"(quejas|reclamaciones) de (los )?(clientes|huespedes)",
    r"(guest )?rooms (are )?(getting|warming|heating|too) (up )?(warm|hot|cold|fast)?",
    r"habitaciones (\w+ ){0,2}(calor|frio|calientes|calentando)",
    r"(trailers|trucks|camiones|lorries|containers|contenedores) (\w+ ){0,2}"
    r"(waiting|esperando)",
    r"(personas|people|staff|empleados|trabajadores|operarios) (\w+ ){0,2}"
    r"(sin poder trabajar|can'?t work|cannot work|unable to work|parad)",
)
DEGRADED = any_of(
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
    r"only lasts?", r"(no|ya no) dura", r"dura (muy )?poco", r"se descarga",
    r"drains? (fast|quick)", r"sluggish", r"laggy", r"a tirones",
    # a fault that keeps coming back
    r"keeps \w+ing", r"no para de", r"cada dos por tres", r"se (nos )?para\b", r"stall",
    r"se cuelga", r"arranca y para", r"starts and stops", r"cuts? out", r"corta(ndo)?\b",
    # print quality
    r"rayas", r"streak", r"manchas", r"smudg", r"faint", r"borros", r"blurr",
)
COSMETIC = any_of(
    r"estetic", r"cosmetic", r"aranazo", r"rayad", r"rayon", r"scratch", r"abollad", r"dent\b",
    r"pintura", r"paint", r"pegatina", r"sticker", r"etiqueta despegada", r"label (is )?peel",
    r"tapa suelta", r"loose (cover|panel|trim)", r"embellecedor", r"solo (es )?(visual|estetico)",
    r"only (visual|cosmetic)", r"just (looks|cosmetic)",
)

# A cold store's temperature: "a 9 grados", "at 11C", "+9 °C", "a -8 y subiendo".
COLD = any_of(r"camara", r"nevera", r"frigorific", r"congela", r"arcon", r"mural", r"vitrina",
             r"frio", r"fridge", r"freezer", r"frozen", r"cold (store|room)", r"chilled",
             r"refriger", r"abatidor", r"yogur", r"lacteo", r"leche", r"helados", r"vacuna",
             r"insulin", r"vaccine", r"dairy", r"cheese", r"queso", r"genero", r"food", r"stock")
DEGREES = re.compile(r"(?<![\d.,])([+-]?) ?(\d{1,2})(?:[.,]\d)? ?(?:°|o(?= ?c\b))? ?"
                      r"(?:c|grados|degrees|deg)\b")
AT_TEMP = re.compile(r"(?:(?:esta|estan|marca|marcan|is|are|sits|reads|running)(?: a| at)? "
                      r"([+-]?)|\b(?:a|at) (-)) ?(\d{1,2})\b(?![:.,]\d| ?%| ?h\b)")
